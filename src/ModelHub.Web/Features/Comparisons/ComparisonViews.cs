using ModelHub.Web.Features.Catalog;

namespace ModelHub.Web.Features.Comparisons;

/// <summary>What a client sends to create or change a comparison. <see cref="Version"/> guards a change against a newer save.</summary>
public sealed record ComparisonInput(
    string Name,
    IReadOnlyList<string> Models,
    ComparisonWorkload? Workload = null,
    string? Notes = null,
    Guid? Version = null,
    ComparisonRequirements? Requirements = null,
    ComparisonWeights? Weights = null);

/// <summary>The team's pick among the compared models, and why. Null model slug clears it.</summary>
public sealed record DecisionInput(string? ModelSlug, string? Rationale);

/// <summary>The decision record as shown at the top of the comparison; the model may since have left it.</summary>
public sealed record DecisionView(string? ModelSlug, string ModelName, string? Rationale, string ByEmail, DateTime AtUtc, bool StillCompared);

/// <summary>A run linked as evidence, with what each of its answers measured.</summary>
public sealed record LinkedRunView(Guid RunId, string Title, DateTime CreatedAtUtc, IReadOnlyList<LinkedRunTarget> Targets);

public sealed record LinkedRunTarget(string DisplayName, string? ModelSlug, string ProviderModelId, string Status, double? TimeToFirstTokenMs, double? OutputTokensPerSecond,
    int? InputTokens, int? OutputTokens, decimal? CostUsd);

/// <summary>A model's cost at the workload: the cheapest route with both prices.</summary>
public sealed record MonthlyCost(decimal Usd, string ProviderSlug, string ProviderModelId);

/// <summary>One route of a compared model, with its cost at the workload or why it has none.</summary>
public sealed record RouteCost(
    string ProviderSlug,
    string ProviderName,
    string ProviderModelId,
    decimal? InputPricePerMillion,
    decimal? OutputPricePerMillion,
    decimal? CachedInputPricePerMillion,
    int? ContextWindow,
    int? MaxOutputTokens,
    bool IsFree,
    bool IsWeightsOnly,
    decimal? PerRequestUsd,
    decimal? PerMonthUsd,
    string? Unpriced);

public sealed record ComparedModel(string Slug, string Name, string Lab, MonthlyCost? MonthlyCost, IReadOnlyList<RouteCost> Routes, ModelDetails Details);

/// <summary>A change to a route under the comparison since it was saved: the snapshot keeps the old value.</summary>
public sealed record PriceChange(string ModelSlug, string ProviderSlug, string ProviderModelId, string Field, string? OldValue, string? NewValue, DateTime ChangedAtUtc);

public sealed record ComparisonRevisionView(string ByEmail, DateTime AtUtc, string Summary);

public sealed record ComparisonView(
    Guid Id,
    Guid TeamId,
    string Name,
    string? Notes,
    ComparisonWorkload Workload,
    IReadOnlyList<ComparedModel> Models,
    IReadOnlyList<PriceChange> PriceChanges,
    IReadOnlyList<ComparisonRevisionView> Revisions,
    string CreatedByUserId,
    DateTime CreatedAtUtc,
    DateTime UpdatedAtUtc,
    Guid Version,
    ComparisonRequirements Requirements,
    ComparisonWeights Weights,
    DecisionView? Decision,
    IReadOnlyList<LinkedRunView> LinkedRuns,
    IReadOnlyList<MeasuredEvidence> Measured,
    IReadOnlyList<EvaluationEvidence> Evaluations,
    ComparisonAnalysis Analysis);

public sealed record ComparisonSummary(Guid Id, string Name, IReadOnlyList<string> ModelSlugs, DateTime UpdatedAtUtc, string UpdatedBy, string? ChosenModelName = null, int UnseenPriceChanges = 0);
