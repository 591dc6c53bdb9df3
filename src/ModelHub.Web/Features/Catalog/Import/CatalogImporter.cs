using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Catalog.Identity;

namespace ModelHub.Web.Features.Catalog.Import;

public enum ImportChangeKind
{
    Added,
    Changed,
    Unchanged,
    Conflicting,

    /// <summary>An entry no provider would list (a model ID with quotes, spaces or shell characters); left out.</summary>
    Skipped,
}

public sealed record ImportChange(ImportChangeKind Kind, string Subject, string Detail);

public sealed record ImportResult(
    CatalogImportFormat Format, bool DryRun, bool Written, int Added, int Changed, int Unchanged, int Conflicting,
    IReadOnlyList<ImportChange> Changes, IReadOnlyList<RouteMatch> Matches, int NeedsReview)
{
    public string Summary =>
        $"{(DryRun ? "Dry run: would add" : "Added")} {Added}, {(DryRun ? "change" : "changed")} {Changed}, unchanged {Unchanged}, conflicting {Conflicting}" +
        (NeedsReview > 0 ? $"; {NeedsReview} route(s) {(DryRun ? "would wait" : "wait")} for review" : "") +
        (Skipped > 0 ? $"; {Skipped} entr{(Skipped == 1 ? "y" : "ies")} skipped as malformed." : ".");

    public int Skipped => Changes.Count(c => c.Kind == ImportChangeKind.Skipped);
}

public sealed record ImportProgress(int Done, int Total);

/// <summary>
/// Matches an <see cref="ImportBatch"/> against the catalog and, unless it is a dry run, writes it
/// in one transaction. Providers are named by their one canonical slug (see <see cref="IdentityRules"/>).
/// A route the provider already lists is updated in place; any other route goes where
/// <see cref="ModelMatcher"/> decides (an alias, the rules, a new model) or waits for review.
/// Prices that change go to the price history. A model fact the file gives differently from the
/// catalog is kept as a claim of the import's source (a conflict); the shown value stays. Importing
/// the same file again finds nothing to do and writes nothing.
/// </summary>
public sealed partial class CatalogImporter(
    IDbContextFactory<ModelHubDbContext> dbFactory, IdentityRules rules, TimeProvider clock, Telemetry.ImportTelemetry telemetry, ILogger<CatalogImporter> logger)
{
    /// <summary>How many individual changes a result lists; the counts cover everything.</summary>
    public const int MaxListedChanges = 500;

    /// <summary>How many route decisions a result lists.</summary>
    public const int MaxListedMatches = 5000;

    public async Task<ImportResult> ImportAsync(
        ImportBatch batch, string sourceName, bool dryRun, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        using var measured = telemetry.Start();
        batch = Canonicalize(batch);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var run = new Run(db, new CatalogSource { Kind = CatalogSourceKind.Import, Name = sourceName, CreatedAtUtc = now }, now);

        // Rows written before provider aliases existed may carry an alias slug; they count as the canonical provider.
        var providers = new Dictionary<string, CatalogProvider>();
        foreach (var provider in (await db.Providers.ToListAsync(cancellationToken)).OrderBy(p => p.Slug != rules.CanonicalProvider(p.Slug)))
        {
            providers.TryAdd(rules.CanonicalProvider(provider.Slug), provider);
        }

        var providerIds = batch.Routes.Select(r => r.ProviderSlug).Distinct().Where(providers.ContainsKey).Select(s => providers[s].Id).ToList();
        var routes = new Dictionary<(string, string), CatalogRoute>();
        foreach (var route in await db.Routes.Include(r => r.Model).Include(r => r.Provider).Where(r => providerIds.Contains(r.ProviderId)).ToListAsync(cancellationToken))
        {
            routes.TryAdd((rules.CanonicalProvider(route.Provider.Slug), route.ProviderModelId), route);
        }

        var models = await db.Models.ToDictionaryAsync(m => m.Id, cancellationToken);
        run.TakenSlugs = (await db.Models.IgnoreQueryFilters().Select(m => m.Slug).ToListAsync(cancellationToken)).ToHashSet();
        run.Claims = (await db.FactClaims.AsNoTracking().Select(c => new { c.ModelId, c.Field, c.Value }).ToListAsync(cancellationToken))
            .GroupBy(c => c.ModelId)
            .ToDictionary(g => g.Key, g => g.Select(c => (c.Field, FactClaims.Normalize(c.Value))).ToHashSet());
        var matcher = await IndexCatalogAsync(db, models, cancellationToken);
        var reviews = await db.CatalogReviewItems.ToDictionaryAsync(r => (r.ProviderSlug, r.ProviderModelId), cancellationToken);

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

        // Dated IDs are placed first, 'latest' names last, and every date is counted up front, so an undated name finds its snapshot whatever the file's order.
        var ordered = batch.Routes
            .Select(r => (Route: r, Key: rules.Normalize(r.ProviderSlug, r.ProviderModelId)))
            .ToList();
        ordered.ForEach(r => matcher.NoteDate(r.Key));
        ordered = ordered.OrderBy(r => r.Key.IsDated ? 0 : r.Key.IsLatest ? 2 : 1).ToList();

        var seen = new Dictionary<(string, string), ImportedRoute>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var imported = ordered[i].Route;
            var key = (imported.ProviderSlug, imported.ProviderModelId);
            if (seen.TryGetValue(key, out var first))
            {
                var same = first.InputPricePerMillion == imported.InputPricePerMillion && first.OutputPricePerMillion == imported.OutputPricePerMillion;
                run.Record(same ? ImportChangeKind.Unchanged : ImportChangeKind.Conflicting, $"Route {imported.ProviderSlug}:{imported.ProviderModelId}",
                    same ? "Listed twice in the file with the same prices." : $"Listed twice in the file with different prices ({imported.Entry}); the first listing is kept.");
                continue;
            }

            seen[key] = imported;
            if (!CatalogRules.IsPlausibleModelId(imported.ProviderModelId))
            {
                run.Record(ImportChangeKind.Skipped, $"Route {imported.ProviderSlug}:{CatalogRules.Printable(imported.ProviderModelId)}",
                    $"{imported.Entry}: no provider uses spaces, quotes, control or shell characters in a model ID, so it is left out.");
                continue;
            }

            if (routes.TryGetValue(key, out var route))
            {
                UpdateRoute(run, route, imported);
                ApplyModelFacts(run, route.Model, imported.Model);
                run.Match(imported, MatchKind.Exact, route.Model, "exact route: this provider already lists this ID");
            }
            else
            {
                if (!providers.TryGetValue(imported.ProviderSlug, out var provider))
                {
                    throw new ImportFileException($"{imported.Entry}: its provider '{imported.ProviderSlug}' is not in the file.");
                }

                var decision = matcher.Decide(imported.ProviderSlug, imported.ProviderModelId, imported.Model.Name);
                switch (decision.Kind)
                {
                    case MatchKind.Review:
                        run.Match(imported, MatchKind.Review, null, decision.Reason);
                        if (!dryRun)
                        {
                            Park(run, reviews, imported, batch.Providers.First(p => p.Slug == imported.ProviderSlug), decision, sourceName);
                        }

                        break;
                    case MatchKind.New:
                        var model = NewModel(run, imported, decision.Key);
                        matcher.Index(model, decision.Key);
                        AddRoute(run, model, provider, imported, decision.Key);
                        run.Match(imported, MatchKind.New, model, decision.Reason);
                        break;
                    default:
                        // Later spellings that normalise the same way now find this model without the loose or snapshot step.
                        matcher.Index(decision.Model!, decision.Key);
                        ApplyModelFacts(run, decision.Model!, imported.Model);
                        FillLab(run, decision.Model!, imported, decision.Key);
                        AddRoute(run, decision.Model!, provider, imported, decision.Key);
                        run.Match(imported, decision.Kind, decision.Model, decision.Reason);
                        break;
                }
            }

            if (!dryRun && run.LastMatch != MatchKind.Review && reviews.Remove(key, out var placed))
            {
                db.CatalogReviewItems.Remove(placed);
            }

            if ((i + 1) % 100 == 0 || i == ordered.Count - 1)
            {
                progress?.Report(new ImportProgress(i + 1, ordered.Count));
            }
        }

        var written = !dryRun && db.ChangeTracker.HasChanges();
        if (written)
        {
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            LogImported(batch.Format, sourceName, run.Count(ImportChangeKind.Added), run.Count(ImportChangeKind.Changed), run.Count(ImportChangeKind.Conflicting));
        }

        return measured.Finished(new ImportResult(batch.Format, dryRun, written,
            run.Count(ImportChangeKind.Added), run.Count(ImportChangeKind.Changed), run.Count(ImportChangeKind.Unchanged), run.Count(ImportChangeKind.Conflicting),
            run.Listed, run.Matches, run.Reviews));
    }

    /// <summary>One slug per provider whatever the file calls it, and LiteLLM route IDs without a leading segment that only repeats the provider.</summary>
    private ImportBatch Canonicalize(ImportBatch batch)
    {
        var providers = batch.Providers
            .GroupBy(p => rules.CanonicalProvider(p.Slug))
            .Select(g => g.First() with
            {
                Slug = g.Key,
                Name = rules.ProviderName(g.Key) ?? g.First().Name,
                BaseUrl = g.Select(p => p.BaseUrl).FirstOrDefault(u => u is not null),
                DocsUrl = g.Select(p => p.DocsUrl).FirstOrDefault(u => u is not null),
                // The variable is written into request examples' code; a name no shell accepts is dropped.
                ApiKeyVariable = g.Select(p => p.ApiKeyVariable).FirstOrDefault(RequestExamples.IsVariableName),
            })
            .ToList();
        var routes = batch.Routes.Select(r => Canonical(rules, batch.Format, r)).ToList();
        return batch with { Providers = providers, Routes = routes };
    }

    /// <summary>The route as the catalog stores it: the provider's one slug, and for LiteLLM the ID without a leading segment that repeats the provider.</summary>
    public static ImportedRoute Canonical(IdentityRules rules, CatalogImportFormat format, ImportedRoute route)
    {
        var provider = rules.CanonicalProvider(route.ProviderSlug);
        var id = route.ProviderModelId;
        var slash = id.IndexOf('/');

        // LiteLLM keys lead with its own provider name ("vertex_ai/claude-…" under "vertex_ai-anthropic_models").
        if (format == CatalogImportFormat.LiteLlm && slash > 0 && slash < id.Length - 1 && rules.CanonicalProvider(id[..slash]) == provider)
        {
            id = id[(slash + 1)..];
        }

        return route with { ProviderSlug = provider, ProviderModelId = id };
    }

    /// <summary>Every known route ID and model slug, and the administrators' aliases, in a matcher.</summary>
    private async Task<ModelMatcher> IndexCatalogAsync(ModelHubDbContext db, Dictionary<int, CatalogModel> models, CancellationToken cancellationToken)
    {
        var matcher = new ModelMatcher(rules);
        foreach (var model in models.Values)
        {
            matcher.Index(model, "", model.Slug);
        }

        var known = await db.Routes.AsNoTracking().Select(r => new { r.ModelId, Provider = r.Provider.Slug, r.ProviderModelId }).ToListAsync(cancellationToken);
        foreach (var route in known)
        {
            if (models.TryGetValue(route.ModelId, out var model))
            {
                matcher.Index(model, rules.CanonicalProvider(route.Provider), route.ProviderModelId);
            }
        }

        foreach (var alias in await db.ModelAliases.AsNoTracking().ToListAsync(cancellationToken))
        {
            if (models.TryGetValue(alias.ModelId, out var model))
            {
                matcher.AddAlias(alias, model);
            }
        }

        return matcher;
    }

    /// <summary>Keeps a route the rules were not sure about, with what the file said, until an administrator decides.</summary>
    private static void Park(Run run, Dictionary<(string, string), CatalogReviewItem> reviews, ImportedRoute imported, ImportedProvider provider, MatchDecision decision, string sourceName)
    {
        var payload = System.Text.Json.JsonSerializer.Serialize(new ReviewPayload(imported, provider));
        var candidates = string.Join(",", decision.Candidates.Select(c => c.Slug));
        if (reviews.TryGetValue((imported.ProviderSlug, imported.ProviderModelId), out var item))
        {
            if (item.Payload == payload && item.Reason == decision.Reason && item.Candidates == candidates)
            {
                return;
            }

            item.Payload = payload;
            item.Reason = decision.Reason;
            item.Candidates = candidates;
            item.SourceName = sourceName;
            item.UpdatedAtUtc = run.Now;
            return;
        }

        item = new CatalogReviewItem
        {
            ProviderSlug = imported.ProviderSlug,
            ProviderModelId = imported.ProviderModelId,
            Reason = decision.Reason,
            Candidates = candidates,
            Payload = payload,
            SourceName = sourceName,
            CreatedAtUtc = run.Now,
            UpdatedAtUtc = run.Now,
        };
        reviews[(item.ProviderSlug, item.ProviderModelId)] = item;
        run.Db.CatalogReviewItems.Add(item);
    }

    /// <summary>A model whose lab was not known gets it once a route brings evidence.</summary>
    private void FillLab(Run run, CatalogModel model, ImportedRoute imported, ModelKey key)
    {
        if (!model.Lab.StartsWith("Unknown", StringComparison.Ordinal) || rules.Lab(imported.ProviderSlug, key, imported.Model.Lab, imported.Model.HuggingFaceId) is not { } lab)
        {
            return;
        }

        model.Lab = lab.Lab;
        model.UpdatedAtUtc = run.Now;
        run.Record(ImportChangeKind.Changed, $"Model {model.Name}", $"Lab set to {lab.Lab} ({lab.Evidence})");
    }

    private CatalogModel NewModel(Run run, ImportedRoute imported, ModelKey key)
    {
        var m = imported.Model;
        var lab = rules.Lab(imported.ProviderSlug, key, m.Lab, m.HuggingFaceId)?.Lab
            ?? $"Unknown (served by {rules.ProviderName(imported.ProviderSlug) ?? imported.ProviderSlug})";
        var slug = run.UniqueSlug(ImportJson.Slugify(key.Cleaned));
        // LiteLLM names a model by its key; the ID without the provider's additions reads better.
        var name = m.Name == imported.ProviderModelId || imported.ProviderModelId.EndsWith("/" + m.Name, StringComparison.Ordinal) ? key.Cleaned : m.Name;
        var model = m.ToModel(slug, name, lab, run.UseSource(), run.Now);
        foreach (var (field, value) in FactClaims.Describe(model))
        {
            model.Claims.Add(new FactClaim { Field = field, Value = value, Source = run.Source });
        }

        run.Db.Models.Add(model);
        run.FactsDone.Add((model.Slug, "*"));
        run.Record(ImportChangeKind.Added, $"Model {model.Name}", $"{model.Slug}, {lab}, {CatalogFormat.Tokens(m.ContextWindow)} context");
        return model;
    }

    private static void AddRoute(Run run, CatalogModel model, CatalogProvider provider, ImportedRoute r, ModelKey key)
    {
        var route = r.ToRoute(model, provider, key.Quantization, run.UseSource(), run.Now);
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

        public List<RouteMatch> Matches { get; } = [];

        public MatchKind? LastMatch { get; private set; }

        /// <summary>Every slug in use, merged models' included, so a new model never takes one.</summary>
        public HashSet<string> TakenSlugs { get; set; } = [];

        public string UniqueSlug(string wanted) => CatalogRules.UniqueSlug(TakenSlugs, wanted);

        public int Reviews { get; private set; }

        public void Match(ImportedRoute route, MatchKind kind, CatalogModel? model, string reason)
        {
            LastMatch = kind;
            Reviews += kind == MatchKind.Review ? 1 : 0;
            if (Matches.Count < MaxListedMatches)
            {
                Matches.Add(new RouteMatch(route.ProviderSlug, route.ProviderModelId, kind, model?.Slug, model?.Name, reason));
            }
        }

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

/// <summary>What a review item keeps of the file, so resolving it writes the route the file described.</summary>
public sealed record ReviewPayload(ImportedRoute Route, ImportedProvider Provider);
