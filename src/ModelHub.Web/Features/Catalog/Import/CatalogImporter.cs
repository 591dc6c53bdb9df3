using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;

namespace ModelHub.Web.Features.Catalog.Import;

public enum ImportChangeKind
{
    Added,
    Changed,
    Unchanged,
    Conflicting,
}

public sealed record ImportChange(ImportChangeKind Kind, string Subject, string Detail);

public sealed record ImportResult(CatalogImportFormat Format, bool DryRun, bool Written, int Added, int Changed, int Unchanged, int Conflicting, IReadOnlyList<ImportChange> Changes)
{
    public string Summary =>
        $"{(DryRun ? "Dry run: would add" : "Added")} {Added}, {(DryRun ? "change" : "changed")} {Changed}, unchanged {Unchanged}, conflicting {Conflicting}.";
}

public sealed record ImportProgress(int Done, int Total);

/// <summary>
/// Matches an <see cref="ImportBatch"/> against the catalog and, unless it is a dry run, writes it
/// in one transaction. Routes match on provider and provider model ID, models on slug. Prices
/// that change go to the price history. A model fact the file gives differently from the catalog
/// is kept as a claim of the import's source (a conflict); the shown value stays. Importing the
/// same file again finds nothing to do and writes nothing.
/// </summary>
public sealed partial class CatalogImporter(IDbContextFactory<ModelHubDbContext> dbFactory, TimeProvider clock, ILogger<CatalogImporter> logger)
{
    /// <summary>How many individual changes a result lists; the counts cover everything.</summary>
    public const int MaxListedChanges = 500;

    public async Task<ImportResult> ImportAsync(
        ImportBatch batch, string sourceName, bool dryRun, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var run = new Run(db, new CatalogSource { Kind = CatalogSourceKind.Import, Name = sourceName, CreatedAtUtc = now }, now);

        var providers = await db.Providers.ToDictionaryAsync(p => p.Slug, cancellationToken);
        var providerSlugs = batch.Routes.Select(r => r.ProviderSlug).Distinct().ToList();
        var routes = (await db.Routes.Include(r => r.Model).Include(r => r.Provider)
                .Where(r => providerSlugs.Contains(r.Provider.Slug))
                .ToListAsync(cancellationToken))
            .ToDictionary(r => (r.Provider.Slug, r.ProviderModelId));
        var models = await db.Models.ToDictionaryAsync(m => m.Slug, cancellationToken);
        run.Claims = (await db.FactClaims.AsNoTracking().Select(c => new { c.ModelId, c.Field, c.Value }).ToListAsync(cancellationToken))
            .GroupBy(c => c.ModelId)
            .ToDictionary(g => g.Key, g => g.Select(c => (c.Field, FactClaims.Normalize(c.Value))).ToHashSet());

        foreach (var p in batch.Providers.Where(p => !providers.ContainsKey(p.Slug)))
        {
            var provider = new CatalogProvider
            {
                Slug = p.Slug, Name = p.Name, ApiStyle = p.ApiStyle, BaseUrl = p.BaseUrl, DocsUrl = p.DocsUrl, ApiKeyVariable = p.ApiKeyVariable, Source = run.UseSource(),
            };
            providers[p.Slug] = provider;
            db.Providers.Add(provider);
            run.Record(ImportChangeKind.Added, $"Provider {p.Name}", p.BaseUrl ?? "");
        }

        var seen = new Dictionary<(string, string), ImportedRoute>();
        for (var i = 0; i < batch.Routes.Count; i++)
        {
            var imported = batch.Routes[i];
            var key = (imported.ProviderSlug, imported.ProviderModelId);
            if (seen.TryGetValue(key, out var first))
            {
                var same = first.InputPricePerMillion == imported.InputPricePerMillion && first.OutputPricePerMillion == imported.OutputPricePerMillion;
                run.Record(same ? ImportChangeKind.Unchanged : ImportChangeKind.Conflicting, $"Route {imported.ProviderSlug}:{imported.ProviderModelId}",
                    same ? "Listed twice in the file with the same prices." : $"Listed twice in the file with different prices ({imported.Entry}); the first listing is kept.");
                continue;
            }

            seen[key] = imported;
            if (routes.TryGetValue(key, out var route))
            {
                UpdateRoute(run, route, imported);
                ApplyModelFacts(run, route.Model, imported.Model);
            }
            else
            {
                if (!providers.TryGetValue(imported.ProviderSlug, out var provider))
                {
                    throw new ImportFileException($"{imported.Entry}: its provider '{imported.ProviderSlug}' is not in the file.");
                }

                if (!models.TryGetValue(imported.Model.Slug, out var model))
                {
                    model = NewModel(run, imported.Model);
                    models[model.Slug] = model;
                }
                else
                {
                    ApplyModelFacts(run, model, imported.Model);
                }

                AddRoute(run, model, provider, imported);
            }

            if ((i + 1) % 100 == 0 || i == batch.Routes.Count - 1)
            {
                progress?.Report(new ImportProgress(i + 1, batch.Routes.Count));
            }
        }

        var written = !dryRun && db.ChangeTracker.HasChanges();
        if (written)
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            LogImported(batch.Format, sourceName, run.Count(ImportChangeKind.Added), run.Count(ImportChangeKind.Changed), run.Count(ImportChangeKind.Conflicting));
        }

        return new ImportResult(batch.Format, dryRun, written,
            run.Count(ImportChangeKind.Added), run.Count(ImportChangeKind.Changed), run.Count(ImportChangeKind.Unchanged), run.Count(ImportChangeKind.Conflicting),
            run.Listed);
    }

    private static CatalogModel NewModel(Run run, ImportedModel m)
    {
        var model = new CatalogModel
        {
            Slug = m.Slug,
            Name = m.Name,
            Lab = m.Lab,
            Family = m.Family,
            Description = m.Description,
            ReleaseDate = m.ReleaseDate,
            ContextWindow = m.ContextWindow,
            MaxOutputTokens = m.MaxOutputTokens,
            KnowledgeCutoff = m.KnowledgeCutoff,
            OpenWeights = m.OpenWeights,
            InputModalities = m.Input,
            OutputModalities = m.Output,
            Capabilities = m.Capabilities,
            HuggingFaceId = m.HuggingFaceId,
            Source = run.UseSource(),
            UpdatedAtUtc = run.Now,
        };
        foreach (var (field, value) in FactClaims.Describe(model))
        {
            model.Claims.Add(new FactClaim { Field = field, Value = value, Source = run.Source });
        }

        run.Db.Models.Add(model);
        run.FactsDone.Add((model.Slug, "*"));
        run.Record(ImportChangeKind.Added, $"Model {m.Name}", $"{m.Slug}, {CatalogFormat.Tokens(m.ContextWindow)} context");
        return model;
    }

    private static void AddRoute(Run run, CatalogModel model, CatalogProvider provider, ImportedRoute r)
    {
        var route = new CatalogRoute
        {
            Model = model,
            Provider = provider,
            ProviderModelId = r.ProviderModelId,
            InputPricePerMillion = r.InputPricePerMillion,
            OutputPricePerMillion = r.OutputPricePerMillion,
            CachedInputPricePerMillion = r.CachedInputPricePerMillion,
            ContextWindow = r.ContextWindow,
            MaxOutputTokens = r.MaxOutputTokens,
            IsFree = r.IsFree,
            Source = run.UseSource(),
            UpdatedAtUtc = run.Now,
        };
        if (r.InputPricePerMillion is not null || r.OutputPricePerMillion is not null)
        {
            route.PriceHistory.Add(NewPrice(run, r));
        }

        run.Db.Routes.Add(route);
        run.Record(ImportChangeKind.Added, $"Route {provider.Slug}:{r.ProviderModelId}",
            $"{CatalogFormat.Price(r.InputPricePerMillion, r.IsFree)} in / {CatalogFormat.Price(r.OutputPricePerMillion, r.IsFree)} out per 1M");
    }

    /// <summary>Takes what the file states; a value the file leaves out is left as it is.</summary>
    private static void UpdateRoute(Run run, CatalogRoute route, ImportedRoute r)
    {
        var differences = new List<string>();
        var priceChanged = false;
        void Price(decimal? incoming, decimal? current, string what, Action<decimal?> set)
        {
            if (incoming is not null && incoming != current)
            {
                differences.Add($"{what} {CatalogFormat.Price(current)} → {CatalogFormat.Price(incoming)}");
                set(incoming);
                priceChanged = true;
            }
        }

        void Limit(int? incoming, int? current, string what, Action<int?> set)
        {
            if (incoming is not null && incoming != current)
            {
                differences.Add($"{what} {CatalogFormat.Tokens(current)} → {CatalogFormat.Tokens(incoming)}");
                set(incoming);
            }
        }

        Price(r.InputPricePerMillion, route.InputPricePerMillion, "input", v => route.InputPricePerMillion = v);
        Price(r.OutputPricePerMillion, route.OutputPricePerMillion, "output", v => route.OutputPricePerMillion = v);
        Price(r.CachedInputPricePerMillion, route.CachedInputPricePerMillion, "cached input", v => route.CachedInputPricePerMillion = v);
        Limit(r.ContextWindow, route.ContextWindow, "context", v => route.ContextWindow = v);
        Limit(r.MaxOutputTokens, route.MaxOutputTokens, "max output", v => route.MaxOutputTokens = v);

        var subject = $"Route {route.Provider.Slug}:{route.ProviderModelId}";
        if (differences.Count == 0)
        {
            run.Record(ImportChangeKind.Unchanged, subject, "");
            return;
        }

        route.Source = run.UseSource();
        route.UpdatedAtUtc = run.Now;
        route.Version = Guid.NewGuid();
        if (priceChanged)
        {
            route.PriceHistory.Add(NewPrice(run, r with
            {
                InputPricePerMillion = route.InputPricePerMillion,
                OutputPricePerMillion = route.OutputPricePerMillion,
                CachedInputPricePerMillion = route.CachedInputPricePerMillion,
            }));
        }

        run.Record(ImportChangeKind.Changed, subject, string.Join("; ", differences));
    }

    /// <summary>Fills facts the catalog lacks; records a differing fact as a conflicting claim, once per model and field.</summary>
    private static void ApplyModelFacts(Run run, CatalogModel model, ImportedModel m)
    {
        if (run.FactsDone.Contains((model.Slug, "*")))
        {
            return;
        }

        Fact(run, model, "Context window", m.ContextWindow?.ToString("N0", CultureInfo.InvariantCulture), model.ContextWindow?.ToString("N0", CultureInfo.InvariantCulture), () => model.ContextWindow = m.ContextWindow);
        Fact(run, model, "Max output", m.MaxOutputTokens?.ToString("N0", CultureInfo.InvariantCulture), model.MaxOutputTokens?.ToString("N0", CultureInfo.InvariantCulture), () => model.MaxOutputTokens = m.MaxOutputTokens);
        Fact(run, model, "Release date", m.ReleaseDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), model.ReleaseDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), () => model.ReleaseDate = m.ReleaseDate);
        Fact(run, model, "Open weights", m.OpenWeights is { } open ? (open ? "Yes" : "No") : null, model.OpenWeights is { } had ? (had ? "Yes" : "No") : null, () => model.OpenWeights = m.OpenWeights);
        Fact(run, model, "Knowledge cutoff", m.KnowledgeCutoff, model.KnowledgeCutoff, () => model.KnowledgeCutoff = m.KnowledgeCutoff);
    }

    private static void Fact(Run run, CatalogModel model, string field, string? incoming, string? current, Action fill)
    {
        if (incoming is null || !run.FactsDone.Add((model.Slug, field)))
        {
            return;
        }

        var normalized = FactClaims.Normalize(incoming);
        if (current is not null && FactClaims.Normalize(current) == normalized)
        {
            return;
        }

        if (run.Claims.TryGetValue(model.Id, out var known) && known.Contains((field, normalized)))
        {
            return;
        }

        model.Claims.Add(new FactClaim { Field = field, Value = incoming, Source = run.UseSource() });
        if (current is null)
        {
            fill();
            model.UpdatedAtUtc = run.Now;
            run.Record(ImportChangeKind.Changed, $"Model {model.Name}", $"{field} set to {incoming}");
        }
        else
        {
            run.Record(ImportChangeKind.Conflicting, $"Model {model.Name}", $"{field}: the file says {incoming}, the catalog shows {current}. Both are kept; the shown value stays.");
        }
    }

    private static RoutePriceChange NewPrice(Run run, ImportedRoute r) => new()
    {
        InputPricePerMillion = r.InputPricePerMillion,
        OutputPricePerMillion = r.OutputPricePerMillion,
        CachedInputPricePerMillion = r.CachedInputPricePerMillion,
        EffectiveAtUtc = run.Now,
        Source = run.UseSource(),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog import {Format} '{SourceName}': {Added} added, {Changed} changed, {Conflicting} conflicting")]
    private partial void LogImported(CatalogImportFormat format, string sourceName, int added, int changed, int conflicting);

    /// <summary>The state of one import: its source (added to the context only once something uses it) and its tallies.</summary>
    private sealed class Run(ModelHubDbContext db, CatalogSource source, DateTime now)
    {
        private readonly Dictionary<ImportChangeKind, int> counts = [];
        private bool sourceAdded;

        public ModelHubDbContext Db { get; } = db;

        public CatalogSource Source { get; } = source;

        public DateTime Now { get; } = now;

        public Dictionary<int, HashSet<(string Field, string Value)>> Claims { get; set; } = [];

        public HashSet<(string Slug, string Field)> FactsDone { get; } = [];

        public List<ImportChange> Listed { get; } = [];

        public CatalogSource UseSource()
        {
            if (!sourceAdded)
            {
                Db.CatalogSources.Add(Source);
                sourceAdded = true;
            }

            return Source;
        }

        public void Record(ImportChangeKind kind, string subject, string detail)
        {
            counts[kind] = Count(kind) + 1;
            if (kind != ImportChangeKind.Unchanged && Listed.Count < MaxListedChanges)
            {
                Listed.Add(new ImportChange(kind, subject, detail));
            }
        }

        public int Count(ImportChangeKind kind) => counts.GetValueOrDefault(kind);
    }
}
