using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Instances;

namespace ModelHub.Web.Features.Playground.Runs;

/// <summary>
/// Marks runs interrupted whose instance stopped before they ended, keeping the output saved up to
/// the last checkpoint. At start-up on SQLite, where one instance is all there can be, every run
/// still marked running was cut by the last shutdown. On a server database other instances may be
/// streaming, so only this instance's own runs and runs whose lease ran out are marked, here and
/// then every few seconds by <see cref="RunLeaseKeeper"/>.
/// </summary>
public sealed partial class InterruptedRuns(
    IDbContextFactory<ModelHubDbContext> databases,
    IOptions<DatabaseOptions> database,
    InstanceIdentity instance,
    LiveRuns liveRuns,
    TimeProvider clock,
    ILogger<InterruptedRuns> logger) : IHostedService
{
    public const string Message = "The server running this stopped or restarted before it finished. The output saved until then is kept; run it again for a full answer.";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var alone = string.Equals(database.Value.Provider, DatabaseProviders.Sqlite, StringComparison.OrdinalIgnoreCase);
        await MarkAsync(alone, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Marks the runs no instance executes any more; with <paramref name="all"/>, every running run not streaming here.</summary>
    public async Task<int> MarkAsync(bool all, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var streamingHere = liveRuns.All.Where(r => !r.IsMirror && !r.IsFinished).Select(r => r.Id).ToList();
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var abandoned = db.PlaygroundRuns.Where(r => r.Status == RunStatus.Running && !streamingHere.Contains(r.Id));
        if (!all)
        {
            abandoned = abandoned.Where(r => r.OwnerInstance == instance.Name || r.LeaseExpiresAtUtc == null || r.LeaseExpiresAtUtc < now);
        }

        var runIds = await abandoned.Select(r => r.Id).ToListAsync(cancellationToken);
        if (runIds.Count == 0)
        {
            return 0;
        }

        var targets = await db.RunTargets.Where(t => runIds.Contains(t.RunId) && t.Status == RunStatus.Running)
            .ExecuteUpdateAsync(s => s
                .SetProperty(t => t.Status, RunStatus.Interrupted)
                .SetProperty(t => t.ErrorKind, "Interrupted")
                .SetProperty(t => t.ErrorMessage, Message)
                .SetProperty(t => t.FinishedAtUtc, now), cancellationToken);
        // The status is checked again, so a run its owner finished meanwhile keeps its own ending.
        var runs = await db.PlaygroundRuns.Where(r => runIds.Contains(r.Id) && r.Status == RunStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Interrupted).SetProperty(r => r.FinishedAtUtc, now), cancellationToken);
        if (runs + targets > 0)
        {
            LogMarked(runs, targets);
        }

        return runs;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Marked {RunCount} run(s) and {TargetCount} target(s) interrupted: the instance running them stopped")]
    private partial void LogMarked(int runCount, int targetCount);
}

/// <summary>
/// Keeps this instance's running runs leased, and marks interrupted the runs of instances that
/// stopped renewing theirs. Renewing every third of the lease leaves two chances to miss; a dead
/// instance's run is marked at most a lease and a check later (30 + 10 seconds by default).
/// </summary>
public sealed partial class RunLeaseKeeper(
    IDbContextFactory<ModelHubDbContext> databases,
    LiveRuns liveRuns,
    InterruptedRuns interrupted,
    IOptions<InstanceOptions> options,
    TimeProvider clock,
    ILogger<RunLeaseKeeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lease = options.Value.RunLease;
        using var timer = new PeriodicTimer(lease / 3, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RenewAsync(lease, stoppingToken);
                await interrupted.MarkAsync(all: false, stoppingToken);
            }
            catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                LogFailed(ex);
            }
        }
    }

    private async Task RenewAsync(TimeSpan lease, CancellationToken cancellationToken)
    {
        var mine = liveRuns.All.Where(r => !r.IsMirror && !r.IsFinished).Select(r => r.Id).ToList();
        if (mine.Count == 0)
        {
            return;
        }

        var until = clock.GetUtcNow().UtcDateTime + lease;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await db.PlaygroundRuns.Where(r => mine.Contains(r.Id) && r.Status == RunStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseExpiresAtUtc, until), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing run leases or checking for abandoned runs failed; trying again at the next tick")]
    private partial void LogFailed(Exception exception);
}
