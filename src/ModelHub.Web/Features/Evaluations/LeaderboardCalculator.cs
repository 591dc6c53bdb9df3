using System.Globalization;
using ModelHub.Web.Features.Evaluations.Statistics;

namespace ModelHub.Web.Features.Evaluations;

/// <summary>
/// Turns scores and votes into standings. Pure and in memory, so the statistics are tested on worked figures
/// without a database. Models and routes are ranked only among those with at least
/// <see cref="EvaluationStatistics.MinimumToRank"/> results; the rest are marked "too few to rank".
/// </summary>
public sealed class LeaderboardCalculator(
    IReadOnlyDictionary<int, LeaderboardCalculator.RouteInfo> routes, IReadOnlyDictionary<int, LeaderboardCalculator.ModelInfo> models)
{
    public sealed record ValueRow(Guid CriterionId, double? Number, string? Label, bool? Passed);

    /// <param name="Answer">The answer's provider model ID and connection, for an answer on no catalog route (a private or fine-tuned model).</param>
    public sealed record ScoreRow(
        Guid Id, Guid RunTargetId, Guid RubricId, int? ModelId, int? RouteId, string ScorerUserId, DateTime CreatedAtUtc, IReadOnlyList<ValueRow> Values,
        string? Answer = null);

    public sealed record VoteRow(
        int? LeftModelId, int? LeftRouteId, int? RightModelId, int? RightRouteId, VoteOutcome Outcome, string? LeftAnswer = null, string? RightAnswer = null);

    public sealed record RouteInfo(int Id, int ModelId, string Name);

    public sealed record ModelInfo(int Id, string Slug, string Name);

    private sealed record Subject(string Key, string Name, string? ModelSlug, int? RouteId);

    public IReadOnlyList<CriterionBoard> Criteria(IReadOnlyList<Rubric> rubrics, IReadOnlyList<ScoreRow> scores)
    {
        var boards = new List<CriterionBoard>();
        foreach (var rubric in rubrics.OrderByDescending(r => r.IsDefault).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase))
        {
            var rubricScores = scores.Where(s => s.RubricId == rubric.Id).ToList();
            foreach (var criterion in rubric.Criteria.OrderBy(c => c.Position))
            {
                var values = rubricScores
                    .SelectMany(s => s.Values.Where(v => v.CriterionId == criterion.Id).Select(v => (Score: s, Value: v)))
                    .ToList();
                if (values.Count == 0)
                {
                    continue;
                }

                boards.Add(new CriterionBoard(rubric.Id, rubric.Name, criterion.Id, criterion.Name, criterion.Kind.ToString(), criterion.Min, criterion.Max,
                    Standings(criterion, values.Select(v => (ModelSubject(v.Score.ModelId, v.Score.RouteId, v.Score.Answer), v.Value))),
                    Standings(criterion, values.Select(v => (RouteSubject(v.Score.RouteId), v.Value)))));
            }
        }

        return boards;
    }

    public VoteBoard Pairwise(IReadOnlyList<VoteRow> votes)
    {
        var byModel = votes.Select(v => (ModelSubject(v.LeftModelId, v.LeftRouteId, v.LeftAnswer), ModelSubject(v.RightModelId, v.RightRouteId, v.RightAnswer), v.Outcome));
        var byRoute = votes.Select(v => (RouteSubject(v.LeftRouteId), RouteSubject(v.RightRouteId), v.Outcome));
        return new VoteBoard(votes.Count, Ratings(byModel), Ratings(byRoute));
    }

    public IReadOnlyList<ReviewerAgreement> Agreement(IReadOnlyList<Rubric> rubrics, IReadOnlyList<ScoreRow> scores)
    {
        var result = new List<ReviewerAgreement>();
        foreach (var rubric in rubrics.OrderByDescending(r => r.IsDefault).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase))
        {
            foreach (var criterion in rubric.Criteria.Where(c => c.Kind != CriterionKind.Numeric).OrderBy(c => c.Position))
            {
                // Each answer two reviewers judged on this criterion is one pair. Cohen's kappa compares rater A with rater B, so
                // each reviewer keeps one side whoever scored first: the pair is the first two reviewers in user-id order.
                var pairs = scores.Where(s => s.RubricId == rubric.Id)
                    .SelectMany(s => s.Values.Where(v => v.CriterionId == criterion.Id).Select(v => (s.RunTargetId, s.ScorerUserId, Value: Label(v))))
                    .GroupBy(x => x.RunTargetId)
                    .Where(g => g.Count() >= 2)
                    .Select(g => g.OrderBy(x => x.ScorerUserId, StringComparer.Ordinal).Take(2).Select(x => x.Value).ToList())
                    .Select(p => (p[0], p[1]))
                    .ToList();
                if (pairs.Count == 0)
                {
                    continue;
                }

                var kappa = CohensKappa.Compute(pairs);
                result.Add(new ReviewerAgreement(rubric.Id, rubric.Name, criterion.Id, criterion.Name, criterion.Kind.ToString(), pairs.Count, kappa, Reading(kappa)));
            }
        }

        return result;
    }

    /// <summary>Landis and Koch's words for a kappa, the reading most teams know.</summary>
    public static string Reading(double? kappa) => kappa switch
    {
        null => "Undefined (every answer got the same value)",
        < 0 => "Worse than chance",
        <= 0.20 => "Slight",
        <= 0.40 => "Fair",
        <= 0.60 => "Moderate",
        <= 0.80 => "Substantial",
        _ => "Almost perfect",
    };

    private static string Label(ValueRow value) =>
        value.Label ?? (value.Passed is { } passed ? (passed ? "true" : "false") : value.Number?.ToString(CultureInfo.InvariantCulture) ?? "");

    private IReadOnlyList<CriterionStanding> Standings(RubricCriterion criterion, IEnumerable<(Subject? Subject, ValueRow Value)> values)
    {
        var rows = new List<CriterionStanding>();
        foreach (var group in values.Where(v => v.Subject is not null).GroupBy(v => v.Subject!))
        {
            var subject = group.Key;
            var count = group.Count();
            var tooFew = count < EvaluationStatistics.MinimumToRank;
            switch (criterion.Kind)
            {
                case CriterionKind.Numeric:
                    var numbers = group.Select(v => v.Value.Number).OfType<double>().ToList();
                    var mean = BootstrapInterval.Mean(numbers);
                    rows.Add(new(subject.Key, subject.Name, subject.ModelSlug, subject.RouteId, numbers.Count, mean?.Mean, null,
                        mean?.Interval.Low, mean?.Interval.High, null, null, numbers.Count < EvaluationStatistics.MinimumToRank));
                    break;
                case CriterionKind.Boolean:
                    var flags = group.Select(v => v.Value.Passed).OfType<bool>().ToList();
                    var passed = flags.Count(f => f);
                    var wilson = WilsonInterval.Compute(passed, flags.Count);
                    rows.Add(new(subject.Key, subject.Name, subject.ModelSlug, subject.RouteId, flags.Count, null,
                        flags.Count == 0 ? null : (double)passed / flags.Count, wilson?.Low, wilson?.High, null, null, flags.Count < EvaluationStatistics.MinimumToRank));
                    break;
                default:
                    var labels = criterion.LabelList.ToDictionary(l => l, _ => 0);
                    foreach (var (_, value) in group)
                    {
                        if (value.Label is { } label)
                        {
                            labels[label] = labels.GetValueOrDefault(label) + 1;
                        }
                    }

                    rows.Add(new(subject.Key, subject.Name, subject.ModelSlug, subject.RouteId, count, null, null, null, null, labels, null, tooFew));
                    break;
            }
        }

        if (criterion.Kind == CriterionKind.Categorical)
        {
            return rows.OrderByDescending(r => r.Count).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToList();
        }

        return Ranked(rows, r => r.TooFewToRank || r.Low is null, r => new Interval(r.Low!.Value, r.High!.Value), (r, rank) => r with { Rank = rank })
            .OrderBy(r => r.Rank ?? int.MaxValue).ThenByDescending(r => r.Mean ?? r.PassRate).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    private IReadOnlyList<RatingStanding> Ratings(IEnumerable<(Subject? Left, Subject? Right, VoteOutcome Outcome)> votes)
    {
        var subjects = new Dictionary<string, Subject>();
        var pairwise = new List<PairwiseVote>();
        foreach (var (left, right, outcome) in votes)
        {
            if (left is null || right is null || left.Key == right.Key)
            {
                continue;
            }

            subjects[left.Key] = left;
            subjects[right.Key] = right;
            pairwise.Add(new PairwiseVote(left.Key, right.Key, outcome switch
            {
                VoteOutcome.Left => PairOutcome.Left,
                VoteOutcome.Right => PairOutcome.Right,
                VoteOutcome.Tie => PairOutcome.Tie,
                _ => PairOutcome.BothBad,
            }));
        }

        if (pairwise.Count == 0)
        {
            return [];
        }

        var rows = BradleyTerry.Rate(pairwise).Select(r =>
        {
            var subject = subjects[r.Key];
            return new RatingStanding(r.Key, subject.Name, subject.ModelSlug, subject.RouteId, r.Rating, r.Interval.Low, r.Interval.High, r.Votes, r.Wins, r.Losses,
                r.Ties, null, r.Votes < EvaluationStatistics.MinimumToRank);
        }).ToList();
        return Ranked(rows, r => r.TooFewToRank, r => new Interval(r.Low, r.High), (r, rank) => r with { Rank = rank })
            .OrderBy(r => r.Rank ?? int.MaxValue).ThenByDescending(r => r.Rating).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>Ranks the rows with enough results among themselves; the others keep a null rank.</summary>
    private static List<T> Ranked<T>(List<T> rows, Func<T, bool> excluded, Func<T, Interval> interval, Func<T, int, T> withRank)
    {
        var eligible = Enumerable.Range(0, rows.Count).Where(i => !excluded(rows[i])).ToList();
        var ranks = Ranking.Assign(eligible.Select(i => interval(rows[i])).ToList());
        var result = rows.ToList();
        for (var k = 0; k < eligible.Count; k++)
        {
            result[eligible[k]] = withRank(rows[eligible[k]], ranks[k]);
        }

        return result;
    }

    /// <summary>
    /// The catalog model an answer counts for; an answer from a model the catalog does not know (a private
    /// deployment, a fine-tune) still counts, under its provider model ID and connection.
    /// </summary>
    private Subject? ModelSubject(int? modelId, int? routeId, string? answer = null)
    {
        var id = routeId is { } r && routes.TryGetValue(r, out var route) ? route.ModelId : modelId;
        if (id is { } m && models.TryGetValue(m, out var model))
        {
            return new Subject(model.Slug, model.Name, model.Slug, null);
        }

        return string.IsNullOrEmpty(answer) ? null : new Subject($"answer:{answer}", answer, null, null);
    }

    private Subject? RouteSubject(int? routeId)
    {
        if (routeId is not { } r || !routes.TryGetValue(r, out var route))
        {
            return null;
        }

        var slug = models.TryGetValue(route.ModelId, out var model) ? model.Slug : null;
        return new Subject($"route:{r}", route.Name, slug, r);
    }
}
