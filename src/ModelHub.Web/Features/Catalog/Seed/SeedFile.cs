using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelHub.Web.Features.Catalog.Seed;

/// <summary>The shape of catalog-seed.json.</summary>
internal sealed record SeedFile(int Version, List<SeedSource> Sources, List<SeedProvider> Providers, List<SeedModel> Models)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static SeedFile Load()
    {
        using var stream = typeof(SeedFile).Assembly.GetManifestResourceStream("catalog-seed.json")
            ?? throw new InvalidOperationException("The catalog seed is missing from the assembly.");
        return JsonSerializer.Deserialize<SeedFile>(stream, Json) ?? throw new InvalidOperationException("The catalog seed is empty.");
    }
}

internal sealed record SeedSource(string Key, string Name, string? Url, DateOnly? PublishedOn);

internal sealed record SeedProvider(string Slug, string Name, ApiStyle ApiStyle, string? BaseUrl, string? DocsUrl, string? ApiKeyVariable, string Source);

internal sealed record SeedModel(
    string Slug,
    string Source,
    string Name,
    string Lab,
    string? Family,
    string? Description,
    DateOnly? ReleaseDate,
    decimal? ParametersBillions,
    decimal? ActiveParametersBillions,
    string? Architecture,
    int? ContextWindow,
    int? MaxOutput,
    string? KnowledgeCutoff,
    string? License,
    bool? OpenWeights,
    List<Modality>? Input,
    List<Modality>? Output,
    List<ModelCapability>? Capabilities,
    string? Languages,
    string? HuggingFaceId,
    CatalogStatus Status,
    List<SeedClaim>? Claims,
    List<SeedRoute>? Routes,
    List<SeedBenchmark>? Benchmarks);

internal sealed record SeedClaim(string Source, string Field, string Value);

internal sealed record SeedRoute(
    string Provider,
    string ModelId,
    decimal? Input,
    decimal? Output,
    decimal? CachedInput,
    int? ContextWindow,
    int? MaxOutput,
    string? Quantization,
    bool Free,
    bool WeightsOnly,
    string? Notes,
    string Source);

internal sealed record SeedBenchmark(string Benchmark, string? Variant, decimal Score, decimal? ScaleMax, string Source);
