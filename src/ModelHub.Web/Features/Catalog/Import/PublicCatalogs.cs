using Microsoft.Extensions.Options;
using ModelHub.Web.Features.Common;

namespace ModelHub.Web.Features.Catalog.Import;

/// <summary>A public catalog ModelHub knows by name: where it is published, its format and what it holds.</summary>
public sealed record PublicCatalog(string Id, string Name, CatalogImportFormat Format, Uri Url, string Description, Uri DocsUrl)
{
    /// <summary>How an import from it is named in the catalog's sources: "models.dev (public) import from https://…".</summary>
    public string ImportName => $"{Name} (public) import from {Url}";
}

/// <summary>
/// Settings under <c>Catalog:PublicSources</c>, keyed by public catalog id (<c>models-dev</c>, <c>litellm</c>,
/// <c>openrouter</c>): a <c>Url</c> that replaces the catalog's public address, for a mirror in an
/// air-gapped install or a fake server in tests.
/// </summary>
public sealed class PublicCatalogOptions : Dictionary<string, PublicCatalogSourceOptions>
{
    public const string Section = "Catalog:PublicSources";

    public PublicCatalogOptions()
        : base(StringComparer.OrdinalIgnoreCase)
    {
    }
}

public sealed class PublicCatalogSourceOptions
{
    /// <summary>An absolute http or https address serving the catalog in its usual format; empty keeps the public address.</summary>
    public string? Url { get; set; }
}

/// <summary>The known public catalogs, each with its configured mirror in place of its public address.</summary>
public sealed class PublicCatalogs(IOptionsMonitor<PublicCatalogOptions> options)
{
    /// <summary>The catalogs as published, before any configured mirror.</summary>
    public static IReadOnlyList<PublicCatalog> Published { get; } =
    [
        new("models-dev", "models.dev", CatalogImportFormat.ModelsDev,
            new Uri("https://models.dev/api.json"),
            "Open database of models by provider: dozens of providers, prices per million tokens, limits, modalities, release dates.",
            new Uri("https://models.dev/")),
        new("litellm", "LiteLLM", CatalogImportFormat.LiteLlm,
            new Uri("https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json"),
            "LiteLLM's price and context-window map: thousands of routes keyed by provider, prices per token.",
            new Uri("https://docs.litellm.ai/docs/proxy/model_cost_map")),
        new("openrouter", "OpenRouter", CatalogImportFormat.OpenRouter,
            new Uri("https://openrouter.ai/api/v1/models"),
            "The hundreds of models OpenRouter serves, as routes of one provider: prices per token, context length, modalities.",
            new Uri("https://openrouter.ai/docs/api-reference/list-available-models")),
    ];

    /// <summary>"models-dev, litellm, openrouter", for messages that list the choices.</summary>
    public static string KnownIds { get; } = string.Join(", ", Published.Select(c => c.Id));

    public static bool IsKnown(string? id) => Published.Any(c => string.Equals(c.Id, id?.Trim(), StringComparison.OrdinalIgnoreCase));

    public IReadOnlyList<PublicCatalog> All => [.. Published.Select(WithConfiguredUrl)];

    /// <summary>The catalog with this id; an unknown id is refused with the list of known ones.</summary>
    public PublicCatalog Find(string? id) =>
        All.FirstOrDefault(c => string.Equals(c.Id, id?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidInputException($"There is no public catalog '{id}'. The known ones are {KnownIds}.");

    private PublicCatalog WithConfiguredUrl(PublicCatalog catalog) =>
        options.CurrentValue.TryGetValue(catalog.Id, out var configured) && !string.IsNullOrWhiteSpace(configured.Url)
            ? catalog with { Url = new Uri(configured.Url.Trim(), UriKind.Absolute) }
            : catalog;

    /// <summary>True for an absolute http or https address, the only kind an import downloads from.</summary>
    public static bool IsWebAddress(string? value) =>
        Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}

/// <summary>Refuses, at start-up, a mirror for a catalog that does not exist or an address that is not one.</summary>
internal sealed class PublicCatalogOptionsValidator : IValidateOptions<PublicCatalogOptions>
{
    public ValidateOptionsResult Validate(string? name, PublicCatalogOptions options)
    {
        var failures = new List<string>();
        foreach (var (id, source) in options)
        {
            var key = $"{PublicCatalogOptions.Section}:{id}";
            if (!PublicCatalogs.IsKnown(id))
            {
                failures.Add($"{key} names no public catalog; the known ones are {PublicCatalogs.KnownIds}.");
            }
            else if (!string.IsNullOrWhiteSpace(source.Url) && !PublicCatalogs.IsWebAddress(source.Url))
            {
                failures.Add($"{key}:Url must be an absolute http or https address, not '{source.Url}'.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
