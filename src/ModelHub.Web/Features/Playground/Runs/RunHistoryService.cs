using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Teams;

namespace ModelHub.Web.Features.Playground.Runs;

/// <summary>
/// Reads the team's runs: one run with its targets (live while it streams), the run to watch, and the
/// history list. Viewers and above read. Starting and limiting runs is <see cref="RunService"/>'s job.
/// </summary>
public sealed class RunHistoryService(IDbContextFactory<ModelHubDbContext> databases, LiveRuns liveRuns, RunFanOut fanOut)
{
    public async Task<RunView> GetAsync(Caller caller, Guid teamId, Guid runId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Viewer, cancellationToken);
        var run = await db.PlaygroundRuns.AsNoTracking().InTeam(membership)
            .Include(r => r.Targets)
            .SingleOrDefaultAsync(r => r.Id == runId, cancellationToken)
            ?? throw new NotFoundException("That run does not exist in this team.");
        var author = await db.Users.Where(u => u.Id == run.AuthorUserId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        var live = liveRuns.Find(membership.TeamId, runId);
        var targets = live is { IsFinished: false } ? live.Snapshot() : [.. run.Targets.OrderBy(t => t.Position).Select(RunTargetView.From)];
        return ToView(run, author ?? "(deleted user)", targets, live is { IsFinished: false } ? RunStatus.Running : run.Status);
    }

    /// <summary>
    /// The run while it streams, for pages that watch it: the run itself when this instance executes
    /// it, a mirror when another does; null once it has finished.
    /// </summary>
    public async Task<LiveRun?> WatchAsync(Caller caller, Guid teamId, Guid runId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Viewer, cancellationToken);
        return liveRuns.Find(membership.TeamId, runId) ?? await fanOut.FollowAsync(membership.TeamId, runId, cancellationToken);
    }

    public async Task<RunPage> ListAsync(Caller caller, Guid teamId, RunQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Viewer, cancellationToken);
        var runs = db.PlaygroundRuns.AsNoTracking().InTeam(membership);
        if (query.Status is { } status)
        {
            runs = runs.Where(r => r.Status == status);
        }

        if (query.MineOnly)
        {
            runs = runs.Where(r => r.AuthorUserId == caller.UserId);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = SqlLike.Containing(query.Search.Trim());
            runs = runs.Where(r => EF.Functions.Like(r.Title, pattern, SqlLike.Escape)
                || r.Targets.Any(t => EF.Functions.Like(t.DisplayName, pattern, SqlLike.Escape) || EF.Functions.Like(t.ProviderModelId, pattern, SqlLike.Escape)));
        }

        var total = await runs.CountAsync(cancellationToken);
        var page = await Ordered(runs, query)
            .Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, 200))
            .Select(r => new
            {
                r.Id,
                r.Title,
                r.Status,
                r.CreatedAtUtc,
                Author = db.Users.Where(u => u.Id == r.AuthorUserId).Select(u => u.Email).FirstOrDefault(),
                Targets = r.Targets.OrderBy(t => t.Position).Select(t => new { t.DisplayName, t.CostUsd }).ToList(),
            })
            .ToListAsync(cancellationToken);

        return new RunPage(
            [.. page.Select(r => new RunSummary(r.Id, r.Title, r.Status, r.CreatedAtUtc, r.Author ?? "(deleted user)",
                [.. r.Targets.Select(t => t.DisplayName)],
                r.Targets.Any(t => t.CostUsd != null) ? r.Targets.Sum(t => t.CostUsd ?? 0) : null))],
            total);
    }

    private static IQueryable<PlaygroundRun> Ordered(IQueryable<PlaygroundRun> runs, RunQuery query) => (query.SortBy, query.Descending) switch
    {
        (RunSort.Title, false) => runs.OrderBy(r => r.Title).ThenByDescending(r => r.CreatedAtUtc),
        (RunSort.Title, true) => runs.OrderByDescending(r => r.Title).ThenByDescending(r => r.CreatedAtUtc),
        (RunSort.Status, false) => runs.OrderBy(r => r.Status).ThenByDescending(r => r.CreatedAtUtc),
        (RunSort.Status, true) => runs.OrderByDescending(r => r.Status).ThenByDescending(r => r.CreatedAtUtc),
        (_, false) => runs.OrderBy(r => r.CreatedAtUtc).ThenBy(r => r.Id),
        _ => runs.OrderByDescending(r => r.CreatedAtUtc).ThenByDescending(r => r.Id),
    };

    internal static RunView ToView(PlaygroundRun run, string author, IReadOnlyList<RunTargetView> targets, RunStatus status) => new(
        run.Id, run.TeamId, author, run.Title, run.SystemPrompt,
        RunJson.Deserialize<List<ChatMessage>>(run.MessagesJson),
        RunJson.Deserialize<RunParameters>(run.ParametersJson),
        status, run.CreatedAtUtc, run.FinishedAtUtc, targets);
}
