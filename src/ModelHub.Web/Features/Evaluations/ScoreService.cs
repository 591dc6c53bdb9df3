using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Playground.Runs;
using ModelHub.Web.Features.Teams;

namespace ModelHub.Web.Features.Evaluations;

/// <summary>Filters of the score list; all optional.</summary>
public sealed record ScoreQuery(Guid? RunTargetId = null, Guid? Run = null, string? Model = null, Guid? RubricId = null, int Limit = 500);

/// <summary>
/// Reviewers' scores of run answers against the team's rubrics. Members score; a reviewer scoring the same
/// answer with the same rubric again replaces their earlier score; the reviewer or an Admin deletes one.
/// </summary>
public sealed class ScoreService(IDbContextFactory<ModelHubDbContext> databases, TimeProvider clock)
{
    public const int MaxListed = 2_000;

    public async Task<(ScoreView Score, bool Created)> SubmitAsync(Caller caller, Guid teamId, ScoreInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Member, cancellationToken);
        var answerId = input.RunTargetId ?? throw new InvalidInputException("runTargetId: say which run answer you scored.");
        var rubricId = input.RubricId ?? throw new InvalidInputException("rubricId: say which rubric you scored against (GET rubrics lists them).");
        TextLimit.Check(input.Comment, EvaluationLimits.MaxCommentLength, "comment");
        var tags = EvaluationTags.Normalize(input.Tags);
        var answer = await RunAnswers.FindAsync(db, membership, answerId, "runTargetId", cancellationToken);
        if (answer.Status == RunStatus.Running)
        {
            throw new InvalidInputException("runTargetId: this answer is still streaming. Score it when it has finished.");
        }

        var rubric = await RubricService.FindAsync(db, membership, rubricId, cancellationToken);
        if (rubric.IsArchived)
        {
            throw new InvalidInputException($"rubricId: '{rubric.Name}' is archived and takes no new scores. Choose another rubric.");
        }

        var values = Values(rubric, input);
        var now = clock.GetUtcNow().UtcDateTime;
        var score = await db.EvaluationScores.Include(s => s.Values)
            .SingleOrDefaultAsync(s => s.RunTargetId == answerId && s.RubricId == rubricId && s.ScorerUserId == caller.UserId && s.TeamId == teamId, cancellationToken);
        var created = score is null;
        if (score is null)
        {
            score = new EvaluationScore { TeamId = teamId, RubricId = rubricId, RunId = answer.RunId, RunTargetId = answerId, ScorerUserId = caller.UserId };
            db.EvaluationScores.Add(score);
        }
        else
        {
            db.EvaluationScoreValues.RemoveRange(score.Values);
            score.Values = [];
        }

        score.ModelId = answer.ModelId;
        score.ModelSlug = answer.ModelSlug;
        score.RouteId = answer.RouteId;
        score.Comment = string.IsNullOrWhiteSpace(input.Comment) ? null : input.Comment.Trim();
        score.Tags = EvaluationTags.ToColumn(tags);
        score.CreatedAtUtc = now;
        score.Values.AddRange(values);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (created)
        {
            throw new ConflictException("You scored this answer with this rubric in another tab a moment ago. Reload to see that score, then change it if you wish.");
        }

        return ((await ViewsAsync(db, membership, [score], cancellationToken))[0], created);
    }

    public async Task<IReadOnlyList<ScoreView>> ListAsync(Caller caller, Guid teamId, ScoreQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Viewer, cancellationToken);
        var scores = db.EvaluationScores.AsNoTracking().InTeam(membership);
        if (query.RunTargetId is { } answerId)
        {
            scores = scores.Where(s => s.RunTargetId == answerId);
        }

        if (query.Run is { } runId)
        {
            scores = scores.Where(s => s.RunId == runId);
        }

        if (query.RubricId is { } rubricId)
        {
            scores = scores.Where(s => s.RubricId == rubricId);
        }

        if (!string.IsNullOrWhiteSpace(query.Model))
        {
            // An answer counts for the model its route belongs to now (a split moves routes away too); without one, for its recorded model, merges followed.
            var current = await CurrentModels.LoadAsync(db, cancellationToken);
            var ids = await current.FindAsync(db, query.Model.Trim(), "model", cancellationToken);
            scores = scores.Where(s => s.RouteId != null && db.Routes.Any(r => r.Id == s.RouteId)
                ? db.Routes.Any(r => r.Id == s.RouteId && ids.Contains(r.ModelId))
                : s.ModelId != null && ids.Contains(s.ModelId.Value));
        }

        var rows = await scores.Include(s => s.Values).OrderByDescending(s => s.CreatedAtUtc)
            .Take(Math.Clamp(query.Limit, 1, MaxListed)).ToListAsync(cancellationToken);
        return await ViewsAsync(db, membership, rows, cancellationToken);
    }

    public async Task DeleteAsync(Caller caller, Guid teamId, Guid scoreId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Member, cancellationToken);
        var score = await db.EvaluationScores.InTeam(membership).SingleOrDefaultAsync(s => s.Id == scoreId, cancellationToken)
            ?? throw new NotFoundException("That score does not exist in this team.");
        if (score.ScorerUserId != caller.UserId && membership.Role < TeamRole.Admin)
        {
            throw new ForbiddenException("Only the reviewer who gave a score or a team Admin can delete it.");
        }

        db.EvaluationScores.Remove(score);
        await db.SaveChangesAsync(cancellationToken);
    }

    internal static async Task<IReadOnlyList<ScoreView>> ViewsAsync(
        ModelHubDbContext db, TeamMembership membership, IReadOnlyList<EvaluationScore> scores, CancellationToken cancellationToken)
    {
        var answers = await RunAnswers.FindAsync(db, membership, scores.Select(s => s.RunTargetId).Distinct().ToList(), cancellationToken);
        var rubricIds = scores.Select(s => s.RubricId).Distinct().ToList();
        var rubrics = await db.Rubrics.AsNoTracking().Include(r => r.Criteria).Where(r => rubricIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var userIds = scores.Select(s => s.ScorerUserId).Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? u.Id, cancellationToken);
        return scores.Select(s =>
        {
            var answer = answers.GetValueOrDefault(s.RunTargetId);
            var rubric = rubrics.GetValueOrDefault(s.RubricId);
            var criteria = rubric?.Criteria.ToDictionary(c => c.Id) ?? [];
            var values = s.Values.OrderBy(v => criteria.GetValueOrDefault(v.CriterionId)?.Position ?? int.MaxValue)
                .Select(v => criteria.GetValueOrDefault(v.CriterionId) is { } c
                    ? new ScoreValueView(v.CriterionId, c.Name, c.Kind.ToString(), v.Number, v.Label, v.Passed)
                    : new ScoreValueView(v.CriterionId, "(removed criterion)", "", v.Number, v.Label, v.Passed))
                .ToList();
            return new ScoreView(s.Id, s.RubricId, rubric?.Name ?? "(removed rubric)", s.RunId, s.RunTargetId, answer?.ModelSlug ?? s.ModelSlug, answer?.ModelName,
                answer?.RouteId ?? s.RouteId, answer?.DisplayName ?? "(answer no longer available)", answer?.PromptId ?? "", answer?.TimeToFirstTokenMs,
                answer?.TotalMs, answer?.CostUsd, values, s.Comment, EvaluationTags.FromColumn(s.Tags), s.ScorerUserId,
                users.GetValueOrDefault(s.ScorerUserId, "a former member"), s.CreatedAtUtc);
        }).ToList();
    }

    /// <summary>The values asked for, each checked against its criterion; the error names the criterion and what it accepts.</summary>
    private static List<EvaluationScoreValue> Values(Rubric rubric, ScoreInput input)
    {
        var criteria = rubric.Criteria.OrderBy(c => c.Position).ToList();
        var given = new List<(RubricCriterion Criterion, JsonElement Value, string Field)>();
        if (input.Values is { Count: > 0 } values)
        {
            foreach (var (key, value) in values)
            {
                var criterion = criteria.FirstOrDefault(c => Guid.TryParse(key, out var id) ? c.Id == id : string.Equals(c.Name, key.Trim(), StringComparison.OrdinalIgnoreCase))
                    ?? throw new InvalidInputException(
                        $"values: '{key}' is not a criterion of '{rubric.Name}'. Its criteria: {string.Join(", ", criteria.Select(c => $"{c.Name} ({c.Id})"))}.");
                if (given.Any(g => g.Criterion.Id == criterion.Id))
                {
                    throw new InvalidInputException($"values: '{criterion.Name}' is given twice.");
                }

                given.Add((criterion, value, $"values.{key}"));
            }
        }
        else if (input.Value is { ValueKind: not JsonValueKind.Null and not JsonValueKind.Undefined } single)
        {
            if (criteria.Count != 1)
            {
                throw new InvalidInputException(
                    $"value: '{rubric.Name}' has {criteria.Count} criteria; send \"values\": {{ \"<criterionId>\": value }} for each ({string.Join(", ", criteria.Select(c => $"{c.Name}: {c.Id}"))}).");
            }

            given.Add((criteria[0], single, "value"));
        }
        else
        {
            throw new InvalidInputException("value: give a score (\"value\" for a one-criterion rubric, or \"values\" by criterion id).");
        }

        return given.Select(g => Parse(g.Criterion, g.Value, g.Field)).ToList();
    }

    private static EvaluationScoreValue Parse(RubricCriterion criterion, JsonElement value, string field)
    {
        var result = new EvaluationScoreValue { CriterionId = criterion.Id };
        switch (criterion.Kind)
        {
            case CriterionKind.Numeric:
                double number = value.ValueKind switch
                {
                    JsonValueKind.Number => value.GetDouble(),
                    JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
                    _ => double.NaN,
                };
                if (!double.IsFinite(number) || number < criterion.Min || number > criterion.Max)
                {
                    throw new InvalidInputException($"{field}: {criterion.Name} takes a number from {criterion.Min:0.##} to {criterion.Max:0.##}, not {value.GetRawText()}.");
                }

                result.Number = number;
                break;
            case CriterionKind.Categorical:
                var text = value.ValueKind == JsonValueKind.String ? value.GetString()?.Trim() : null;
                result.Label = criterion.LabelList.FirstOrDefault(l => string.Equals(l, text, StringComparison.OrdinalIgnoreCase))
                    ?? throw new InvalidInputException($"{field}: {criterion.Name} takes one of {string.Join(", ", criterion.LabelList.Select(l => $"\"{l}\""))}, not {value.GetRawText()}.");
                break;
            default:
                result.Passed = value.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.String when value.GetString()?.Trim().ToLowerInvariant() is "true" or "yes" or "pass" => true,
                    JsonValueKind.String when value.GetString()?.Trim().ToLowerInvariant() is "false" or "no" or "fail" => false,
                    _ => throw new InvalidInputException($"{field}: {criterion.Name} takes true or false, not {value.GetRawText()}."),
                };
                break;
        }

        return result;
    }
}
