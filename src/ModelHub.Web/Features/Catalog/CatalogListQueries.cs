using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;

namespace ModelHub.Web.Features.Catalog;

/// <summary>
/// The API's catalog list. The page of model ids comes from <see cref="CatalogFiltering"/> (filters, sort and paging
/// in the database, as on the browse page); then only what <see cref="CatalogInclude"/> asks for is read, projected
/// into small records for those ids, with the sources and providers they name read once each.
/// </summary>
public sealed class CatalogListQueries(IDbContextFactory<ModelHubDbContext> dbFactory)
{
    public async Task<ModelListResponse> ListAsync(CatalogQuery query, CatalogInclude include, CancellationToken cancellationToken = default)
    {
        var page = Math.Max(1, query.Page);
        var pageSize = Math.Clamp(query.PageSize, 1, CatalogRules.MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        var filtered = CatalogFiltering.Filter(db, query);
        var total = await filtered.CountAsync(cancellationToken);
        var ids = await CatalogFiltering.Sort(CatalogFiltering.Rows(filtered, query), query)
            .Skip(CatalogRules.PageOffset(page, pageSize))
            .Take(pageSize)
            .Select(r => r.Id)
            .ToListAsync(cancellationToken);

        var models = await ModelsAsync(db, ids, cancellationToken);
        var routes = include.HasFlag(CatalogInclude.Routes) ? await RoutesAsync(db, ids, cancellationToken) : null;
        var benchmarks = include.HasFlag(CatalogInclude.Benchmarks) ? await BenchmarksAsync(db, ids, cancellationToken) : null;
        var claims = include.HasFlag(CatalogInclude.Claims) || include.HasFlag(CatalogInclude.Disagreements) ? await ClaimsAsync(db, ids, cancellationToken) : null;

        var items = ids.Where(models.ContainsKey).Select(id =>
        {
            var modelRoutes = routes is null ? null : Lookup(routes, id);
            var modelClaims = claims is null ? null : Lookup(claims, id);
            return models[id] with
            {
                Routes = modelRoutes,
                CheapestRouteId = modelRoutes is null ? null : Cheapest(modelRoutes)?.Id,
                Benchmarks = benchmarks is null ? null : Lookup(benchmarks, id),
                Claims = include.HasFlag(CatalogInclude.Claims) ? modelClaims : null,
                Disagreements = include.HasFlag(CatalogInclude.Disagreements) ? Disagreements(modelClaims!) : null,
            };
        }).ToList();

        var sourceIds = items.Select(m => m.SourceId)
            .Concat(items.SelectMany(m => m.Routes ?? []).Select(r => r.SourceId))
            .Concat(items.SelectMany(m => m.Benchmarks ?? []).Select(b => b.SourceId))
            .Concat(items.SelectMany(m => m.Claims ?? m.Disagreements?.SelectMany(d => d.Claims) ?? []).Select(c => c.SourceId))
            .Distinct()
            .ToList();
        var providerSlugs = items.SelectMany(m => m.Routes ?? []).Select(r => r.ProviderSlug).Distinct().ToList();

        var sources = await db.CatalogSources.AsNoTracking()
            .Where(s => sourceIds.Contains(s.Id))
            .OrderBy(s => s.Id)
            .Select(s => new SourceView(s.Id, s.Kind, s.Name, s.Url, s.PublishedOn, s.CreatedAtUtc))
            .ToDictionaryAsync(s => s.Id, cancellationToken);
        var providers = providerSlugs.Count == 0
            ? new Dictionary<string, ProviderView>()
            : await db.Providers.AsNoTracking()
                .Where(p => providerSlugs.Contains(p.Slug))
                .OrderBy(p => p.Slug)
                .Select(p => new ProviderView(p.Slug, p.Name, p.ApiStyle, p.BaseUrl, p.DocsUrl, p.ApiKeyVariable))
                .ToDictionaryAsync(p => p.Slug, StringComparer.Ordinal, cancellationToken);

        return new ModelListResponse(items, total, page, pageSize, CatalogIncludes.Describe(include), sources, providers);
    }

    private static Task<Dictionary<int, ModelListItem>> ModelsAsync(ModelHubDbContext db, List<int> ids, CancellationToken cancellationToken) =>
        db.Models.AsNoTracking()
            .Where(m => ids.Contains(m.Id))
            .Select(m => new ModelListItem(
                m.Id, m.Slug, m.Name, m.Lab, m.Family, m.Description, m.ReleaseDate, m.ParametersBillions, m.ActiveParametersBillions,
                m.Architecture, m.ContextWindow, m.MaxOutputTokens, m.KnowledgeCutoff, m.License, m.OpenWeights,
                m.InputModalities, m.OutputModalities, m.Capabilities, m.Languages, m.HuggingFaceId, m.Status, m.UpdatedAtUtc, m.SourceId))
            .ToDictionaryAsync(m => m.Id, cancellationToken);

    /// <summary>Served routes first, cheapest input first (unknown prices last), then by provider name, as the model page lists them.</summary>
    private static async Task<ILookup<int, RouteItem>> RoutesAsync(ModelHubDbContext db, List<int> ids, CancellationToken cancellationToken)
    {
        var rows = await db.Routes.AsNoTracking()
            .Where(r => ids.Contains(r.ModelId))
            .OrderBy(r => r.ModelId)
            .ThenBy(r => r.IsWeightsOnly)
            .ThenBy(r => r.InputPricePerMillion == null)
            .ThenBy(r => r.InputPricePerMillion)
            .ThenBy(r => r.Provider.Name)
            .ThenBy(r => r.Id)
            .Select(r => new
            {
                r.ModelId,
                Route = new RouteItem(r.Id, r.Provider.Slug, r.ProviderModelId, r.InputPricePerMillion, r.OutputPricePerMillion, r.CachedInputPricePerMillion,
                    r.ContextWindow, r.MaxOutputTokens, r.Quantization, r.IsFree, r.IsWeightsOnly, r.Notes, r.Status, r.SourceId),
            })
            .ToListAsync(cancellationToken);
        return rows.ToLookup(r => r.ModelId, r => r.Route);
    }

    /// <summary>By variant, then best score first. The share of the scale is compared here: scores are stored as whole millionths, so dividing them in SQL would truncate.</summary>
    private static async Task<ILookup<int, BenchmarkItem>> BenchmarksAsync(ModelHubDbContext db, List<int> ids, CancellationToken cancellationToken)
    {
        var rows = await db.BenchmarkScores.AsNoTracking()
            .Where(b => ids.Contains(b.ModelId))
            .OrderBy(b => b.ModelId)
            .ThenBy(b => b.Variant)
            .ThenBy(b => b.Id)
            .Select(b => new { b.ModelId, Benchmark = new BenchmarkItem(b.Benchmark, b.Variant, b.Score, b.ScaleMax, b.SourceId) })
            .ToListAsync(cancellationToken);
        return rows
            .OrderBy(r => r.ModelId)
            .ThenBy(r => r.Benchmark.Variant, StringComparer.Ordinal)
            .ThenByDescending(r => r.Benchmark.Score / r.Benchmark.ScaleMax)
            .ToLookup(r => r.ModelId, r => r.Benchmark);
    }

    private static async Task<ILookup<int, ClaimItem>> ClaimsAsync(ModelHubDbContext db, List<int> ids, CancellationToken cancellationToken)
    {
        var rows = await db.FactClaims.AsNoTracking()
            .Where(c => ids.Contains(c.ModelId))
            .OrderBy(c => c.ModelId)
            .ThenBy(c => c.Field)
            .ThenBy(c => c.Id)
            .Select(c => new { c.ModelId, Claim = new ClaimItem(c.Field, c.Value, c.SourceId) })
            .ToListAsync(cancellationToken);
        return rows.ToLookup(r => r.ModelId, r => r.Claim);
    }

    private static IReadOnlyList<T> Lookup<T>(ILookup<int, T> lookup, int modelId) => lookup[modelId].ToList();

    private static IReadOnlyList<DisagreementItem> Disagreements(IReadOnlyList<ClaimItem> claims) => claims
        .GroupBy(c => c.Field)
        .Where(g => g.Select(c => FactClaims.Normalize(c.Value)).Distinct().Count() > 1)
        .Select(g => new DisagreementItem(g.Key, g.ToList()))
        .ToList();

    /// <summary>The same choice as <see cref="ModelDetails.CheapestRoute"/>.</summary>
    private static RouteItem? Cheapest(IReadOnlyList<RouteItem> routes) => routes
        .Where(r => !r.IsWeightsOnly && (r.InputPricePerMillion is not null || r.IsFree))
        .OrderBy(r => r.InputPricePerMillion ?? 0)
        .ThenBy(r => r.OutputPricePerMillion ?? 0)
        .FirstOrDefault();
}
