using ModelHub.Web.Features.Common;

namespace ModelHub.Web.Features.Catalog;

/// <summary>
/// A page of the catalog as <c>GET /api/v1/models</c> returns it. Each source and provider is written once, in
/// <see cref="Sources"/> (keyed by id) and <see cref="Providers"/> (keyed by slug); models, routes, benchmarks and
/// claims refer to them by <c>sourceId</c> and <c>providerSlug</c>. A nested list is present only when
/// <see cref="Include"/> names it.
/// </summary>
public sealed record ModelListResponse(
    IReadOnlyList<ModelListItem> Items,
    int Total,
    int Page,
    int PageSize,
    IReadOnlyList<string> Include,
    IReadOnlyDictionary<int, SourceView> Sources,
    IReadOnlyDictionary<string, ProviderView> Providers);

/// <summary>One model of a list page: the facts of <see cref="ModelDetails"/>, with its source and nested items referred to by id.</summary>
public sealed record ModelListItem(
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
    int SourceId)
{
    /// <summary>With routes: the served route with the lowest input price, then output price (as <see cref="ModelDetails.CheapestRoute"/>).</summary>
    public int? CheapestRouteId { get; init; }

    public IReadOnlyList<RouteItem>? Routes { get; init; }

    public IReadOnlyList<BenchmarkItem>? Benchmarks { get; init; }

    public IReadOnlyList<ClaimItem>? Claims { get; init; }

    public IReadOnlyList<DisagreementItem>? Disagreements { get; init; }
}

/// <summary>A route of a list page; its provider is in <see cref="ModelListResponse.Providers"/> under <see cref="ProviderSlug"/>.</summary>
public sealed record RouteItem(
    int Id,
    string ProviderSlug,
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
    int SourceId);

public sealed record BenchmarkItem(string Benchmark, string Variant, decimal Score, decimal ScaleMax, int SourceId);

public sealed record ClaimItem(string Field, string Value, int SourceId);

/// <summary>A field on which the sources say different things, with what each says.</summary>
public sealed record DisagreementItem(string Field, IReadOnlyList<ClaimItem> Claims);

public sealed record ProviderView(string Slug, string Name, ApiStyle ApiStyle, string? BaseUrl, string? DocsUrl, string? ApiKeyVariable);

/// <summary>The nested lists a list page carries, chosen with <c>include=</c>.</summary>
[Flags]
public enum CatalogInclude
{
    None = 0,
    Routes = 1,
    Benchmarks = 2,
    Claims = 4,

    /// <summary>Fields on which the model's sources disagree; <see cref="Claims"/> brings these too.</summary>
    Disagreements = 8,
    All = Routes | Benchmarks | Claims | Disagreements,
}

/// <summary>Reads and writes the <c>include</c> parameter: comma-separated names, <c>all</c> or <c>none</c>; routes when absent.</summary>
public static class CatalogIncludes
{
    public const string Parameter = "include";

    public const CatalogInclude Default = CatalogInclude.Routes;

    private static readonly (string Name, CatalogInclude Value)[] Names =
    [
        ("routes", CatalogInclude.Routes),
        ("benchmarks", CatalogInclude.Benchmarks),
        ("claims", CatalogInclude.Claims),
        ("disagreements", CatalogInclude.Disagreements),
        ("all", CatalogInclude.All),
        ("none", CatalogInclude.None),
    ];

    public static CatalogInclude Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Default;
        }

        var include = CatalogInclude.None;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = Array.FindIndex(Names, n => string.Equals(n.Name, part, StringComparison.OrdinalIgnoreCase));
            include |= match >= 0
                ? Names[match].Value
                : throw new InvalidInputException($"'{part}' is not a valid {Parameter}. Use one or more of: {string.Join(", ", Names.Select(n => n.Name))}.");
        }

        // Claims are what disagreements are worked out from, so asking for claims brings both.
        return include.HasFlag(CatalogInclude.Claims) ? include | CatalogInclude.Disagreements : include;
    }

    /// <summary>The lists <paramref name="include"/> names, in a fixed order, as the response echoes them.</summary>
    public static IReadOnlyList<string> Describe(CatalogInclude include) =>
        Names.Where(n => n.Value is not (CatalogInclude.All or CatalogInclude.None) && include.HasFlag(n.Value)).Select(n => n.Name).ToList();
}
