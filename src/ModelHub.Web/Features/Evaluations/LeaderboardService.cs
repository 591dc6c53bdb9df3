using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Evaluations.Statistics;
using ModelHub.Web.Features.Teams;

namespace ModelHub.Web.Features.Evaluations;

/// <summary>
/// The team's leaderboard: scores and votes filtered in the database, then the statistics in memory
/// (<see cref="LeaderboardCalculator"/>). Each answer counts for the model its route belongs to now, so a
/// catalog merge moves its evidence with it.
/// </summary>
public sealed class LeaderboardService(IDbContextFactory<ModelHubDbContext> databases)
{
    public async Task<Leaderboard> GetAsync(Caller caller, Guid teamId, LeaderboardFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Viewer, cancellationToken);
        return await ComputeAsync(db, membership.TeamId, filter, cancellationToken);
    }

    /// <summary>For callers that already checked the team (the comparison evidence source).</summary>
    internal async Task<Leaderboard> ComputeForTeamAsync(Guid teamId, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await ComputeAsync(db, teamId, new LeaderboardFilter(), cancellationToken);
    }

    private static async Task<Leaderboard> ComputeAsync(ModelHubDbContext db, Guid teamId, LeaderboardFilter filter, CancellationToken cancellationToken)
    {
        if (filter.From is { } from && filter.To is { } to && to < from)
        {
            throw new InvalidInputException("to: the end date is before the start date.");
        }

        var tag = string.IsNullOrWhiteSpace(filter.Tag) ? null : EvaluationTags.Normalize(filter.Tag);
        var fromUtc = filter.From?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var toUtc = filter.To?.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

        var scores = db.EvaluationScores.AsNoTracking().Where(s => s.TeamId == teamId);
        var votes = db.EvaluationVotes.AsNoTracking().Where(v => v.TeamId == teamId);
        if (tag is not null)
        {
            var pattern = EvaluationTags.Pattern(tag);
            scores = scores.Where(s => EF.Functions.Like(s.Tags, pattern, SqlLike.Escape));
            votes = votes.Where(v => EF.Functions.Like(v.Tags, pattern, SqlLike.Escape));
        }

        if (filter.RubricId is { } rubricId)
        {
            if (!await db.Rubrics.AnyAsync(r => r.Id == rubricId && r.TeamId == teamId, cancellationToken))
            {
                throw new NotFoundException("rubricId: that rubric does not exist in this team.");
            }

            scores = scores.Where(s => s.RubricId == rubricId);
        }

        if (fromUtc is { } start)
        {
            scores = scores.Where(s => s.CreatedAtUtc >= start);
            votes = votes.Where(v => v.CreatedAtUtc >= start);
        }

        if (toUtc is { } end)
        {
            scores = scores.Where(s => s.CreatedAtUtc < end);
            votes = votes.Where(v => v.CreatedAtUtc < end);
        }

        var scoreRows = await scores
            .Select(s => new LeaderboardCalculator.ScoreRow(s.Id, s.RunTargetId, s.RubricId, s.ModelId, s.RouteId, s.ScorerUserId, s.CreatedAtUtc,
                s.Values.Select(v => new LeaderboardCalculator.ValueRow(v.CriterionId, v.Number, v.Label, v.Passed)).ToList(),
                db.RunTargets.Where(t => t.Id == s.RunTargetId).Select(t => t.ProviderModelId + " · " + t.ConnectionName).FirstOrDefault()))
            .ToListAsync(cancellationToken);
        var voteRows = await votes
            .Select(v => new LeaderboardCalculator.VoteRow(v.LeftModelId, v.LeftRouteId, v.RightModelId, v.RightRouteId, v.Outcome,
                db.RunTargets.Where(t => t.Id == v.LeftTargetId).Select(t => t.ProviderModelId + " · " + t.ConnectionName).FirstOrDefault(),
                db.RunTargets.Where(t => t.Id == v.RightTargetId).Select(t => t.ProviderModelId + " · " + t.ConnectionName).FirstOrDefault()))
            .ToListAsync(cancellationToken);

        // Without a route, the model recorded when scored counts, followed through any catalog merge since.
        var current = await CurrentModels.LoadAsync(db, cancellationToken);
        scoreRows = scoreRows.Select(s => s with { ModelId = current.Resolve(s.ModelId) }).ToList();
        voteRows = voteRows.Select(v => v with { LeftModelId = current.Resolve(v.LeftModelId), RightModelId = current.Resolve(v.RightModelId) }).ToList();

        var rubricIds = scoreRows.Select(s => s.RubricId).Distinct().ToList();
        var rubrics = await db.Rubrics.AsNoTracking().Include(r => r.Criteria).Where(r => rubricIds.Contains(r.Id)).ToListAsync(cancellationToken);

        // Routes decide the model (merges move routes); the model recorded at scoring time is the fallback.
        var routeIds = scoreRows.Select(s => s.RouteId).Concat(voteRows.SelectMany(v => new[] { v.LeftRouteId, v.RightRouteId }))
            .OfType<int>().Distinct().ToList();
        var routes = await db.Routes.AsNoTracking().Where(r => routeIds.Contains(r.Id))
            .Select(r => new LeaderboardCalculator.RouteInfo(r.Id, r.ModelId, r.Provider.Name + " · " + r.ProviderModelId))
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        var modelIds = scoreRows.Select(s => s.ModelId).Concat(voteRows.SelectMany(v => new[] { v.LeftModelId, v.RightModelId }))
            .OfType<int>().Concat(routes.Values.Select(r => r.ModelId)).Distinct().ToList();
        var models = await db.Models.AsNoTracking().Where(m => modelIds.Contains(m.Id))
            .Select(m => new LeaderboardCalculator.ModelInfo(m.Id, m.Slug, m.Name))
            .ToDictionaryAsync(m => m.Id, cancellationToken);

        var tags = await db.EvaluationScores.Where(s => s.TeamId == teamId && s.Tags != "").Select(s => s.Tags).Distinct()
            .Concat(db.EvaluationVotes.Where(v => v.TeamId == teamId && v.Tags != "").Select(v => v.Tags).Distinct())
            .ToListAsync(cancellationToken);

        var calculator = new LeaderboardCalculator(routes, models);
        return new Leaderboard(filter with { Tag = tag }, EvaluationStatistics.MinimumToRank, scoreRows.Count,
            scoreRows.Select(s => s.RunTargetId).Distinct().Count(),
            calculator.Criteria(rubrics, scoreRows), calculator.Pairwise(voteRows), calculator.Agreement(rubrics, scoreRows),
            tags.SelectMany(EvaluationTags.FromColumn).Distinct().Order(StringComparer.Ordinal).ToList());
    }
}
