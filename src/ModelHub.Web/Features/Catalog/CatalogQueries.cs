using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;

namespace ModelHub.Web.Features.Catalog;

/// <summary>Searches and filters the instance-wide catalog (the browse list, its chart and its filter choices). Any signed-in user may read it.</summary>
public sealed class CatalogQueries(IDbContextFactory<ModelHubDbContext> dbFactory)
{
    public async Task<CatalogResults> BrowseAsync(CatalogQuery query, CancellationToken cancellationToken = default)
    {
        var page = Math.Max(1, query.Page);
        var pageSize = Math.Clamp(query.PageSize, 1, CatalogRules.MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        var models = CatalogFiltering.Filter(db, query);
        var total = await models.CountAsync(cancellationToken);
        var items = await CatalogFiltering.Sort(CatalogFiltering.Rows(models, query), query)
            .Skip(CatalogRules.PageOffset(page, pageSize))
            .Take(pageSize)
            .ToListAsync(cancellationToken);
        return new CatalogResults(items, total, page, pageSize);
    }

    /// <summary>Models in the view that have both a context window and an input price, for the price-against-context chart.</summary>
    public async Task<IReadOnlyList<ChartPoint>> ChartPointsAsync(CatalogQuery query, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var points = await CatalogFiltering.Rows(CatalogFiltering.Filter(db, query), query)
            .Where(r => r.ContextWindow != null && r.CheapestInputPrice != null)
            .OrderBy(r => r.Name)
            .Select(r => new { r.Slug, r.Name, r.Lab, Context = r.ContextWindow!.Value, Price = r.CheapestInputPrice })
            .Take(limit)
            .ToListAsync(cancellationToken);
        return points.Select(p => new ChartPoint(p.Slug, p.Name, p.Lab, p.Context, p.Price!.Value)).ToList();
    }

    /// <summary>Every provider, for the filter list.</summary>
    public async Task<IReadOnlyList<(string Slug, string Name)>> ProvidersAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var providers = await db.Providers.AsNoTracking().OrderBy(p => p.Name).Select(p => new { p.Slug, p.Name }).ToListAsync(cancellationToken);
        return providers.Select(p => (p.Slug, p.Name)).ToList();
    }

    /// <summary>Benchmarks with at least one score, most widely reported first, for the sort list.</summary>
    public async Task<IReadOnlyList<string>> BenchmarksAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.BenchmarkScores.AsNoTracking()
            .GroupBy(b => b.Benchmark)
            .OrderByDescending(g => g.Select(b => b.ModelId).Distinct().Count())
            .ThenBy(g => g.Key)
            .Select(g => g.Key)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Distinct licences, for the filter list.</summary>
    public async Task<IReadOnlyList<string>> LicensesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Models.AsNoTracking().Where(m => m.License != null).Select(m => m.License!).Distinct().OrderBy(l => l).ToListAsync(cancellationToken);
    }

    /// <summary>Models whose name or slug contains <paramref name="text"/>, by name, for pickers.</summary>
    public async Task<IReadOnlyList<(string Slug, string Name)>> FindModelsAsync(string? text, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var models = db.Models.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(text))
        {
            var pattern = Common.SqlLike.Containing(text.Trim());
            models = models.Where(m => EF.Functions.Like(m.Name, pattern, Common.SqlLike.Escape) || EF.Functions.Like(m.Slug, pattern, Common.SqlLike.Escape));
        }

        var found = await models.OrderBy(m => m.Name).Select(m => new { m.Slug, m.Name }).Take(limit).ToListAsync(cancellationToken);
        return found.Select(m => (m.Slug, m.Name)).ToList();
    }
}
