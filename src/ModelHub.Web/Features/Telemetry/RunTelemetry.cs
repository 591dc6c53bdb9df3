using System.Diagnostics.Metrics;
using ModelHub.Web.Features.Playground.Providers;
using ModelHub.Web.Features.Playground.Runs;

namespace ModelHub.Web.Features.Telemetry;

/// <summary>
/// What one finished run target adds to the metrics: a run counted by provider and outcome, its time
/// to first token and output speed, and a failure by provider and error kind. The provider is named by
/// its endpoint's authority (<c>api.openai.com</c>), never by anything a user typed into a prompt.
/// </summary>
public sealed class RunTelemetry
{
    private readonly Counter<long> runs;
    private readonly Histogram<double> timeToFirstToken;
    private readonly Histogram<double> tokensPerSecond;
    private readonly Counter<long> errors;

    public RunTelemetry(ModelHubMeter meter)
    {
        runs = meter.Meter.CreateCounter<long>("modelhub.runs", "{run}", "Run targets finished, by provider and outcome.");
        timeToFirstToken = meter.Meter.CreateHistogram<double>("modelhub.run.time_to_first_token", "ms", "Time from sending a run target to its first token.");
        tokensPerSecond = meter.Meter.CreateHistogram<double>("modelhub.run.tokens_per_second", "{token}/s", "Output tokens per second once a target started answering.");
        errors = meter.Meter.CreateCounter<long>("modelhub.run.errors", "{error}", "Run targets that failed, by provider and error kind.");
    }

    public void TargetFinished(ProviderEndpoint endpoint, LiveTarget target)
    {
        var row = target.Snapshot();
        var provider = new KeyValuePair<string, object?>("provider", endpoint.BaseUrl.Authority);
        runs.Add(1, provider, new("outcome", row.Status.ToString()));
        if (row.TimeToFirstTokenMs is { } firstToken)
        {
            timeToFirstToken.Record(firstToken, provider);
        }

        if (RunMetrics.TokensPerSecond(row.OutputTokens, row.TimeToFirstTokenMs, row.TotalMs) is { } speed)
        {
            tokensPerSecond.Record(speed, provider);
        }

        if (row.Status == RunStatus.Failed)
        {
            errors.Add(1, provider, new("error.type", row.ErrorKind ?? "Unknown"));
        }
    }
}
