using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Playground.Runs;
using ModelHub.Web.Features.Teams;

namespace ModelHub.Web.Features.Comparisons;

/// <summary>A finished run of the team that asked at least one compared model, offered for linking.</summary>
public sealed record RunCandidate(Guid RunId, string Title, DateTime CreatedAtUtc, IReadOnlyList<string> Targets);

/// <summary>One of the team's comparisons as seen from a run: whether the run is linked to it and whether it asked any of its models.</summary>
public sealed record RunComparison(Guid ComparisonId, string Name, bool Linked, bool HasModelInRun);

/// <summary>
/// Links playground runs to a comparison as the team's own measurements. Members and above link and
/// unlink; both the run and the comparison must be the team's. Each change is written to the
/// comparison's history.
/// </summary>
public sealed class ComparisonRunLinks(IDbContextFactory<ModelHubDbContext> databases, TimeProvider clock)
{
    public const int MaxCandidates = 100;

    public async Task LinkAsync(Caller caller, Guid teamId, Guid comparisonId, Guid runId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Member, cancellationToken);
        var comparison = await FindComparisonAsync(db, membership, comparisonId, cancellationToken);
        var run = await db.PlaygroundRuns.AsNoTracking().InTeam(membership).Where(r => r.Id == runId)
            .Select(r => new { r.Title, Targets = r.Targets.OrderBy(t => t.Position).Select(t => new { t.DisplayName, t.ModelSlug, t.RouteId }).ToList() })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("That run does not exist in this team.");
        if (await db.ComparisonRuns.AnyAsync(l => l.ComparisonId == comparisonId && l.RunId == runId, cancellationToken))
        {
            return;
        }

        var models = await CurrentModelsAsync(db, comparison.Models.Select(m => m.ModelId).ToList(), cancellationToken);
        if (!run.Targets.Any(t => models.Values.Any(m => m.Answered(t.ModelSlug, t.RouteId))))
        {
            throw new InvalidInputException(
                $"runId: this run asked {string.Join(", ", run.Targets.Select(t => t.DisplayName).Distinct())}, none of them a model of this comparison " +
                $"({string.Join(", ", models.Values.DistinctBy(m => m.Id).Select(m => m.Name))}). Link a run that asked at least one of them.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        db.ComparisonRuns.Add(new ComparisonRun { ComparisonId = comparisonId, RunId = runId, LinkedByUserId = caller.UserId, LinkedAtUtc = now });
        db.Add(await RevisionAsync(db, caller, comparisonId, now, $"linked run '{run.Title}'", cancellationToken));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Someone linked the same run at the same moment: the link they made is the one asked for.
            if (!await LinkedMeanwhileAsync(comparisonId, runId, cancellationToken))
            {
                throw;
            }
        }
    }

    public async Task UnlinkAsync(Caller caller, Guid teamId, Guid comparisonId, Guid runId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Member, cancellationToken);
        await FindComparisonAsync(db, membership, comparisonId, cancellationToken);
        var link = await db.ComparisonRuns.SingleOrDefaultAsync(l => l.ComparisonId == comparisonId && l.RunId == runId, cancellationToken);
        if (link is null)
        {
            return;
        }

        // The run may have been deleted since it was linked; the link still goes.
        var title = await db.PlaygroundRuns.InTeam(membership).Where(r => r.Id == runId).Select(r => r.Title).SingleOrDefaultAsync(cancellationToken) ?? "a deleted run";
        var now = clock.GetUtcNow().UtcDateTime;
        db.ComparisonRuns.Remove(link);
        db.Add(await RevisionAsync(db, caller, comparisonId, now, $"unlinked run '{title}'", cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The team's newest finished runs that asked at least one compared model and are not linked yet, for a picker.</summary>
    public async Task<IReadOnlyList<RunCandidate>> CandidatesAsync(Caller caller, Guid teamId, Guid comparisonId, int take = 20, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Viewer, cancellationToken);
        var comparison = await FindComparisonAsync(db, membership, comparisonId, cancellationToken);
        var models = (await CurrentModelsAsync(db, comparison.Models.Select(m => m.ModelId).ToList(), cancellationToken)).Values.ToList();
        var slugs = models.Select(m => m.Slug).Distinct().ToList();
        var routeIds = models.SelectMany(m => m.RouteIds).Distinct().ToList();
        var runs = await db.PlaygroundRuns.AsNoTracking().InTeam(membership)
            .Where(r => r.Status != RunStatus.Running)
            .Where(r => r.Targets.Any(t => (t.ModelSlug != null && slugs.Contains(t.ModelSlug)) || (t.RouteId != null && routeIds.Contains(t.RouteId.Value))))
            .Where(r => !db.ComparisonRuns.Any(l => l.ComparisonId == comparisonId && l.RunId == r.Id))
            .OrderByDescending(r => r.CreatedAtUtc).ThenByDescending(r => r.Id)
            .Take(Math.Clamp(take, 1, MaxCandidates))
            .Select(r => new { r.Id, r.Title, r.CreatedAtUtc, Targets = r.Targets.OrderBy(t => t.Position).Select(t => t.DisplayName).ToList() })
            .ToListAsync(cancellationToken);
        return runs.Select(r => new RunCandidate(r.Id, r.Title, r.CreatedAtUtc, r.Targets)).ToList();
    }

    /// <summary>The team's comparisons, most recently changed first, each with whether the run is linked to it and whether the run asked any of its models.</summary>
    public async Task<IReadOnlyList<RunComparison>> ComparisonsForRunAsync(Caller caller, Guid teamId, Guid runId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Viewer, cancellationToken);
        var targets = await db.PlaygroundRuns.AsNoTracking().InTeam(membership).Where(r => r.Id == runId)
            .Select(r => r.Targets.Select(t => new { t.ModelSlug, t.RouteId }).ToList())
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("That run does not exist in this team.");
        var comparisons = await db.Comparisons.AsNoTracking().InTeam(membership)
            .OrderByDescending(c => c.UpdatedAtUtc)
            .Select(c => new { c.Id, c.Name, ModelIds = c.Models.Select(m => m.ModelId).ToList(), Linked = c.Runs.Any(l => l.RunId == runId) })
            .ToListAsync(cancellationToken);
        var models = await CurrentModelsAsync(db, comparisons.SelectMany(c => c.ModelIds).Distinct().ToList(), cancellationToken);
        return comparisons.Select(c => new RunComparison(c.Id, c.Name, c.Linked,
            c.ModelIds.Where(models.ContainsKey).Any(id => targets.Any(t => models[id].Answered(t.ModelSlug, t.RouteId))))).ToList();
    }

    private static async Task<Comparison> FindComparisonAsync(ModelHubDbContext db, TeamMembership membership, Guid comparisonId, CancellationToken cancellationToken) =>
        await db.Comparisons.AsNoTracking().InTeam(membership).Include(c => c.Models).SingleOrDefaultAsync(c => c.Id == comparisonId, cancellationToken)
            ?? throw new NotFoundException("That comparison does not exist in this team.");

    private async Task<bool> LinkedMeanwhileAsync(Guid comparisonId, Guid runId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.ComparisonRuns.AnyAsync(l => l.ComparisonId == comparisonId && l.RunId == runId, cancellationToken);
    }

    private static async Task<ComparisonRevision> RevisionAsync(ModelHubDbContext db, Caller caller, Guid comparisonId, DateTime now, string summary, CancellationToken cancellationToken)
    {
        var email = await db.Users.Where(u => u.Id == caller.UserId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken) ?? caller.UserId;
        return new ComparisonRevision { ComparisonId = comparisonId, ByUserId = caller.UserId, ByEmail = email, AtUtc = now, Summary = summary.Length > 1000 ? summary[..1000] : summary };
    }

    /// <summary>A compared model as the catalog has it now, with its routes.</summary>
    private sealed record CurrentModel(int Id, string Slug, string Name, IReadOnlyList<int> RouteIds)
    {
        /// <summary>By slug, or by route: a catalog merge moves routes to the surviving model but leaves an answer's slug as it was.</summary>
        public bool Answered(string? modelSlug, int? routeId) =>
            string.Equals(Slug, modelSlug, StringComparison.OrdinalIgnoreCase) || (routeId is { } id && RouteIds.Contains(id));
    }

    /// <summary>Each stored model id as the model it is now: one merged away counts as the model it joined. Two queries.</summary>
    private static async Task<Dictionary<int, CurrentModel>> CurrentModelsAsync(ModelHubDbContext db, IReadOnlyList<int> modelIds, CancellationToken cancellationToken)
    {
        var merges = await db.Models.IgnoreQueryFilters().AsNoTracking().Where(m => m.MergedIntoId != null)
            .Select(m => new { m.Id, Into = m.MergedIntoId!.Value })
            .ToDictionaryAsync(m => m.Id, m => m.Into, cancellationToken);
        int Resolve(int id)
        {
            for (var hops = 0; hops < 20 && merges.TryGetValue(id, out var next); hops++)
            {
                id = next;
            }

            return id;
        }

        var resolved = modelIds.Distinct().ToDictionary(id => id, Resolve);
        var wanted = resolved.Values.Distinct().ToList();
        var models = await db.Models.IgnoreQueryFilters().AsNoTracking().Where(m => wanted.Contains(m.Id))
            .Select(m => new CurrentModel(m.Id, m.Slug, m.Name, m.Routes.Select(r => r.Id).ToList()))
            .ToDictionaryAsync(m => m.Id, cancellationToken);
        return resolved.Where(p => models.ContainsKey(p.Value)).ToDictionary(p => p.Key, p => models[p.Value]);
    }
}
