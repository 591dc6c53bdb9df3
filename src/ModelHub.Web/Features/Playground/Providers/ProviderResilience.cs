using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using ModelHub.Web.Features.Common.Outbound;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace ModelHub.Web.Features.Playground.Providers;

/// <summary>Settings under <c>Playground:Resilience</c>: how provider calls are retried and when a failing provider is paused.</summary>
public sealed class ProviderResilienceOptions
{
    public const string Section = "Playground:Resilience";

    /// <summary>Retries after a transient failure (429, 5xx gateway errors, a refused connection) that came before any answer.</summary>
    [Range(0, 5)]
    public int MaxRetries { get; set; } = 2;

    /// <summary>The first backoff delay; later ones double, with jitter.</summary>
    [Range(1, 60_000)]
    public int RetryBaseDelayMilliseconds { get; set; } = 500;

    /// <summary>The longest Retry-After worth waiting for; a longer one reaches the user at once with the wait in the message.</summary>
    [Range(0, 300)]
    public int MaxRetryAfterSeconds { get; set; } = 10;

    /// <summary>How long a call that does not stream (model lists, Replicate's polling) may wait for an answer, per attempt.</summary>
    [Range(1, 600)]
    public int AttemptTimeoutSeconds { get; set; } = 30;

    /// <summary>The share of failed attempts, within the sampling window, that pauses calls to a provider endpoint.</summary>
    [Range(0.01, 1.0)]
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>Attempts in the sampling window before the failure ratio counts.</summary>
    [Range(2, 10_000)]
    public int BreakerMinimumThroughput { get; set; } = 10;

    [Range(1, 3600)]
    public int BreakerSamplingSeconds { get; set; } = 30;

    /// <summary>How long calls to a provider endpoint stay paused once its breaker opens.</summary>
    [Range(1, 3600)]
    public int BreakerPauseSeconds { get; set; } = 30;
}

/// <summary>
/// The retry, circuit breaker and attempt timeout on the playground's provider client. The pipeline
/// wraps sending up to the response headers only (calls use <see cref="HttpCompletionOption.ResponseHeadersRead"/>),
/// so nothing is retried once an answer has started streaming. One pipeline, and so one breaker,
/// per provider authority: a failing provider pauses only itself.
/// </summary>
public static class ProviderResilience
{
    public const string PipelineName = "provider-calls";

    public static IHttpClientBuilder AddProviderResilience(this IHttpClientBuilder client)
    {
        client.Services.AddOptions<ProviderResilienceOptions>().BindConfiguration(ProviderResilienceOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        client.AddResilienceHandler(PipelineName, (pipeline, context) =>
        {
            var settings = context.ServiceProvider.GetRequiredService<IOptions<ProviderResilienceOptions>>().Value;
            var maxRetryAfter = TimeSpan.FromSeconds(settings.MaxRetryAfterSeconds);
            pipeline
                .AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = Math.Max(1, settings.MaxRetries),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromMilliseconds(settings.RetryBaseDelayMilliseconds),
                    ShouldHandle = args => ValueTask.FromResult(settings.MaxRetries > 0 && ShouldRetry(args.Outcome, maxRetryAfter)),
                    DelayGenerator = args => ValueTask.FromResult(args.Outcome.Result is { } response ? RetryAfter(response) : null),
                })
                .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = settings.BreakerFailureRatio,
                    MinimumThroughput = settings.BreakerMinimumThroughput,
                    SamplingDuration = TimeSpan.FromSeconds(settings.BreakerSamplingSeconds),
                    BreakDuration = TimeSpan.FromSeconds(settings.BreakerPauseSeconds),
                    ShouldHandle = args => ValueTask.FromResult(IsProviderFailure(args.Outcome)),
                })
                .AddTimeout(new HttpTimeoutStrategyOptions
                {
                    // Streams have the executor's first-token, stall and total timeouts, which know about streaming.
                    TimeoutGenerator = args => ValueTask.FromResult(IsStreaming(args.Context.GetRequestMessage())
                        ? Timeout.InfiniteTimeSpan
                        : TimeSpan.FromSeconds(settings.AttemptTimeoutSeconds)),
                });
        }).SelectPipelineByAuthority();
        return client;
    }

    /// <summary>Worth another attempt: the provider had a passing problem, and any wait it asked for is short.</summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, TimeSpan maxRetryAfter)
    {
        if (outcome.Result is { } response)
        {
            return response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
                    or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout
                && (RetryAfter(response) is not { } wait || wait <= maxRetryAfter);
        }

        return IsConnectionFailure(outcome.Exception) || outcome.Exception is TimeoutRejectedException;
    }

    /// <summary>A failure of the provider itself; a rate-limited or rejected key is the caller's, and must not pause everyone's calls.</summary>
    internal static bool IsProviderFailure(Outcome<HttpResponseMessage> outcome) => outcome.Result is { } response
        ? response.StatusCode is HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout
        : IsConnectionFailure(outcome.Exception) || outcome.Exception is TimeoutRejectedException;

    /// <summary>The Retry-After a response asks for, in seconds or as a date; null when it names none.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>A connection that could not be made; an address the outbound guard blocked is not a passing problem.</summary>
    private static bool IsConnectionFailure(Exception? exception) =>
        exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } failure
        && failure.InnerException is not OutboundBlockedException;

    private static bool IsStreaming(HttpRequestMessage? request) =>
        request?.Headers.Accept.Any(a => string.Equals(a.MediaType, "text/event-stream", StringComparison.OrdinalIgnoreCase)) == true;
}
