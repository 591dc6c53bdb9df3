using ModelHub.Web.Features.Teams;

namespace ModelHub.Web.Features.Evaluations;

/// <summary>What a note is about. The API spells these in camel case ("runTarget").</summary>
public enum NoteTargetKind
{
    Model = 0,
    Route = 1,
    Run = 2,
    RunTarget = 3,
    Comparison = 4,
}

public enum NoteVerdict
{
    Recommended = 0,
    Acceptable = 1,
    NotRecommended = 2,
}

/// <summary>
/// A team member's Markdown note on a model, a provider route, a run, one answer of a run or a comparison.
/// The target is kept as the API names it (a model's slug, otherwise the thing's id) and resolved into the
/// columns below when written, so notes can be filtered by model, route and run in the database.
/// </summary>
public sealed class EvaluationNote : ITeamOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TeamId { get; set; }

    public NoteTargetKind TargetKind { get; set; }

    public required string TargetId { get; set; }

    /// <summary>The model the note is about, directly or through its route, run answer or run; null for a comparison or a run of several models.</summary>
    public int? ModelId { get; set; }

    public int? RouteId { get; set; }

    public Guid? RunId { get; set; }

    public Guid? RunTargetId { get; set; }

    public Guid? ComparisonId { get; set; }

    public required string Body { get; set; }

    public NoteVerdict? Verdict { get; set; }

    /// <summary>Lower-case tags stored as <c>|a|b|</c>, so one tag is found with a LIKE on every database.</summary>
    public string Tags { get; set; } = "";

    public required string AuthorUserId { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>An author editing in two tabs: the second save is refused, not silently lost.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();
}

public enum CriterionKind
{
    Numeric = 0,
    Categorical = 1,
    Boolean = 2,
}

/// <summary>A named set of criteria outputs are scored against. Each team starts with a default one.</summary>
public sealed class Rubric : ITeamOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TeamId { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public bool IsDefault { get; set; }

    /// <summary>An archived rubric keeps its scores for the leaderboard but takes no new ones.</summary>
    public bool IsArchived { get; set; }

    public required string CreatedByUserId { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public List<RubricCriterion> Criteria { get; set; } = [];
}

/// <summary>One thing a reviewer judges: a number in a range, one of some labels, or yes/no.</summary>
public sealed class RubricCriterion
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid RubricId { get; set; }

    public int Position { get; set; }

    public required string Name { get; set; }

    public CriterionKind Kind { get; set; }

    public double? Min { get; set; }

    public double? Max { get; set; }

    /// <summary>The labels of a categorical criterion, in order, joined by a newline.</summary>
    public string? Labels { get; set; }

    public IReadOnlyList<string> LabelList => string.IsNullOrEmpty(Labels) ? [] : Labels.Split('\n');
}

/// <summary>
/// One reviewer's scores of one run answer against one rubric. The answer's model and route are copied in
/// when scored so the leaderboard groups in the database; the run answer itself carries prompt, latency and cost.
/// A reviewer scoring the same answer again replaces their earlier score.
/// </summary>
public sealed class EvaluationScore : ITeamOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TeamId { get; set; }

    public Guid RubricId { get; set; }

    public Guid RunId { get; set; }

    public Guid RunTargetId { get; set; }

    public int? ModelId { get; set; }

    public string? ModelSlug { get; set; }

    public int? RouteId { get; set; }

    public string? Comment { get; set; }

    public string Tags { get; set; } = "";

    public required string ScorerUserId { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public List<EvaluationScoreValue> Values { get; set; } = [];
}

/// <summary>The value given for one criterion: exactly one of the three columns, by the criterion's kind.</summary>
public sealed class EvaluationScoreValue
{
    public int Id { get; set; }

    public Guid ScoreId { get; set; }

    public Guid CriterionId { get; set; }

    public double? Number { get; set; }

    public string? Label { get; set; }

    public bool? Passed { get; set; }
}

public enum VoteOutcome
{
    Left = 0,
    Right = 1,
    Tie = 2,
    BothBad = 3,
}

/// <summary>A blind pairwise judgement of two answers of one run, in the order the voter saw them.</summary>
public sealed class EvaluationVote : ITeamOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TeamId { get; set; }

    public Guid RunId { get; set; }

    public Guid LeftTargetId { get; set; }

    public Guid RightTargetId { get; set; }

    public int? LeftModelId { get; set; }

    public string? LeftModelSlug { get; set; }

    public int? LeftRouteId { get; set; }

    public int? RightModelId { get; set; }

    public string? RightModelSlug { get; set; }

    public int? RightRouteId { get; set; }

    public VoteOutcome Outcome { get; set; }

    public string Tags { get; set; } = "";

    public required string VoterUserId { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}
