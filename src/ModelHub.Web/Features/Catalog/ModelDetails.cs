namespace ModelHub.Web.Features.Catalog;

public sealed record SourceView(int Id, CatalogSourceKind Kind, string Name, string? Url, DateOnly? PublishedOn, DateTime CreatedAtUtc);

public sealed record RouteView(
    int Id,
    string ProviderSlug,
    string ProviderName,
    ApiStyle ApiStyle,
    string? BaseUrl,
    string? ApiKeyVariable,
    string ProviderModelId,
    decimal? InputPricePerMillion,
    decimal? OutputPricePerMillion,
    decimal? CachedInputPricePerMillion,
    int? ContextWindow,
    int? MaxOutputTokens,
    string? Quantization,
    bool IsFree,
    bool IsWeightsOnly,
    string? Notes,
    CatalogStatus Status,
    SourceView Source)
{
    /// <summary>When the route last changed; a property rather than a parameter, since OpenAPI's schema export cannot write a DateTime default.</summary>
    public DateTime UpdatedAtUtc { get; init; }
}

public sealed record BenchmarkView(string Benchmark, string Variant, decimal Score, decimal ScaleMax, SourceView Source);

public sealed record ClaimView(string Field, string Value, SourceView Source);

/// <summary>A field on which the sources say different things, with what each says.</summary>
public sealed record Disagreement(string Field, IReadOnlyList<ClaimView> Claims);

public sealed record ModelDetails(
    int Id,
    string Slug,
    string Name,
    string Lab,
    string? Family,
    string? Description,
    DateOnly? ReleaseDate,
    decimal? ParametersBillions,
    decimal? ActiveParametersBillions,
    string? Architecture,
    int? ContextWindow,
    int? MaxOutputTokens,
    string? KnowledgeCutoff,
    string? License,
    bool? OpenWeights,
    Modality InputModalities,
    Modality OutputModalities,
    ModelCapability Capabilities,
    string? Languages,
    string? HuggingFaceId,
    CatalogStatus Status,
    DateTime UpdatedAtUtc,
    SourceView Source,
    IReadOnlyList<RouteView> Routes,
    IReadOnlyList<BenchmarkView> Benchmarks,
    IReadOnlyList<ClaimView> Claims,
    IReadOnlyList<Disagreement> Disagreements)
{
    /// <summary>The served (not weights-only) route with the lowest input price, then output price.</summary>
    public RouteView? CheapestRoute => Routes
        .Where(r => !r.IsWeightsOnly && (r.InputPricePerMillion is not null || r.IsFree))
        .OrderBy(r => r.InputPricePerMillion ?? 0)
        .ThenBy(r => r.OutputPricePerMillion ?? 0)
        .FirstOrDefault();
}
