namespace ModelHub.Web.Features.Evaluations;

// The API's request and response shapes (issue 12). Names are a contract other tools rely on.

/// <summary>What a note is about: kind is model, route, run, runTarget or comparison; id is a model's slug, otherwise the thing's id.</summary>
public sealed record NoteTargetInput(string? Kind, string? Id);

public sealed record NoteInput(NoteTargetInput? Target, string? Body, string? Verdict, IReadOnlyList<string>? Tags, Guid? Version = null);

/// <summary>A note's target with what a reader needs to recognise it and a link to its page.</summary>
public sealed record NoteTargetView(
    string Kind, string Id, string Label, string? Href, string? ModelSlug, int? RouteId, Guid? RunId, Guid? RunTargetId, Guid? ComparisonId);

/// <summary>A note as read: the Markdown as written and <c>html</c>, the same rendered and sanitised.</summary>
public sealed record NoteView(
    Guid Id, NoteTargetView Target, string Body, string Html, string? Verdict, IReadOnlyList<string> Tags,
    string AuthorUserId, string AuthorEmail, DateTime CreatedAtUtc, DateTime UpdatedAtUtc, Guid Version, bool CanEdit, bool CanDelete);

/// <summary>Filters of the note list; all optional and combined with AND.</summary>
public sealed record NoteQuery(
    string? Model = null, int? Route = null, Guid? Run = null, Guid? RunTarget = null, Guid? Comparison = null,
    string? Tag = null, string? Verdict = null, string? Q = null, int Page = 1, int PageSize = 50, string? Kind = null);

public sealed record NoteList(IReadOnlyList<NoteView> Items, int Total, int Page, int PageSize);

public sealed record CriterionInput(string? Name, string? Kind, double? Min, double? Max, IReadOnlyList<string>? Labels);

public sealed record RubricInput(string? Name, string? Description, IReadOnlyList<CriterionInput>? Criteria);

public sealed record CriterionView(Guid Id, string Name, string Kind, double? Min, double? Max, IReadOnlyList<string> Labels);

public sealed record RubricView(Guid Id, string Name, string? Description, bool IsDefault, bool IsArchived, IReadOnlyList<CriterionView> Criteria, int ScoreCount);

/// <summary>
/// A score of one run answer: <c>value</c> for a one-criterion rubric, or <c>values</c> by criterion id for several;
/// each a number in the criterion's range, one of its labels, or true/false.
/// </summary>
public sealed record ScoreInput(
    Guid? RunTargetId, Guid? RubricId, System.Text.Json.JsonElement? Value, IReadOnlyDictionary<string, System.Text.Json.JsonElement>? Values,
    string? Comment, IReadOnlyList<string>? Tags = null);

public sealed record ScoreValueView(Guid CriterionId, string Criterion, string Kind, double? Number, string? Label, bool? Passed);

/// <summary>A score with the answer it judged: model, route, run, prompt and the answer's measured latency and cost.</summary>
public sealed record ScoreView(
    Guid Id, Guid RubricId, string Rubric, Guid RunId, Guid RunTargetId, string? ModelSlug, string? ModelName, int? RouteId, string Target,
    string PromptId, double? TimeToFirstTokenMs, double? TotalMs, decimal? CostUsd, IReadOnlyList<ScoreValueView> Values, string? Comment,
    IReadOnlyList<string> Tags, string ScorerUserId, string ScorerEmail, DateTime CreatedAtUtc);

public sealed record VoteInput(Guid? RunId, Guid? LeftTargetId, Guid? RightTargetId, string? Outcome, IReadOnlyList<string>? Tags = null);

/// <summary>A vote with both answers revealed: what the voter saw on the left and on the right.</summary>
public sealed record VoteView(
    Guid Id, Guid RunId, Guid LeftTargetId, Guid RightTargetId, string Outcome, string Left, string Right,
    string? LeftModelSlug, string? RightModelSlug, int? LeftRouteId, int? RightRouteId, string PromptId,
    IReadOnlyList<string> Tags, string VoterUserId, string VoterEmail, DateTime CreatedAtUtc);
