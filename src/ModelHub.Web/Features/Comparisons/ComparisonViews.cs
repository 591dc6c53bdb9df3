using ModelHub.Web.Features.Catalog;

namespace ModelHub.Web.Features.Comparisons;

/// <summary>What a client sends to create or change a comparison. <see cref="Version"/> guards a change against a newer save.</summary>
public sealed record ComparisonInput(string Name, IReadOnlyList<string> Models, ComparisonWorkload? Workload = null, string? Notes = null, Guid? Version = null);

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
    Guid Version);

public sealed record ComparisonSummary(Guid Id, string Name, IReadOnlyList<string> ModelSlugs, DateTime UpdatedAtUtc, string UpdatedBy);
