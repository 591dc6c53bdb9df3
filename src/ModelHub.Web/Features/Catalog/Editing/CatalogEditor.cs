using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Common;

namespace ModelHub.Web.Features.Catalog.Editing;

public sealed record ModelForm
{
    public string Slug { get; init; } = "";
    public string Name { get; init; } = "";
    public string Lab { get; init; } = "";
    public string? Family { get; init; }
    public string? Description { get; init; }
    public DateOnly? ReleaseDate { get; init; }
    public decimal? ParametersBillions { get; init; }
    public decimal? ActiveParametersBillions { get; init; }
    public string? Architecture { get; init; }
    public int? ContextWindow { get; init; }
    public int? MaxOutputTokens { get; init; }
    public string? KnowledgeCutoff { get; init; }
    public string? License { get; init; }
    public bool? OpenWeights { get; init; }
    public Modality InputModalities { get; init; } = Modality.Text;
    public Modality OutputModalities { get; init; } = Modality.Text;
    public ModelCapability Capabilities { get; init; }
    public string? Languages { get; init; }
    public string? HuggingFaceId { get; init; }
    public CatalogStatus Status { get; init; }

    /// <summary>The version the editor started from; a save against a newer version is refused.</summary>
    public Guid? Version { get; init; }
}

public sealed record RouteForm(
    string ProviderSlug,
    string ProviderModelId,
    decimal? InputPricePerMillion,
    decimal? OutputPricePerMillion,
    decimal? CachedInputPricePerMillion,
    int? ContextWindow = null,
    int? MaxOutputTokens = null,
    string? Quantization = null,
    bool IsFree = false,
    bool IsWeightsOnly = false,
    string? Notes = null);

public sealed record ProviderForm(string Slug, string Name, ApiStyle ApiStyle, string? BaseUrl, string? DocsUrl, string? ApiKeyVariable);

/// <summary>
/// Hand edits by instance administrators. Each save is its own "manual" source, so every value
/// still says where it came from; changed prices go to the price history; two people saving the
/// same model are told instead of one overwriting the other.
/// </summary>
public sealed partial class CatalogEditor(IDbContextFactory<ModelHubDbContext> dbFactory, TimeProvider clock)
{
    public async Task<string> SaveModelAsync(Caller caller, string? existingSlug, ModelForm form, CancellationToken cancellationToken = default)
    {
        RequireAdmin(caller);
        Validate(form);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = existingSlug is null ? null : await db.Models.SingleOrDefaultAsync(m => m.Slug == existingSlug, cancellationToken)
            ?? throw new NotFoundException($"No model has the slug '{existingSlug}'.");

        if (await db.Models.AnyAsync(m => m.Slug == form.Slug && (model == null || m.Id != model.Id), cancellationToken))
        {
            throw new ConflictException($"Another model already has the slug '{form.Slug}'. Choose another.");
        }

        if (model is not null && form.Version is { } version && model.Version != version)
        {
            throw new ConflictException("Someone else saved this model while you were editing. Reload it to see their changes, then edit again.");
        }

        var source = await ManualSourceAsync(db, caller, cancellationToken);
        var before = model is null ? [] : FactClaims.Describe(model).ToDictionary(c => c.Field, c => c.Value);
        model ??= db.Models.Add(new CatalogModel { Slug = form.Slug, Name = form.Name, Lab = form.Lab, Source = source }).Entity;
        Apply(model, form);
        model.Source = source;
        model.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        model.Version = Guid.NewGuid();
        foreach (var (field, value) in FactClaims.Describe(model).Where(c => !before.TryGetValue(c.Field, out var old) || old != c.Value))
        {
            model.Claims.Add(new FactClaim { Field = field, Value = value, Source = source });
        }

        await SaveAsync(db, cancellationToken);
        return model.Slug;
    }

    public async Task SaveRouteAsync(Caller caller, string modelSlug, int? routeId, RouteForm form, CancellationToken cancellationToken = default)
    {
        RequireAdmin(caller);
        if (string.IsNullOrWhiteSpace(form.ProviderModelId))
        {
            throw new InvalidInputException("Give the provider's model ID, as the provider's API expects it.");
        }

        if (!CatalogRules.IsPlausibleModelId(form.ProviderModelId.Trim()))
        {
            throw new InvalidInputException("A provider's model ID has letters, digits and . _ - : / @ + = ~ only, at most 300 characters.");
        }

        NotNegative(form.InputPricePerMillion, "The input price");
        NotNegative(form.OutputPricePerMillion, "The output price");
        NotNegative(form.CachedInputPricePerMillion, "The cached input price");
        TextLimit.Check(form.Quantization, CatalogRules.MaxQuantizationLength, "quantization");
        TextLimit.Check(form.Notes, CatalogRules.MaxRouteNotesLength, "notes");
        Positive(form.ContextWindow, "The route's context window");
        Positive(form.MaxOutputTokens, "The route's maximum output");

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await db.Models.SingleOrDefaultAsync(m => m.Slug == modelSlug, cancellationToken)
            ?? throw new NotFoundException($"No model has the slug '{modelSlug}'.");
        var provider = await db.Providers.SingleOrDefaultAsync(p => p.Slug == form.ProviderSlug, cancellationToken)
            ?? throw new InvalidInputException($"No provider has the slug '{form.ProviderSlug}'. Add the provider first.");
        var modelId = form.ProviderModelId.Trim();
        if (await db.Routes.AnyAsync(r => r.ProviderId == provider.Id && r.ProviderModelId == modelId && r.Id != routeId, cancellationToken))
        {
            throw new ConflictException($"{provider.Name} already has a route with the model ID '{modelId}'.");
        }

        var route = routeId is null
            ? db.Routes.Add(new CatalogRoute { Model = model, Provider = provider, ProviderModelId = modelId }).Entity
            : await db.Routes.SingleOrDefaultAsync(r => r.Id == routeId && r.ModelId == model.Id, cancellationToken)
              ?? throw new NotFoundException("That route does not exist on this model.");
        var source = await ManualSourceAsync(db, caller, cancellationToken);
        var priceChanged = routeId is null
            ? form.InputPricePerMillion is not null || form.OutputPricePerMillion is not null
            : route.InputPricePerMillion != form.InputPricePerMillion || route.OutputPricePerMillion != form.OutputPricePerMillion || route.CachedInputPricePerMillion != form.CachedInputPricePerMillion;

        route.Provider = provider;
        route.ProviderModelId = modelId;
        route.InputPricePerMillion = form.InputPricePerMillion;
        route.OutputPricePerMillion = form.OutputPricePerMillion;
        route.CachedInputPricePerMillion = form.CachedInputPricePerMillion;
        route.ContextWindow = form.ContextWindow;
        route.MaxOutputTokens = form.MaxOutputTokens;
        route.Quantization = Trim(form.Quantization);
        route.IsFree = form.IsFree;
        route.IsWeightsOnly = form.IsWeightsOnly;
        route.Notes = Trim(form.Notes);
        route.Source = source;
        route.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        route.Version = Guid.NewGuid();
        if (priceChanged)
        {
            route.PriceHistory.Add(new RoutePriceChange
            {
                InputPricePerMillion = form.InputPricePerMillion,
                OutputPricePerMillion = form.OutputPricePerMillion,
                CachedInputPricePerMillion = form.CachedInputPricePerMillion,
                EffectiveAtUtc = route.UpdatedAtUtc,
                Source = source,
            });
        }

        await SaveAsync(db, cancellationToken);
    }

    public async Task DeleteRouteAsync(Caller caller, string modelSlug, int routeId, CancellationToken cancellationToken = default)
    {
        RequireAdmin(caller);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var deleted = await db.Routes.Where(r => r.Id == routeId && r.Model.Slug == modelSlug).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            throw new NotFoundException("That route does not exist on this model.");
        }
    }

    public async Task SaveBenchmarkAsync(Caller caller, string modelSlug, string benchmark, string? variant, decimal score, decimal scaleMax, CancellationToken cancellationToken = default)
    {
        RequireAdmin(caller);
        benchmark = benchmark?.Trim() ?? "";
        if (benchmark.Length == 0)
        {
            throw new InvalidInputException("Name the benchmark, such as MMLU.");
        }

        TextLimit.Check(benchmark, CatalogRules.MaxBenchmarkNameLength, "benchmark");
        TextLimit.Check(variant?.Trim(), CatalogRules.MaxBenchmarkNameLength, "variant");

        if (scaleMax <= 0 || score < 0 || score > scaleMax)
        {
            throw new InvalidInputException($"The score must be between 0 and its scale's maximum ({scaleMax:0.##}).");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await db.Models.SingleOrDefaultAsync(m => m.Slug == modelSlug, cancellationToken)
            ?? throw new NotFoundException($"No model has the slug '{modelSlug}'.");
        var source = await ManualSourceAsync(db, caller, cancellationToken);
        db.BenchmarkScores.Add(new BenchmarkScore { ModelId = model.Id, Benchmark = benchmark, Variant = variant?.Trim() ?? "", Score = score, ScaleMax = scaleMax, Source = source });
        await SaveAsync(db, cancellationToken);
    }

    public async Task SaveProviderAsync(Caller caller, ProviderForm form, CancellationToken cancellationToken = default)
    {
        RequireAdmin(caller);
        if (!SlugPattern().IsMatch(form.Slug ?? ""))
        {
            throw new InvalidInputException("A provider slug uses lower-case letters, digits, dots and dashes, such as 'together-ai'.");
        }

        if (string.IsNullOrWhiteSpace(form.Name))
        {
            throw new InvalidInputException("Give the provider a name.");
        }

        TextLimit.Check(form.Name.Trim(), CatalogRules.MaxNameLength, "name");
        TextLimit.Check(form.BaseUrl?.Trim(), CatalogRules.MaxProviderUrlLength, "baseUrl");
        TextLimit.Check(form.DocsUrl?.Trim(), CatalogRules.MaxProviderUrlLength, "docsUrl");
        TextLimit.Check(form.ApiKeyVariable?.Trim(), CatalogRules.MaxApiKeyVariableLength, "apiKeyVariable");

        if (!string.IsNullOrWhiteSpace(form.ApiKeyVariable) && !RequestExamples.IsVariableName(form.ApiKeyVariable.Trim()))
        {
            throw new InvalidInputException("The API key variable is an environment variable name: letters, digits and underscores, not starting with a digit.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Providers.AnyAsync(p => p.Slug == form.Slug, cancellationToken))
        {
            throw new ConflictException($"A provider with the slug '{form.Slug}' already exists.");
        }

        db.Providers.Add(new CatalogProvider
        {
            Slug = form.Slug!, Name = form.Name.Trim(), ApiStyle = form.ApiStyle, BaseUrl = Trim(form.BaseUrl), DocsUrl = Trim(form.DocsUrl),
            ApiKeyVariable = Trim(form.ApiKeyVariable), Source = await ManualSourceAsync(db, caller, cancellationToken),
        });
        await SaveAsync(db, cancellationToken);
    }

    private static void Validate(ModelForm form)
    {
        if (!SlugPattern().IsMatch(form.Slug))
        {
            throw new InvalidInputException("A slug uses lower-case letters, digits, dots and dashes, such as 'glm-4.5v'.");
        }

        if (string.IsNullOrWhiteSpace(form.Name) || string.IsNullOrWhiteSpace(form.Lab))
        {
            throw new InvalidInputException("A model needs a name and a lab.");
        }

        TextLimit.Check(form.Name.Trim(), CatalogRules.MaxNameLength, "name");
        TextLimit.Check(form.Lab.Trim(), CatalogRules.MaxLabLength, "lab");
        TextLimit.Check(form.Family?.Trim(), CatalogRules.MaxFamilyLength, "family");
        TextLimit.Check(form.Description?.Trim(), CatalogRules.MaxDescriptionLength, "description");
        TextLimit.Check(form.Architecture?.Trim(), CatalogRules.MaxArchitectureLength, "architecture");
        TextLimit.Check(form.KnowledgeCutoff?.Trim(), CatalogRules.MaxKnowledgeCutoffLength, "knowledgeCutoff");
        TextLimit.Check(form.License?.Trim(), CatalogRules.MaxLicenseLength, "license");
        TextLimit.Check(form.Languages?.Trim(), CatalogRules.MaxLanguagesLength, "languages");
        TextLimit.Check(form.HuggingFaceId?.Trim(), CatalogRules.MaxHuggingFaceIdLength, "huggingFaceId");

        Positive(form.ContextWindow, "The context window");
        Positive(form.MaxOutputTokens, "The maximum output");
        NotNegative(form.ParametersBillions, "The parameter count");
        if (form.ActiveParametersBillions > form.ParametersBillions)
        {
            throw new InvalidInputException("Active parameters cannot exceed the total.");
        }
    }

    private static void Apply(CatalogModel model, ModelForm form)
    {
        model.Slug = form.Slug;
        model.Name = form.Name.Trim();
        model.Lab = form.Lab.Trim();
        model.Family = Trim(form.Family);
        model.Description = Trim(form.Description);
        model.ReleaseDate = form.ReleaseDate;
        model.ParametersBillions = form.ParametersBillions;
        model.ActiveParametersBillions = form.ActiveParametersBillions;
        model.Architecture = Trim(form.Architecture);
        model.ContextWindow = form.ContextWindow;
        model.MaxOutputTokens = form.MaxOutputTokens;
        model.KnowledgeCutoff = Trim(form.KnowledgeCutoff);
        model.License = Trim(form.License);
        model.OpenWeights = form.OpenWeights;
        model.InputModalities = form.InputModalities;
        model.OutputModalities = form.OutputModalities;
        model.Capabilities = form.Capabilities;
        model.Languages = Trim(form.Languages);
        model.HuggingFaceId = Trim(form.HuggingFaceId);
        model.Status = form.Status;
    }

    private async Task<CatalogSource> ManualSourceAsync(ModelHubDbContext db, Caller caller, CancellationToken cancellationToken)
    {
        var email = await db.Users.Where(u => u.Id == caller.UserId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        return db.CatalogSources.Add(new CatalogSource
        {
            Kind = CatalogSourceKind.Manual,
            Name = $"Manual edit by {email ?? caller.UserId}",
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        }).Entity;
    }

    private static async Task SaveAsync(ModelHubDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("Someone else saved this at the same time. Reload to see their changes, then edit again.");
        }
    }

    private static void Positive(int? value, string what)
    {
        if (value is <= 0)
        {
            throw new InvalidInputException($"{what} must be above zero.");
        }
    }

    private static void NotNegative(decimal? value, string what)
    {
        if (value < 0)
        {
            throw new InvalidInputException($"{what} cannot be negative.");
        }
    }

    private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static void RequireAdmin(Caller caller)
    {
        if (!caller.IsInstanceAdmin)
        {
            throw new ForbiddenException("Only an instance administrator can edit the catalog.");
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{0,119}$")]
    private static partial Regex SlugPattern();
}
