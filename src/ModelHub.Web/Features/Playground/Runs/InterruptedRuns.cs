using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;

namespace ModelHub.Web.Features.Playground.Runs;

/// <summary>
/// At start-up, no run can still be streaming: any marked running was cut by the last shutdown or
/// crash. They are marked interrupted, keeping the output saved up to the last checkpoint.
/// (One server runs the playground; with several, this would need a per-instance owner column.)
/// </summary>
public sealed partial class InterruptedRuns(IDbContextFactory<ModelHubDbContext> databases, ILogger<InterruptedRuns> logger) : IHostedService
{
    public const string Message = "The server restarted while this was running. The output saved before the restart is kept; run it again for a full answer.";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var now = DateTime.UtcNow;
        var targets = await db.RunTargets.Where(t => t.Status == RunStatus.Running)
            .ExecuteUpdateAsync(s => s
                .SetProperty(t => t.Status, RunStatus.Interrupted)
                .SetProperty(t => t.ErrorKind, "Interrupted")
                .SetProperty(t => t.ErrorMessage, Message)
                .SetProperty(t => t.FinishedAtUtc, now), cancellationToken);
        var runs = await db.PlaygroundRuns.Where(r => r.Status == RunStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Interrupted).SetProperty(r => r.FinishedAtUtc, now), cancellationToken);
        if (runs + targets > 0)
        {
            LogMarked(runs, targets);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Marked {RunCount} run(s) and {TargetCount} target(s) interrupted by the last shutdown")]
    private partial void LogMarked(int runCount, int targetCount);
}
