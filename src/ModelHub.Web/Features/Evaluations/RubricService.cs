using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Teams;

namespace ModelHub.Web.Features.Evaluations;

/// <summary>
/// The team's rubrics. Viewers read them; Admins create and remove them. A rubric that has scores is archived
/// rather than deleted, so the leaderboard keeps what was measured with it.
/// </summary>
public sealed class RubricService(IDbContextFactory<ModelHubDbContext> databases, TimeProvider clock)
{
    public const string DefaultRubricName = "General quality";

    /// <summary>Correctness and helpfulness from 1 to 5, and whether the answer followed the asked format: enough to score on day one.</summary>
    public static Rubric CreateDefault(Guid teamId, string userId, DateTime now) => new()
    {
        TeamId = teamId,
        Name = DefaultRubricName,
        Description = "Correctness and helpfulness from 1 (poor) to 5 (excellent), and whether the answer followed the format the prompt asked for.",
        IsDefault = true,
        CreatedByUserId = userId,
        CreatedAtUtc = now,
        Criteria =
        [
            new() { Position = 0, Name = "Correctness", Kind = CriterionKind.Numeric, Min = 1, Max = 5 },
            new() { Position = 1, Name = "Helpfulness", Kind = CriterionKind.Numeric, Min = 1, Max = 5 },
            new() { Position = 2, Name = "Format followed", Kind = CriterionKind.Boolean },
        ],
    };

    public async Task<IReadOnlyList<RubricView>> ListAsync(Caller caller, Guid teamId, bool includeArchived = false, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Viewer, cancellationToken);
        await EnsureDefaultAsync(db, membership, cancellationToken);
        var rubrics = await db.Rubrics.AsNoTracking().InTeam(membership).Include(r => r.Criteria)
            .Where(r => includeArchived || !r.IsArchived)
            .OrderByDescending(r => r.IsDefault).ThenBy(r => r.Name)
            .ToListAsync(cancellationToken);
        var ids = rubrics.Select(r => r.Id).ToList();
        var counts = await db.EvaluationScores.InTeam(membership).Where(s => ids.Contains(s.RubricId))
            .GroupBy(s => s.RubricId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return rubrics.Select(r => View(r, counts.GetValueOrDefault(r.Id))).ToList();
    }

    public async Task<RubricView> GetAsync(Caller caller, Guid teamId, Guid rubricId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Viewer, cancellationToken);
        var rubric = await FindAsync(db, membership, rubricId, cancellationToken);
        var count = await db.EvaluationScores.InTeam(membership).CountAsync(s => s.RubricId == rubricId, cancellationToken);
        return View(rubric, count);
    }

    public async Task<RubricView> CreateAsync(Caller caller, Guid teamId, RubricInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Admin, cancellationToken);
        var name = (input.Name ?? "").Trim();
        if (name.Length == 0)
        {
            throw new InvalidInputException("name: give the rubric a name, such as \"Support answers\".");
        }

        TextLimit.Check(name, EvaluationLimits.MaxNameLength, "name");
        TextLimit.Check(input.Description, EvaluationLimits.MaxDescriptionLength, "description");
        if (await db.Rubrics.InTeam(membership).AnyAsync(r => r.Name == name && !r.IsArchived, cancellationToken))
        {
            throw new ConflictException($"name: the team already has a rubric called '{name}'. Choose another name.");
        }

        var rubric = new Rubric
        {
            TeamId = teamId,
            Name = name,
            Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim(),
            CreatedByUserId = caller.UserId,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            Criteria = Criteria(input.Criteria),
        };
        db.Rubrics.Add(rubric);
        await db.SaveChangesAsync(cancellationToken);
        return View(rubric, 0);
    }

    /// <summary>Deletes a rubric nobody scored with; one with scores is archived so its scores still count.</summary>
    public async Task<bool> DeleteAsync(Caller caller, Guid teamId, Guid rubricId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Admin, cancellationToken);
        var rubric = await db.Rubrics.InTeam(membership).SingleOrDefaultAsync(r => r.Id == rubricId, cancellationToken)
            ?? throw new NotFoundException("That rubric does not exist in this team.");
        var scored = await db.EvaluationScores.InTeam(membership).AnyAsync(s => s.RubricId == rubricId, cancellationToken);
        if (scored)
        {
            rubric.IsArchived = true;
        }
        else
        {
            db.Rubrics.Remove(rubric);
        }

        await db.SaveChangesAsync(cancellationToken);
        return scored;
    }

    internal static async Task<Rubric> FindAsync(ModelHubDbContext db, TeamMembership membership, Guid rubricId, CancellationToken cancellationToken) =>
        await db.Rubrics.AsNoTracking().InTeam(membership).Include(r => r.Criteria).SingleOrDefaultAsync(r => r.Id == rubricId, cancellationToken)
        ?? throw new NotFoundException("rubricId: that rubric does not exist in this team.");

    /// <summary>Teams made before evaluations existed get the default rubric the first time anyone looks.</summary>
    private async Task EnsureDefaultAsync(ModelHubDbContext db, TeamMembership membership, CancellationToken cancellationToken)
    {
        if (await db.Rubrics.InTeam(membership).AnyAsync(cancellationToken))
        {
            return;
        }

        db.Rubrics.Add(CreateDefault(membership.TeamId, membership.UserId, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    internal static RubricView View(Rubric rubric, int scoreCount) => new(
        rubric.Id, rubric.Name, rubric.Description, rubric.IsDefault, rubric.IsArchived,
        rubric.Criteria.OrderBy(c => c.Position).Select(c => new CriterionView(c.Id, c.Name, c.Kind.ToString(), c.Min, c.Max, c.LabelList)).ToList(),
        scoreCount);

    private static List<RubricCriterion> Criteria(IReadOnlyList<CriterionInput>? inputs)
    {
        if (inputs is not { Count: > 0 })
        {
            throw new InvalidInputException("criteria: a rubric needs at least one criterion, such as { \"name\": \"Correctness\", \"kind\": \"Numeric\", \"min\": 1, \"max\": 5 }.");
        }

        if (inputs.Count > EvaluationLimits.MaxCriteria)
        {
            throw new InvalidInputException($"criteria: at most {EvaluationLimits.MaxCriteria}; this has {inputs.Count}.");
        }

        var criteria = new List<RubricCriterion>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var field = $"criteria[{i}]";
            var name = (input.Name ?? "").Trim();
            if (name.Length == 0)
            {
                throw new InvalidInputException($"{field}.name: name the criterion.");
            }

            TextLimit.Check(name, EvaluationLimits.MaxNameLength, $"{field}.name");
            if (criteria.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new InvalidInputException($"{field}.name: '{name}' appears twice; each criterion needs its own name.");
            }

            var kind = input.Kind?.Trim().ToLowerInvariant() switch
            {
                "numeric" or "number" => CriterionKind.Numeric,
                "categorical" or "category" => CriterionKind.Categorical,
                "boolean" or "bool" => CriterionKind.Boolean,
                _ => throw new InvalidInputException($"{field}.kind: Numeric, Categorical or Boolean, not '{input.Kind}'."),
            };
            var criterion = new RubricCriterion { Position = i, Name = name, Kind = kind };
            switch (kind)
            {
                case CriterionKind.Numeric:
                    if (input.Min is not { } min || input.Max is not { } max || !double.IsFinite(min) || !double.IsFinite(max) || min >= max)
                    {
                        throw new InvalidInputException($"{field}: a numeric criterion needs min below max, such as \"min\": 1, \"max\": 5.");
                    }

                    (criterion.Min, criterion.Max) = (min, max);
                    break;
                case CriterionKind.Categorical:
                    var labels = (input.Labels ?? []).Select(l => (l ?? "").Trim()).Where(l => l.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
                    if (labels.Count is < 2 or > EvaluationLimits.MaxLabels)
                    {
                        throw new InvalidInputException($"{field}.labels: a categorical criterion needs 2 to {EvaluationLimits.MaxLabels} different labels, such as [\"good\", \"okay\", \"bad\"].");
                    }

                    foreach (var label in labels)
                    {
                        TextLimit.Check(label, EvaluationLimits.MaxNameLength, $"{field}.labels");
                        if (label.Contains('\n'))
                        {
                            throw new InvalidInputException($"{field}.labels: a label is one line.");
                        }
                    }

                    criterion.Labels = string.Join('\n', labels);
                    break;
            }

            criteria.Add(criterion);
        }

        return criteria;
    }
}
