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
    string? HuggingFaceId = null);

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
    string Entry);

public sealed record ImportBatch(CatalogImportFormat Format, IReadOnlyList<ImportedProvider> Providers, IReadOnlyList<ImportedRoute> Routes);

/// <summary>The file cannot be imported; the message names the problem and the line or entry.</summary>
public sealed class ImportFileException(string message) : Common.UserFacingException(message)
{
    public override int StatusCode => StatusCodes.Status400BadRequest;
}
