using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Teams;

namespace ModelHub.Web.Features.Comparisons;

/// <summary>A saved comparison whose routes changed since the caller last opened it.</summary>
public sealed record UnseenPriceChanges(Guid TeamId, string TeamName, Guid ComparisonId, string ComparisonName, int Changes, DateTime LatestChangeUtc);

/// <summary>
/// Tells members when a route under one of their team's saved comparisons changed since they last opened it:
/// a price, the context window or the status differs from the comparison's snapshot, or the route is gone.
/// Scoped, so in a circuit the page that marks a comparison seen and the app bar's bell share one instance.
/// </summary>
public sealed class PriceChangeNotifications(IDbContextFactory<ModelHubDbContext> databases, TimeProvider clock)
{
    /// <summary>Raised after the caller opened a comparison, so the bell can drop it without waiting for the next navigation.</summary>
    public event Action? Seen;

    public async Task MarkSeenAsync(Caller caller, Guid teamId, Guid comparisonId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Viewer, cancellationToken);
        if (!await db.Comparisons.InTeam(membership).AnyAsync(c => c.Id == comparisonId, cancellationToken))
        {
            throw new NotFoundException("That comparison does not exist in this team.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (await TouchAsync(db, caller.UserId, comparisonId, now, cancellationToken) == 0)
        {
            db.ComparisonsSeen.Add(new ComparisonSeen { ComparisonId = comparisonId, UserId = caller.UserId, SeenAtUtc = now });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // The same person opened it in two tabs at once and the other insert won: update that row instead.
                await TouchAsync(db, caller.UserId, comparisonId, now, cancellationToken);
            }
        }

        Seen?.Invoke();
    }

    public async Task<IReadOnlyList<UnseenPriceChanges>> UnseenAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var rows = await UnseenChanges(db, caller.UserId)
            .GroupBy(x => new { x.TeamId, x.TeamName, x.ComparisonId, x.ComparisonName })
            .Select(g => new { g.Key.TeamId, g.Key.TeamName, g.Key.ComparisonId, g.Key.ComparisonName, Changes = g.Sum(x => x.Changes), Latest = g.Max(x => x.ChangedAtUtc) })
            .OrderByDescending(r => r.Latest).ThenBy(r => r.ComparisonName)
            .ToListAsync(cancellationToken);
        return rows.Select(r => new UnseenPriceChanges(r.TeamId, r.TeamName, r.ComparisonId, r.ComparisonName, r.Changes, r.Latest)).ToList();
    }

    /// <summary>How many unseen changes each of <paramref name="comparisonIds"/> has for the user; comparisons without any are left out.</summary>
    internal static async Task<Dictionary<Guid, int>> UnseenCountsAsync(ModelHubDbContext db, string userId, IReadOnlyCollection<Guid> comparisonIds, CancellationToken cancellationToken) =>
        await UnseenChanges(db, userId)
            .Where(x => comparisonIds.Contains(x.ComparisonId))
            .GroupBy(x => x.ComparisonId)
            .Select(g => new { Id = g.Key, Changes = g.Sum(x => x.Changes) })
            .ToDictionaryAsync(x => x.Id, x => x.Changes, cancellationToken);

    private static Task<int> TouchAsync(ModelHubDbContext db, string userId, Guid comparisonId, DateTime now, CancellationToken cancellationToken) =>
        db.ComparisonsSeen.Where(s => s.ComparisonId == comparisonId && s.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.SeenAtUtc, now), cancellationToken);

    /// <summary>Init properties, not a positional record: EF translates grouping over member initialisers only.</summary>
    private sealed class ChangedSnapshot
    {
        public Guid TeamId { get; init; }

        public required string TeamName { get; init; }

        public Guid ComparisonId { get; init; }

        public required string ComparisonName { get; init; }

        public int Changes { get; init; }

        public DateTime ChangedAtUtc { get; init; }
    }

    /// <summary>
    /// One row per snapshot of the user's teams' comparisons with changes the user has not seen: changes dated after
    /// the user last opened the comparison, or after it was created when they never have. Membership is the filter,
    /// so no other team's comparison can appear.
    /// </summary>
    /// <remarks>
    /// A price change is dated by the route's price history (the latest entry after the snapshot), so a later edit of
    /// the route's notes does not re-announce an old price; context and status are dated by the route's UpdatedAtUtc,
    /// the only time the catalog keeps for them. A deleted route leaves no time behind: it counts only while the user
    /// has not opened the comparison since the snapshot, when it certainly happened after they last looked.
    /// </remarks>
    private static IQueryable<ChangedSnapshot> UnseenChanges(ModelHubDbContext db, string userId) =>
        from member in db.TeamMemberships
        where member.UserId == userId
        join c in db.Comparisons on member.TeamId equals c.TeamId
        from seen in db.ComparisonsSeen.Where(v => v.ComparisonId == c.Id && v.UserId == userId).DefaultIfEmpty()
        let since = seen == null ? c.CreatedAtUtc : seen.SeenAtUtc
        from s in c.Snapshots
        // A model taken out of the comparison keeps its old snapshots, and one put back gets a newer one: only the latest counts.
        where c.Models.Any(m => m.ModelId == s.ModelId) && !c.Snapshots.Any(later => later.RouteId == s.RouteId && later.Id > s.Id)
        from r in db.Routes.Where(r => r.Id == s.RouteId).DefaultIfEmpty()
        let prices = (r!.InputPricePerMillion != s.InputPricePerMillion ? 1 : 0)
            + (r!.OutputPricePerMillion != s.OutputPricePerMillion ? 1 : 0)
            + (r!.CachedInputPricePerMillion != s.CachedInputPricePerMillion ? 1 : 0)
        let limits = (r!.ContextWindow != s.ContextWindow ? 1 : 0) + (r!.Status != s.Status ? 1 : 0)
        // Cheap column comparisons first: only a snapshot that differs reaches the dating below.
        where r == null || prices + limits > 0
        let pricedAt = db.RoutePriceHistory.Where(h => h.RouteId == s.RouteId && h.EffectiveAtUtc > s.TakenAtUtc).Max(h => (DateTime?)h.EffectiveAtUtc) ?? r!.UpdatedAtUtc
        let limitsUnseen = limits > 0 && r!.UpdatedAtUtc > since
        let changes = r == null
            ? (since <= s.TakenAtUtc ? 1 : 0)
            : (pricedAt > since ? prices : 0) + (limitsUnseen ? limits : 0)
        where changes > 0
        select new ChangedSnapshot
        {
            TeamId = c.TeamId,
            TeamName = member.Team.Name,
            ComparisonId = c.Id,
            ComparisonName = c.Name,
            Changes = changes,
            // The route's last write is never older than its last price, so it dates any limit change counted.
            ChangedAtUtc = r == null ? s.TakenAtUtc : limitsUnseen ? r.UpdatedAtUtc : pricedAt,
        };
}
