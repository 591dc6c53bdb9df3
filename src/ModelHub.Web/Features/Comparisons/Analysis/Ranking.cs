using static ModelHub.Web.Features.Comparisons.Analysis.AnalysisText;

namespace ModelHub.Web.Features.Comparisons.Analysis;

/// <summary>
/// The weighted ranking: models that meet the must-haves get a 0..100 score from the weighted signals;
/// the rest are listed with their failures. Ranked models come first, best first; ties share a rank.
/// </summary>
internal static class Ranking
{
    public static IReadOnlyList<RankedModel> Rank(AnalysisContext context)
    {
        var signals = Signals.For(context, context.Passing);
        var used = signals.Where(s => s.Used).ToList();
        var unranked = Unranked(context, signals, used);
        if (unranked is not null || context.Passing.Count == 0)
        {
            return context.Models.Select(m => Unplaced(context, m, unranked ?? [])).ToList();
        }

        var scores = context.Passing.ToDictionary(m => m.Index, m => Math.Round(Score(m, used), 1));
        var ranked = context.Passing.OrderByDescending(m => scores[m.Index]).ThenBy(m => m.Index)
            .Select(m => new RankedModel(m.Slug, m.Name, 1 + scores.Values.Count(s => s > scores[m.Index]), scores[m.Index], [], Explain(m, signals)));
        return ranked.Concat(context.Models.Where(m => context.Failures[m.Index].Count > 0).Select(m => Unplaced(context, m, []))).ToList();
    }

    /// <summary>Why nothing can be ranked, or null when the weights have data to work with.</summary>
    private static IReadOnlyList<string>? Unranked(AnalysisContext context, IReadOnlyList<Signal> signals, IReadOnlyList<Signal> used)
    {
        if (signals.Count == 0)
        {
            return ["All weights are 0, so nothing is ranked."];
        }

        return used.Count == 0 && context.Passing.Count > 0
            ? [.. signals.Select(Skipped), "No weighted signal has data for these models, so nothing is ranked."]
            : null;
    }

    private static RankedModel Unplaced(AnalysisContext context, ModelFacts model, IReadOnlyList<string> explanation) =>
        new(model.Slug, model.Name, null, null, context.Failures[model.Index], context.Failures[model.Index].Count > 0 ? [] : explanation);

    private static double Score(ModelFacts model, IReadOnlyList<Signal> used) =>
        used.Sum(s => s.Weight * s.Values![model.Index]) / used.Sum(s => s.Weight) * 100;

    private static IReadOnlyList<string> Explain(ModelFacts model, IReadOnlyList<Signal> signals) =>
        signals.Select(s => s.Used ? $"{s.Name} {s.Weight}×: {s.Describe(model)}, {Number(s.Values![model.Index], "0.00")} {s.Scale}" : Skipped(s)).ToList();

    private static string Skipped(Signal s) => $"{s.Name} {s.Weight}×: weight not used, {s.Skipped}";
}
