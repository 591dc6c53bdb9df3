using static ModelHub.Web.Features.Comparisons.Analysis.AnalysisText;

namespace ModelHub.Web.Features.Comparisons.Analysis;

/// <summary>The decision scorecard: one row per signal, one value per model in the team's order.</summary>
internal static class Scorecard
{
    public static IReadOnlyList<ScorecardRow> Rows(AnalysisContext c, IReadOnlyList<RankedModel> ranking)
    {
        var rankBySlug = new Dictionary<string, RankedModel>(StringComparer.OrdinalIgnoreCase);
        foreach (var ranked in ranking)
        {
            rankBySlug.TryAdd(ranked.Slug, ranked);
        }

        return
        [
            Row(c, "Requirements", m => c.Failures[m.Index].Count == 0 ? "Pass" : $"Fails: {c.Failures[m.Index].Count}", m => c.Failures[m.Index].Count == 0 ? 1 : 0),
            Row(c, "Monthly cost", m => m.MonthlyText ?? NoCost(m), m => (double?)m.MonthlyUsd, highest: false),
            Row(c, "Cheapest route", m => m.CheapestProviderName ?? "None priced", _ => null),
            Row(c, "Context window", m => m.ContextText ?? "Not listed", m => m.Context),
            Row(c, "Max output", m => m.MaxOutputText ?? "Not listed", m => m.MaxOutput),
            Row(c, "Provider routes", m => $"{Count(m.ServedRoutes)} tracked", m => m.ServedRoutes),
            Row(c, "Open weights / licence", Licence, m => m.Details.OpenWeights == true ? 1 : 0),
            Row(c, "Capabilities", m => Capabilities(m.Details.Capabilities) is { Length: > 0 } list ? list : "None listed", _ => null),
            Row(c, "Shared benchmarks", _ => Plural(c.SharedBenchmarks.Count, "row"), m => SharedBenchmarkMean(c, m)),
            Row(c, "Measured time to first token", m => Measured(m, Tradeoffs.FirstTokenMs(m), "#,##0", " ms"), Tradeoffs.FirstTokenMs, highest: false),
            Row(c, "Measured tokens/s", m => Measured(m, Tradeoffs.TokensPerSecond(m), "#,##0.#", " tokens/s"), Tradeoffs.TokensPerSecond),
            .. c.EvaluationLabels.Select(label => Row(c, label, m => Evaluation(m, label), m => RankableScore(m, label))),
            Row(c, "Weighted score", m => Weighted(rankBySlug[m.Slug]), m => rankBySlug[m.Slug].Rank == 1 ? 1 : null),
        ];
    }

    private static ScorecardRow Row(AnalysisContext c, string signal, Func<ModelFacts, string> show, Func<ModelFacts, double?> rank, bool highest = true) =>
        new(signal, c.Models.Select(show).ToList(), Best.Marked(c.Models, rank, highest));

    private static string NoCost(ModelFacts m) =>
        m.Model.Routes.Count == 0 ? "Unavailable: no tracked route" : m.Model.Routes.Any(r => r.IsFree) ? "Unavailable: free route only" : NoPrice;

    private static string Licence(ModelFacts m)
    {
        var weights = m.Details.OpenWeights switch
        {
            true => "Open weights",
            false => "Closed weights",
            null => "Weights not listed",
        };
        return $"{weights} · {(string.IsNullOrWhiteSpace(m.Details.License) ? "licence not listed" : m.Details.License)}";
    }

    private static double? SharedBenchmarkMean(AnalysisContext c, ModelFacts m) =>
        c.SharedBenchmarks.Count == 0 ? null : c.SharedBenchmarks.Average(key => m.Benchmarks[key].Fraction);

    private static string Measured(ModelFacts m, double? value, string format, string unit) => (m.HasRuns, value) switch
    {
        (false, _) => "No linked runs",
        (true, null) => "Not measured",
        (true, { } v) => $"{Number(v, format)}{unit} ({Plural(m.Measured!.Runs, "run")})",
    };

    private static string Evaluation(ModelFacts m, string label) => m.Evaluations.TryGetValue(label, out var e)
        ? $"{e.Display} ({Plural(e.Count, "result")}{(e.TooFewToRank ? ", too few to rank" : "")})"
        : "Not evaluated";

    private static double? RankableScore(ModelFacts m, string label) =>
        m.Evaluations.TryGetValue(label, out var e) && !e.TooFewToRank ? e.Score : null;

    private static string Weighted(RankedModel ranked) => ranked switch
    {
        { Score: { } score, Rank: { } rank } => $"{Number(score, "0.0")} (#{rank})",
        { Failures.Count: > 0 } => "Fails must-haves",
        _ => "Not ranked",
    };
}
