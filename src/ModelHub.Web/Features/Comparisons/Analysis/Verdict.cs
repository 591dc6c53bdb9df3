using static ModelHub.Web.Features.Comparisons.Analysis.AnalysisText;

namespace ModelHub.Web.Features.Comparisons.Analysis;

/// <summary>
/// The one-sentence verdict: the ranking's leader and the runner-up's strongest reason, or the
/// cheapest model when nothing is ranked, and how many models miss the must-haves.
/// </summary>
internal static class Verdict
{
    public static string Write(AnalysisContext c, IReadOnlyList<RankedModel> ranking, IReadOnlyList<IReadOnlyList<Reason>> reasons)
    {
        if (c.Count == 0)
        {
            return "Add models to compare.";
        }

        if (c.Passing.Count == 0)
        {
            var none = c.Count == 2 ? "Neither model meets" : $"None of the {Word(c.Count)} models meets";
            return $"{none} the must-haves; relax a requirement to rank them.";
        }

        return $"{Lead(c, ranking, reasons)}{Failing(c)}.";
    }

    private static string Lead(AnalysisContext c, IReadOnlyList<RankedModel> ranking, IReadOnlyList<IReadOnlyList<Reason>> reasons)
    {
        var leaders = ranking.Where(r => r.Rank == 1).ToList();
        if (leaders.Count == 0)
        {
            return Unranked(c);
        }

        var score = Number(leaders[0].Score!.Value, "0.0");
        if (leaders.Count > 1)
        {
            return $"{List(leaders.Select(l => l.Name).ToList())} tie for first on the team's weights ({score} of 100); the tradeoffs below separate them";
        }

        var lead = $"{leaders[0].Name} ranks first on the team's weights ({score} of 100)";
        var runnerUp = ranking.FirstOrDefault(r => r.Rank > 1);
        var theme = runnerUp is null ? null : reasons[IndexOf(c, runnerUp.Slug)].FirstOrDefault()?.Theme;
        return theme is null ? lead : $"{lead}; choose {runnerUp!.Name} when {theme} matters";
    }

    private static string Unranked(AnalysisContext c)
    {
        var cheapest = Best.Of(c.Passing, m => (double?)m.MonthlyUsd, highest: false);
        var why = c.Weights is { Cost: 0, Context: 0, Speed: 0, Benchmarks: 0, Scores: 0 } ? "all weights are 0, so nothing is ranked" : "no weighted signal has data, so nothing is ranked";
        return cheapest switch
        {
            [var only] => $"{c.Models[only].Name} costs least at this workload ({c.Models[only].MonthlyText}/month); {why}",
            [] => $"No model here can be costed at this workload (no complete token price) and {why}",
            _ => $"{List(cheapest.Select(i => c.Models[i].Name).ToList())} cost the same at this workload; {why}",
        };
    }

    private static string Failing(AnalysisContext c)
    {
        var failing = c.Count - c.Passing.Count;
        return failing == 0 ? "" : $"; {Word(failing)} of {Word(c.Count)} models {Verb(failing, "fails", "fail")} the must-haves";
    }

    private static int IndexOf(AnalysisContext c, string slug) =>
        c.Models.First(m => string.Equals(m.Slug, slug, StringComparison.OrdinalIgnoreCase)).Index;
}
