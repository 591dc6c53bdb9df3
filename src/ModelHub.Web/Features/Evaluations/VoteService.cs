using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Playground.Runs;
using ModelHub.Web.Features.Teams;

namespace ModelHub.Web.Features.Evaluations;

/// <summary>
/// Blind pairwise votes on two answers of one run. Members vote; voting again on the same pair of the same run
/// replaces the voter's earlier vote (in whichever order they now saw it).
/// </summary>
public sealed class VoteService(IDbContextFactory<ModelHubDbContext> databases, TimeProvider clock)
{
    public async Task<(VoteView Vote, bool Created)> SubmitAsync(Caller caller, Guid teamId, VoteInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Member, cancellationToken);
        var runId = input.RunId ?? throw new InvalidInputException("runId: say which run the two answers came from.");
        var leftId = input.LeftTargetId ?? throw new InvalidInputException("leftTargetId: the run answer shown on the left.");
        var rightId = input.RightTargetId ?? throw new InvalidInputException("rightTargetId: the run answer shown on the right.");
        if (leftId == rightId)
        {
            throw new InvalidInputException("rightTargetId: a vote compares two different answers of the run.");
        }

        var outcome = ParseOutcome(input.Outcome);
        var tags = EvaluationTags.Normalize(input.Tags);
        if (!await db.PlaygroundRuns.InTeam(membership).AnyAsync(r => r.Id == runId, cancellationToken))
        {
            throw new NotFoundException("runId: that run does not exist in this team.");
        }

        var answers = await RunAnswers.FindAsync(db, membership, [leftId, rightId], cancellationToken);
        var left = answers.GetValueOrDefault(leftId) is { } l && l.RunId == runId ? l : throw new NotFoundException("leftTargetId: that answer is not part of this run.");
        var right = answers.GetValueOrDefault(rightId) is { } r && r.RunId == runId ? r : throw new NotFoundException("rightTargetId: that answer is not part of this run.");
        if (left.Status == RunStatus.Running || right.Status == RunStatus.Running)
        {
            throw new InvalidInputException("runId: an answer is still streaming. Vote when both have finished.");
        }

        var vote = await db.EvaluationVotes.InTeam(membership)
            .SingleOrDefaultAsync(v => v.RunId == runId && v.VoterUserId == caller.UserId
                && ((v.LeftTargetId == leftId && v.RightTargetId == rightId) || (v.LeftTargetId == rightId && v.RightTargetId == leftId)), cancellationToken);
        var created = vote is null;
        if (vote is null)
        {
            vote = new EvaluationVote { TeamId = teamId, RunId = runId, VoterUserId = caller.UserId };
            db.EvaluationVotes.Add(vote);
        }

        (vote.LeftTargetId, vote.LeftModelId, vote.LeftModelSlug, vote.LeftRouteId) = (leftId, left.ModelId, left.ModelSlug, left.RouteId);
        (vote.RightTargetId, vote.RightModelId, vote.RightModelSlug, vote.RightRouteId) = (rightId, right.ModelId, right.ModelSlug, right.RouteId);
        vote.Outcome = outcome;
        vote.Tags = EvaluationTags.ToColumn(tags);
        vote.CreatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return ((await ViewsAsync(db, membership, [vote], cancellationToken))[0], created);
    }

    public async Task<IReadOnlyList<VoteView>> ListAsync(Caller caller, Guid teamId, Guid? runId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Viewer, cancellationToken);
        var votes = db.EvaluationVotes.AsNoTracking().InTeam(membership);
        if (runId is { } id)
        {
            votes = votes.Where(v => v.RunId == id);
        }

        var rows = await votes.OrderByDescending(v => v.CreatedAtUtc).Take(ScoreService.MaxListed).ToListAsync(cancellationToken);
        return await ViewsAsync(db, membership, rows, cancellationToken);
    }

    public async Task DeleteAsync(Caller caller, Guid teamId, Guid voteId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Member, cancellationToken);
        var vote = await db.EvaluationVotes.InTeam(membership).SingleOrDefaultAsync(v => v.Id == voteId, cancellationToken)
            ?? throw new NotFoundException("That vote does not exist in this team.");
        if (vote.VoterUserId != caller.UserId && membership.Role < TeamRole.Admin)
        {
            throw new ForbiddenException("Only the voter or a team Admin can delete a vote.");
        }

        db.EvaluationVotes.Remove(vote);
        await db.SaveChangesAsync(cancellationToken);
    }

    public static VoteOutcome ParseOutcome(string? outcome) =>
        outcome?.Replace(" ", "").Replace("-", "").Replace("_", "").ToLowerInvariant() switch
        {
            "left" => VoteOutcome.Left,
            "right" => VoteOutcome.Right,
            "tie" => VoteOutcome.Tie,
            "bothbad" => VoteOutcome.BothBad,
            _ => throw new InvalidInputException($"outcome: Left, Right, Tie or BothBad, not '{outcome}'."),
        };

    internal static async Task<IReadOnlyList<VoteView>> ViewsAsync(
        ModelHubDbContext db, TeamMembership membership, IReadOnlyList<EvaluationVote> votes, CancellationToken cancellationToken)
    {
        var answers = await RunAnswers.FindAsync(db, membership, votes.SelectMany(v => new[] { v.LeftTargetId, v.RightTargetId }).Distinct().ToList(), cancellationToken);
        var userIds = votes.Select(v => v.VoterUserId).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? u.Id, cancellationToken);
        return votes.Select(v =>
        {
            var left = answers.GetValueOrDefault(v.LeftTargetId);
            var right = answers.GetValueOrDefault(v.RightTargetId);
            return new VoteView(v.Id, v.RunId, v.LeftTargetId, v.RightTargetId, v.Outcome.ToString(),
                left?.DisplayName ?? "(answer no longer available)", right?.DisplayName ?? "(answer no longer available)",
                left?.ModelSlug ?? v.LeftModelSlug, right?.ModelSlug ?? v.RightModelSlug, left?.RouteId ?? v.LeftRouteId, right?.RouteId ?? v.RightRouteId,
                left?.PromptId ?? right?.PromptId ?? "", EvaluationTags.FromColumn(v.Tags), v.VoterUserId, users.GetValueOrDefault(v.VoterUserId, "a former member"),
                v.CreatedAtUtc);
        }).ToList();
    }
}
