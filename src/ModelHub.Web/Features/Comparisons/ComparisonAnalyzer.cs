using ModelHub.Web.Features.Comparisons.Analysis;

namespace ModelHub.Web.Features.Comparisons;

/// <summary>
/// Writes a comparison's verdict, scorecard, tradeoffs, switch friction, ranking, deep dive and FAQ
/// from the catalog facts, the costs at the workload and the team's evidence. Pure and in memory, so
/// a workload change recomputes it without a database call.
/// </summary>
public static class ComparisonAnalyzer
{
    public static ComparisonAnalysis Analyze(
        IReadOnlyList<ComparedModel> models,
        ComparisonWorkload workload,
        ComparisonRequirements requirements,
        ComparisonWeights weights,
        IReadOnlyList<MeasuredEvidence> measured,
        IReadOnlyList<EvaluationEvidence> evaluations)
    {
        var context = new AnalysisContext(models, workload, requirements, weights, measured, evaluations);
        // The verdict names the leader and the runner-up's strongest reason, so ranking and reasons come first.
        var ranking = Ranking.Rank(context);
        var reasons = Tradeoffs.For(context);
        var verdict = Verdict.Write(context, ranking, reasons);
        return new ComparisonAnalysis(
            verdict,
            Scorecard.Rows(context, ranking),
            context.Models.Select(m => Tradeoffs.View(m, reasons[m.Index])).ToList(),
            Switching.AllPairs(context),
            ranking,
            DeepDive.Write(context, verdict),
            Faq.Write(context, verdict, reasons));
    }
}
