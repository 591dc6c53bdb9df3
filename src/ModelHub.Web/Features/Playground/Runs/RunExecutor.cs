using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Playground.Providers;

namespace ModelHub.Web.Features.Playground.Runs;

/// <summary>One target ready to go: its saved row and the call to make.</summary>
public sealed record PreparedTarget(RunTarget Row, ProviderCall Call);

/// <summary>
/// Streams every target of a run at once, on the server rather than in the page that started it,
/// so a run carries on when its tab closes. Each target is measured and saved as it ends; the
/// streamed text is also saved every couple of seconds, so a restart loses little.
/// </summary>
public sealed partial class RunExecutor(
    IEnumerable<IChatProvider> providers,
    IDbContextFactory<ModelHubDbContext> databases,
    LiveRuns liveRuns,
    RunFanOut fanOut,
    IOptionsMonitor<PlaygroundOptions> options,
    IHostApplicationLifetime lifetime,
    Telemetry.RunTelemetry telemetry,
    ILogger<RunExecutor> logger)
{
    private static readonly TimeSpan CheckpointInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan KeepFinishedRuns = TimeSpan.FromMinutes(2);

    private readonly Dictionary<ApiStyle, IChatProvider> byStyle = providers.ToDictionary(p => p.Style);

    /// <summary>
    /// Starts every target. <paramref name="saved"/> is the insert of the run's rows: nothing is
    /// written before it completes, and if it fails the targets are stopped and nothing is written.
    /// The live targets work on copies of the rows, never on the entities the saving context tracks.
    /// </summary>
    public LiveRun Start(PlaygroundRun run, IReadOnlyList<PreparedTarget> targets, Task saved)
    {
        var live = new LiveRun(run.Id, run.TeamId, [.. targets.Select(t => new LiveTarget(t.Row.Copy()))]);
        _ = saved.ContinueWith(_ =>
        {
            foreach (var target in live.Targets)
            {
                target.Cancellation.Cancel();
            }
        }, CancellationToken.None, TaskContinuationOptions.NotOnRanToCompletion, TaskScheduler.Default);
        liveRuns.Add(live);
        fanOut.Publish(live);
        var remaining = targets.Count;
        for (var i = 0; i < targets.Count; i++)
        {
            var target = live.Targets[i];
            var call = targets[i].Call;
            _ = Task.Run(async () =>
            {
                await ExecuteAsync(live, target, call, saved);
                if (Interlocked.Decrement(ref remaining) == 0)
                {
                    await FinishRunAsync(live, saved);
                }
            });
        }

        return live;
    }

    private async Task ExecuteAsync(LiveRun run, LiveTarget target, ProviderCall call, Task saved)
    {
        var settings = options.CurrentValue;
        var firstTokenTimeout = TimeSpan.FromSeconds(settings.FirstTokenTimeoutSeconds);
        var totalTimeout = TimeSpan.FromSeconds(settings.TotalTimeoutSeconds);
        var stallTimeout = TimeSpan.FromSeconds(settings.StallTimeoutSeconds);
        var stallLimited = false;
        using var timeout = new CancellationTokenSource(firstTokenTimeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(target.Cancellation.Token, timeout.Token, lifetime.ApplicationStopping);

        var splitter = new ThinkTagSplitter();
        var clock = Stopwatch.StartNew();
        var lastCheckpoint = TimeSpan.Zero;
        double? firstTokenMs = null;
        UsageReport? usage = null;
        string? finishReason = null;
        try
        {
            var provider = byStyle.GetValueOrDefault(call.Endpoint.Style)
                ?? throw new ProviderException(ProviderErrorKind.BadRequest, $"ModelHub cannot call {call.Endpoint.Style} APIs.");
            await foreach (var item in provider.StreamAsync(call, linked.Token))
            {
                switch (item)
                {
                    case TextDelta text:
                        var (answer, thought) = splitter.Push(text.Text);
                        target.Append(answer, thought);
                        break;
                    case ReasoningDelta reasoning:
                        target.Append("", reasoning.Text);
                        break;
                    case UsageReport report:
                        usage = report;
                        break;
                    case StreamFinished finished:
                        finishReason = finished.Reason;
                        break;
                }

                if (firstTokenMs is null && item is TextDelta or ReasoningDelta)
                {
                    firstTokenMs = clock.Elapsed.TotalMilliseconds;
                    target.Update(t => t.TimeToFirstTokenMs = firstTokenMs);
                }

                if (firstTokenMs is not null)
                {
                    // Once answering, each chunk buys the stall allowance, never past the whole run's allowance counted from the start.
                    var left = totalTimeout - clock.Elapsed;
                    stallLimited = stallTimeout < left;
                    timeout.CancelAfter(TimeSpan.FromMilliseconds(Math.Max(1, (stallLimited ? stallTimeout : left).TotalMilliseconds)));
                }

                run.NotifyChanged();
                if (clock.Elapsed - lastCheckpoint > CheckpointInterval && saved.IsCompletedSuccessfully)
                {
                    lastCheckpoint = clock.Elapsed;
                    await CheckpointAsync(target);
                }
            }

            Flush(target, splitter);
            target.Update(t => t.Status = RunStatus.Succeeded);
        }
        catch (OperationCanceledException) when (target.CancelledByUser)
        {
            Flush(target, splitter);
            target.Update(t =>
            {
                t.Status = RunStatus.Cancelled;
                t.ErrorKind = "Cancelled";
                t.ErrorMessage = "Cancelled. The output up to that moment is kept.";
            });
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            Flush(target, splitter);
            target.Update(t =>
            {
                t.Status = RunStatus.Interrupted;
                t.ErrorKind = "Interrupted";
                t.ErrorMessage = "The server stopped while this was running. The output up to that moment is kept.";
            });
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            Flush(target, splitter);
            var message = firstTokenMs is null
                ? $"{call.Endpoint.Name} sent nothing within {firstTokenTimeout.TotalSeconds:0} seconds, so the request was stopped. The provider may be overloaded; try again or pick another route."
                : stallLimited
                    ? $"{call.Endpoint.Name} stopped sending for {stallTimeout.TotalSeconds:0} seconds in the middle of the answer, so the request was stopped. The partial output is kept; try again or pick another route."
                    : $"The answer took longer than {totalTimeout.TotalSeconds:0} seconds in all and was stopped. The partial output is kept; lower the maximum output tokens or try again.";
            target.Update(t => Fail(t, nameof(ProviderErrorKind.TimedOut), message, null, null));
        }
        catch (ProviderException ex)
        {
            Flush(target, splitter);
            target.Update(t => Fail(t, ex.Kind.ToString(), ex.Message, ex.StatusCode, ex.Detail));
        }
        catch (UserFacingException ex)
        {
            Flush(target, splitter);
            target.Update(t => Fail(t, nameof(ProviderErrorKind.Unreachable), ex.Message, null, null));
        }
        catch (Exception ex)
        {
            Flush(target, splitter);
            LogUnexpected(ex, run.Id);
            target.Update(t => Fail(t, "Unexpected", $"Something went wrong on ModelHub's side ({ex.GetType().Name}). The partial output is kept; try again.", null, ex.Message));
        }

        var total = clock.Elapsed.TotalMilliseconds;
        var (output, reasoningText) = target.Text();
        target.Update(t =>
        {
            t.TotalMs = total;
            t.FinishReason = finishReason;
            t.FinishedAtUtc = DateTime.UtcNow;
            t.InputTokens = usage?.InputTokens;
            t.OutputTokens = usage?.OutputTokens;
            // Input is estimated only when the model evidently read the prompt; a refused request used nothing.
            if (t.InputTokens is null && (t.Status == RunStatus.Succeeded || output.Length > 0 || reasoningText.Length > 0))
            {
                t.InputTokens = TokenEstimator.EstimateInput(call.SystemPrompt, call.Messages);
                t.UsageEstimated = true;
            }

            if (t.OutputTokens is null && (output.Length > 0 || reasoningText.Length > 0))
            {
                t.OutputTokens = TokenEstimator.Estimate(output + reasoningText);
                t.UsageEstimated = true;
            }

            // A request that never reached the model costs nothing; otherwise price what was used.
            t.CostUsd = output.Length == 0 && reasoningText.Length == 0 && usage is null
                ? (t.InputPricePerMillion is null && t.OutputPricePerMillion is null ? null : 0m)
                : RunMetrics.Cost(t.InputTokens, t.OutputTokens, t.InputPricePerMillion, t.OutputPricePerMillion);
        });
        LogTargetFinished(run.Id, target.Id, target.Status, total);
        telemetry.TargetFinished(call.Endpoint, target);

        if (await SucceededAsync(saved))
        {
            await SaveTargetAsync(target);
        }

        run.NotifyChanged();
    }

    /// <summary>Waits for the run's insert; false when it failed, so there is no row to write to.</summary>
    private static async Task<bool> SucceededAsync(Task saved)
    {
        try
        {
            await saved;
            return true;
        }
        catch (Exception)
        {
            // The caller of StartAsync got the error; the executor only has to stay quiet.
            return false;
        }
    }

    private static void Fail(RunTarget target, string kind, string message, int? statusCode, string? detail)
    {
        target.Status = RunStatus.Failed;
        target.ErrorKind = kind;
        target.ErrorMessage = message;
        target.ProviderStatusCode = statusCode;
        target.ErrorDetail = detail;
    }

    private static void Flush(LiveTarget target, ThinkTagSplitter splitter)
    {
        var (answer, thought) = splitter.Flush();
        target.Append(answer, thought);
    }

    private async Task CheckpointAsync(LiveTarget target)
    {
        try
        {
            var (output, reasoning) = target.Text();
            // The first token's time is known by now; kept with the text, an interrupted answer still shows it.
            var firstTokenMs = target.FirstTokenMs;
            await using var db = await databases.CreateDbContextAsync();
            await db.RunTargets.Where(t => t.Id == target.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Output, output).SetProperty(t => t.Reasoning, reasoning).SetProperty(t => t.TimeToFirstTokenMs, firstTokenMs));
        }
        catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
        {
            // A missed checkpoint only matters if the server dies; the final save still happens.
            LogCheckpointFailed(ex, target.Id);
        }
    }

    private async Task SaveTargetAsync(LiveTarget target)
    {
        var row = target.ToRow();
        await using var db = await databases.CreateDbContextAsync(CancellationToken.None);
        var saved = await db.RunTargets.SingleAsync(t => t.Id == row.Id);
        db.Entry(saved).CurrentValues.SetValues(row);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private async Task FinishRunAsync(LiveRun run, Task saved)
    {
        try
        {
            if (!await SucceededAsync(saved))
            {
                return;
            }

            var status = RunMetrics.Aggregate(run.Targets.Select(t => t.Status));
            await using var db = await databases.CreateDbContextAsync(CancellationToken.None);
            await db.PlaygroundRuns.Where(r => r.Id == run.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status).SetProperty(r => r.FinishedAtUtc, DateTime.UtcNow));
        }
        catch (Exception ex)
        {
            LogUnexpected(ex, run.Id);
        }
        finally
        {
            run.Complete();
            liveRuns.RemoveLater(run, KeepFinishedRuns);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} target {TargetId} ended {Status} after {ElapsedMs:0} ms")]
    private partial void LogTargetFinished(Guid runId, Guid targetId, RunStatus status, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId} hit an unexpected error")]
    private partial void LogUnexpected(Exception exception, Guid runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Saving the partial output of target {TargetId} failed")]
    private partial void LogCheckpointFailed(Exception exception, Guid targetId);
}
