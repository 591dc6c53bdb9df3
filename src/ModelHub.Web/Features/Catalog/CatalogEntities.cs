namespace ModelHub.Web.Features.Catalog;

/// <summary>Where catalog values came from: the seed, one import run, or a manual edit.</summary>
public sealed class CatalogSource
{
    public int Id { get; set; }

    public CatalogSourceKind Kind { get; set; }

    /// <summary>What a person reads: "LLM Reference: GLM-4V 9B on Replicate API", "models.dev import", "Manual edit by …".</summary>
    public required string Name { get; set; }

    public string? Url { get; set; }

    /// <summary>When the source itself was written or refreshed, where it says so.</summary>
    public DateOnly? PublishedOn { get; set; }

    public DateTime CreatedAtUtc { get; set; } = DateTime.UtcNow;
}

public enum CatalogSourceKind
{
    Seed = 0,
    Import = 1,
    Manual = 2,
}

[Flags]
public enum Modality
{
    None = 0,
    Text = 1,
    Image = 2,
    Audio = 4,
    Video = 8,
    File = 16,
}

[Flags]
public enum ModelCapability
{
    None = 0,
    Vision = 1,
    Reasoning = 2,
    ToolCalling = 4,
    StructuredOutput = 8,
    CodeExecution = 16,
    WebBrowsing = 32,
}

public enum CatalogStatus
{
    Available = 0,
    Preview = 1,
    Deprecated = 2,
    Retired = 3,
}

public enum ApiStyle
{
    OpenAiCompatible = 0,
    Replicate = 1,
    Anthropic = 2,
    Other = 3,
}

public sealed class CatalogModel
{
    public int Id { get; set; }

    public required string Slug { get; set; }

    public required string Name { get; set; }

    public required string Lab { get; set; }

    public string? Family { get; set; }

    public string? Description { get; set; }

    public DateOnly? ReleaseDate { get; set; }

    /// <summary>Total parameters in billions (106 for a 106B mixture-of-experts model).</summary>
    public decimal? ParametersBillions { get; set; }

    /// <summary>Parameters active per token, in billions, for mixture-of-experts models.</summary>
    public decimal? ActiveParametersBillions { get; set; }

    public string? Architecture { get; set; }

    public int? ContextWindow { get; set; }

    public int? MaxOutputTokens { get; set; }

    public string? KnowledgeCutoff { get; set; }

    public string? License { get; set; }

    /// <summary>Null when no source says.</summary>
    public bool? OpenWeights { get; set; }

    public Modality InputModalities { get; set; }

    public Modality OutputModalities { get; set; }

    public ModelCapability Capabilities { get; set; }

    public string? Languages { get; set; }

    public string? HuggingFaceId { get; set; }

    public CatalogStatus Status { get; set; }

    public int SourceId { get; set; }

    public CatalogSource Source { get; set; } = null!;

    public DateTime UpdatedAtUtc { get; set; } = DateTime.UtcNow;

    /// <summary>Two administrators editing one model: the second save is refused, not silently merged.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    /// <summary>
    /// Set when an administrator merged this model into another. It is then hidden from every catalog
    /// query (a query filter), keeps its slug so old links redirect, and comes back on undo.
    /// </summary>
    public int? MergedIntoId { get; set; }

    public List<CatalogRoute> Routes { get; set; } = [];

    public List<BenchmarkScore> Benchmarks { get; set; } = [];

    public List<FactClaim> Claims { get; set; } = [];
}

public sealed class CatalogProvider
{
    public int Id { get; set; }

    public required string Slug { get; set; }

    public required string Name { get; set; }

    public ApiStyle ApiStyle { get; set; }

    public string? BaseUrl { get; set; }

    public string? DocsUrl { get; set; }

    /// <summary>The environment variable that request examples read the key from.</summary>
    public string? ApiKeyVariable { get; set; }

    public int SourceId { get; set; }

    public CatalogSource Source { get; set; } = null!;
}

/// <summary>A model served by a provider, with that provider's model ID and prices.</summary>
public sealed class CatalogRoute
{
    public int Id { get; set; }

    public int ModelId { get; set; }

    public CatalogModel Model { get; set; } = null!;

    public int ProviderId { get; set; }

    public CatalogProvider Provider { get; set; } = null!;

    public required string ProviderModelId { get; set; }

    /// <summary>USD per million input tokens; null when the source gives none.</summary>
    public decimal? InputPricePerMillion { get; set; }

    public decimal? OutputPricePerMillion { get; set; }

    public decimal? CachedInputPricePerMillion { get; set; }

    public int? ContextWindow { get; set; }

    public int? MaxOutputTokens { get; set; }

    public string? Quantization { get; set; }

    public bool IsFree { get; set; }

    /// <summary>True for a weights download (Hugging Face) rather than an inference API.</summary>
    public bool IsWeightsOnly { get; set; }

    public string? Notes { get; set; }

    public CatalogStatus Status { get; set; }

    public int SourceId { get; set; }

    public CatalogSource Source { get; set; } = null!;

    public DateTime UpdatedAtUtc { get; set; } = DateTime.UtcNow;

    public Guid Version { get; set; } = Guid.NewGuid();

    public List<RoutePriceChange> PriceHistory { get; set; } = [];
}

/// <summary>One price a route had from <see cref="EffectiveAtUtc"/> on, kept so price changes stay visible.</summary>
public sealed class RoutePriceChange
{
    public int Id { get; set; }

    public int RouteId { get; set; }

    public decimal? InputPricePerMillion { get; set; }

    public decimal? OutputPricePerMillion { get; set; }

    public decimal? CachedInputPricePerMillion { get; set; }

    public DateTime EffectiveAtUtc { get; set; }

    public int SourceId { get; set; }

    public CatalogSource Source { get; set; } = null!;
}

public sealed class BenchmarkScore
{
    public int Id { get; set; }

    public int ModelId { get; set; }

    public required string Benchmark { get; set; }

    /// <summary>Which form of the model was measured ("chat", "base"); empty when the source does not say.</summary>
    public string Variant { get; set; } = "";

    public decimal Score { get; set; }

    /// <summary>The score's range: 100 for percentages, 10 for MT-Bench-style ratings.</summary>
    public decimal ScaleMax { get; set; } = 100;

    public int SourceId { get; set; }

    public CatalogSource Source { get; set; } = null!;
}

/// <summary>
/// What one source says about one field of a model. The model's column holds the value shown;
/// claims keep every source's value, so where sources disagree the page can show both.
/// </summary>
public sealed class FactClaim
{
    public int Id { get; set; }

    public int ModelId { get; set; }

    public required string Field { get; set; }

    public required string Value { get; set; }

    public int SourceId { get; set; }

    public CatalogSource Source { get; set; } = null!;
}
