namespace ModelHub.Web.Features.Evaluations;

/// <summary>The leaderboard's filters: a tag on scores and votes, one rubric, and a date range (UTC days, inclusive).</summary>
public sealed record LeaderboardFilter(string? Tag = null, Guid? RubricId = null, DateOnly? From = null, DateOnly? To = null);

/// <summary>
/// One model's or route's standing on one criterion. Numeric criteria have a mean with a 95% bootstrap interval,
/// boolean ones a pass rate with a Wilson interval, categorical ones the count of each label. Rank is null when
/// the row has too few scores or the criterion is categorical.
/// </summary>
public sealed record CriterionStanding(
    string Key, string Name, string? ModelSlug, int? RouteId, int Count, double? Mean, double? PassRate, double? Low, double? High,
    IReadOnlyDictionary<string, int>? LabelCounts, int? Rank, bool TooFewToRank);

public sealed record CriterionBoard(
    Guid RubricId, string Rubric, Guid CriterionId, string Criterion, string Kind, double? Min, double? Max,
    IReadOnlyList<CriterionStanding> Models, IReadOnlyList<CriterionStanding> Routes);

/// <summary>A Bradley-Terry rating on the Elo scale with its 95% bootstrap interval and the record behind it.</summary>
public sealed record RatingStanding(
    string Key, string Name, string? ModelSlug, int? RouteId, double Rating, double Low, double High, int Votes, int Wins, int Losses, int Ties,
    int? Rank, bool TooFewToRank);

public sealed record VoteBoard(int Votes, IReadOnlyList<RatingStanding> Models, IReadOnlyList<RatingStanding> Routes);

/// <summary>Cohen's kappa over answers two reviewers scored on the same categorical or boolean criterion.</summary>
public sealed record ReviewerAgreement(Guid RubricId, string Rubric, Guid CriterionId, string Criterion, string Kind, int Pairs, double? Kappa, string Reading);

public sealed record Leaderboard(
    LeaderboardFilter Filter, int MinimumToRank, int Scores, int ScoredAnswers, IReadOnlyList<CriterionBoard> Criteria, VoteBoard Pairwise,
    IReadOnlyList<ReviewerAgreement> Agreement, IReadOnlyList<string> Tags);
