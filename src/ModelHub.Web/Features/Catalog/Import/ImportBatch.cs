namespace ModelHub.Web.Features.Catalog.Import;

public enum CatalogImportFormat
{
    ModelsDev,
    LiteLlm,
    OpenRouter,
}

public sealed record ImportedProvider(string Slug, string Name, ApiStyle ApiStyle, string? BaseUrl, string? DocsUrl, string? ApiKeyVariable);

/// <summary>What a file says about the model behind a route; null where it says nothing.</summary>
public sealed record ImportedModel(
    string Slug,
    string Name,
    string Lab,
    string? Family = null,
    string? Description = null,
    DateOnly? ReleaseDate = null,
    int? ContextWindow = null,
    int? MaxOutputTokens = null,
    string? KnowledgeCutoff = null,
    bool? OpenWeights = null,
    Modality Input = Modality.None,
    Modality Output = Modality.None,
    ModelCapability Capabilities = ModelCapability.None,
    string? HuggingFaceId = null)
{
    /// <summary>A new catalog model with what the file says; slug, name and lab are decided by the caller.</summary>
    public CatalogModel ToModel(string slug, string name, string lab, CatalogSource source, DateTime now) => new()
    {
        Slug = slug,
        Name = name,
        Lab = lab,
        Family = Family,
        Description = Description,
        ReleaseDate = ReleaseDate,
        ContextWindow = ContextWindow,
        MaxOutputTokens = MaxOutputTokens,
        KnowledgeCutoff = KnowledgeCutoff,
        OpenWeights = OpenWeights,
        InputModalities = Input,
        OutputModalities = Output,
        Capabilities = Capabilities,
        HuggingFaceId = HuggingFaceId,
        Source = source,
        UpdatedAtUtc = now,
    };
}

/// <summary>One route from the file, normalised to USD per million tokens. <see cref="Entry"/> names it in messages.</summary>
public sealed record ImportedRoute(
    string ProviderSlug,
    string ProviderModelId,
    ImportedModel Model,
    decimal? InputPricePerMillion,
    decimal? OutputPricePerMillion,
    decimal? CachedInputPricePerMillion,
    int? ContextWindow,
    int? MaxOutputTokens,
    bool IsFree,
    string Entry)
{
    /// <summary>A new catalog route with the file's prices and limits.</summary>
    public CatalogRoute ToRoute(CatalogModel model, CatalogProvider provider, string? quantization, CatalogSource source, DateTime now) => new()
    {
        Model = model,
        Provider = provider,
        ProviderModelId = ProviderModelId,
        InputPricePerMillion = InputPricePerMillion,
        OutputPricePerMillion = OutputPricePerMillion,
        CachedInputPricePerMillion = CachedInputPricePerMillion,
        ContextWindow = ContextWindow,
        MaxOutputTokens = MaxOutputTokens,
        IsFree = IsFree,
        Quantization = quantization,
        Source = source,
        UpdatedAtUtc = now,
    };
}

public sealed record ImportBatch(CatalogImportFormat Format, IReadOnlyList<ImportedProvider> Providers, IReadOnlyList<ImportedRoute> Routes);

/// <summary>The file cannot be imported; the message names the problem and the line or entry.</summary>
public sealed class ImportFileException(string message) : Common.UserFacingException(message)
{
    public override int StatusCode => StatusCodes.Status400BadRequest;
}
