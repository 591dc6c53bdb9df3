using ModelHub.Web.Features.Catalog;

namespace ModelHub.Web.Features.Comparisons;

/// <summary>
/// Must-haves: a model that misses one is marked as failing and is not ranked. Empty lists and
/// nulls mean "no requirement".
/// </summary>
public sealed record ComparisonRequirements(
    ModelCapability Capabilities = ModelCapability.None,
    int? MinContextWindow = null,
    bool OpenWeights = false,
    IReadOnlyList<string>? Licenses = null,
    IReadOnlyList<string>? Providers = null)
{
    public static readonly ComparisonRequirements None = new();

    public bool IsEmpty => Capabilities == ModelCapability.None && MinContextWindow is null && !OpenWeights
        && (Licenses?.Count ?? 0) == 0 && (Providers?.Count ?? 0) == 0;
}

/// <summary>How much each signal counts in the ranking, 0 (ignored) to 5.</summary>
public sealed record ComparisonWeights(int Cost = 3, int Context = 1, int Speed = 1, int Benchmarks = 2, int Scores = 2)
{
    public static readonly ComparisonWeights Default = new();
}

/// <summary>What the team measured for one model in the runs linked to the comparison (successful answers only).</summary>
public sealed record MeasuredEvidence(
    string ModelSlug,
    int Runs,
    double? MedianTimeToFirstTokenMs,
    double? MedianOutputTokensPerSecond,
    decimal? MeanCostPerRunUsd,
    double? MeanInputTokens,
    double? MeanOutputTokens);

/// <summary>
/// One evaluation result for a model, from a source such as the team's rubric scores or blind votes
/// (issue 12). <see cref="Score"/> is normalised to 0..1 so weights can use it; <see cref="Display"/> is
/// what the page shows ("4.2 / 5 ± 0.3", "1084 Elo").
/// </summary>
public sealed record EvaluationEvidence(string ModelSlug, string Label, double? Score, int Count, string Display, bool TooFewToRank);

/// <summary>
/// The extension point for evaluations: each registered source adds its results to every comparison.
/// Issue 12's scores, votes and notes plug in here without the comparison code changing.
/// </summary>
public interface IComparisonEvidenceSource
{
    Task<IReadOnlyList<EvaluationEvidence>> GetAsync(Guid teamId, IReadOnlyList<string> modelSlugs, CancellationToken cancellationToken);
}

/// <summary>One row of the decision scorecard: a signal, each model's value, and the leader(s) when one can be named.</summary>
public sealed record ScorecardRow(string Signal, IReadOnlyList<string> Values, IReadOnlyList<int> Leaders);

/// <summary>"Choose X when…": the reasons that favour one model, each from the data.</summary>
public sealed record ModelTradeoffs(string Slug, string Name, IReadOnlyList<string> ChooseWhen);

/// <summary>What moving production traffic from one model to another involves.</summary>
public sealed record SwitchFriction(
    string FromSlug,
    string ToSlug,
    string FromName,
    string ToName,
    IReadOnlyList<string> SharedProviders,
    decimal? MonthlyCostChangeUsd,
    IReadOnlyList<string> Points);

/// <summary>A model's place in the weighted ranking, or why it has none.</summary>
public sealed record RankedModel(
    string Slug,
    string Name,
    int? Rank,
    double? Score,
    IReadOnlyList<string> Failures,
    IReadOnlyList<string> Explanation);

public sealed record FaqEntry(string Question, string Answer);

/// <summary>Everything the comparison page writes from the data: nothing in it is typed by hand.</summary>
public sealed record ComparisonAnalysis(
    string Verdict,
    IReadOnlyList<ScorecardRow> Scorecard,
    IReadOnlyList<ModelTradeoffs> Tradeoffs,
    IReadOnlyList<SwitchFriction> Switches,
    IReadOnlyList<RankedModel> Ranking,
    IReadOnlyList<string> DeepDive,
    IReadOnlyList<FaqEntry> Faq);
