using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Common;

namespace ModelHub.Web.Features.Catalog;

/// <summary>A <see cref="CatalogQuery"/> as database queries: the filters, the list's computed columns and the sort,
/// shared by the browse list, the chart and the export so they always show the same view.</summary>
internal static class CatalogFiltering
{
    /// <summary>The list's columns, computed in the database: cheapest prices over served routes and the chosen benchmark's best score.</summary>
    public static IQueryable<ModelRow> Rows(IQueryable<CatalogModel> models, CatalogQuery query)
    {
        var benchmark = query.Benchmark?.Trim() ?? "";
        return models.Select(m => new ModelRow
        {
            Id = m.Id,
            Slug = m.Slug,
            Name = m.Name,
            Lab = m.Lab,
            ReleaseDate = m.ReleaseDate,
            ParametersBillions = m.ParametersBillions,
            ContextWindow = m.ContextWindow,
            OpenWeights = m.OpenWeights,
            License = m.License,
            Capabilities = m.Capabilities,
            InputModalities = m.InputModalities,
            CheapestInputPrice = m.Routes.Where(r => !r.IsWeightsOnly && r.InputPricePerMillion != null).Min(r => r.InputPricePerMillion),
            CheapestOutputPrice = m.Routes.Where(r => !r.IsWeightsOnly && r.OutputPricePerMillion != null).Min(r => r.OutputPricePerMillion),
            RouteCount = m.Routes.Count(r => !r.IsWeightsOnly),
            BenchmarkScore = m.Benchmarks.Where(b => b.Benchmark == benchmark).Max(b => (decimal?)b.Score),
        });
    }

    public static IQueryable<CatalogModel> Filter(ModelHubDbContext db, CatalogQuery query)
    {
        var models = db.Models.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = SqlLike.Containing(query.Search.Trim());
            // Route matches are gathered once as a set of model ids, rather than looked up again for every model.
            var byRoute = db.Routes
                .Where(r => EF.Functions.Like(r.ProviderModelId, pattern, SqlLike.Escape) || EF.Functions.Like(r.Provider.Name, pattern, SqlLike.Escape))
                .Select(r => r.ModelId);
            models = models.Where(m =>
                EF.Functions.Like(m.Name, pattern, SqlLike.Escape) ||
                EF.Functions.Like(m.Slug, pattern, SqlLike.Escape) ||
                EF.Functions.Like(m.Lab, pattern, SqlLike.Escape) ||
                byRoute.Contains(m.Id));
        }

        if (query.Capabilities != ModelCapability.None)
        {
            var required = query.Capabilities;
            models = models.Where(m => (m.Capabilities & required) == required);
        }

        if (query.Input != Modality.None)
        {
            var required = query.Input;
            models = models.Where(m => (m.InputModalities & required) == required);
        }

        if (query.OpenWeights is { } open)
        {
            models = models.Where(m => m.OpenWeights == open);
        }

        if (!string.IsNullOrWhiteSpace(query.License))
        {
            models = models.Where(m => m.License == query.License);
        }

        if (!string.IsNullOrWhiteSpace(query.Provider))
        {
            var served = db.Routes.Where(r => r.Provider.Slug == query.Provider).Select(r => r.ModelId);
            models = models.Where(m => served.Contains(m.Id));
        }

        if (query.MinContext is { } minContext)
        {
            models = models.Where(m => m.ContextWindow >= minContext);
        }

        if (query.MaxInputPrice is { } maxInput)
        {
            var cheapEnough = db.Routes.Where(r => !r.IsWeightsOnly && r.InputPricePerMillion != null && r.InputPricePerMillion <= maxInput).Select(r => r.ModelId);
            models = models.Where(m => cheapEnough.Contains(m.Id));
        }

        if (query.MaxOutputPrice is { } maxOutput)
        {
            var cheapEnough = db.Routes.Where(r => !r.IsWeightsOnly && r.OutputPricePerMillion != null && r.OutputPricePerMillion <= maxOutput).Select(r => r.ModelId);
            models = models.Where(m => cheapEnough.Contains(m.Id));
        }

        if (query.ReleasedFrom is { } from)
        {
            models = models.Where(m => m.ReleaseDate >= from);
        }

        if (query.ReleasedTo is { } to)
        {
            models = models.Where(m => m.ReleaseDate <= to);
        }

        return models;
    }

    /// <summary>Sorts with unknown values last either way, and by name to break ties, so paging is stable.</summary>
    public static IQueryable<ModelRow> Sort(IQueryable<ModelRow> rows, CatalogQuery query)
    {
        var desc = query.Descending;
        IOrderedQueryable<ModelRow> sorted = query.Sort switch
        {
            CatalogSort.Released => rows.OrderBy(r => r.ReleaseDate == null).ThenBy(r => r.ReleaseDate, desc),
            CatalogSort.Context => rows.OrderBy(r => r.ContextWindow == null).ThenBy(r => r.ContextWindow, desc),
            CatalogSort.InputPrice => rows.OrderBy(r => r.CheapestInputPrice == null).ThenBy(r => r.CheapestInputPrice, desc),
            CatalogSort.OutputPrice => rows.OrderBy(r => r.CheapestOutputPrice == null).ThenBy(r => r.CheapestOutputPrice, desc),
            CatalogSort.Benchmark => rows.OrderBy(r => r.BenchmarkScore == null).ThenBy(r => r.BenchmarkScore, desc),
            _ => rows.OrderBy(r => r.Name, desc),
        };
        return sorted.ThenBy(r => r.Name).ThenBy(r => r.Id);
    }
}

internal static class OrderingExtensions
{
    public static IOrderedQueryable<T> ThenBy<T, TKey>(this IOrderedQueryable<T> source, System.Linq.Expressions.Expression<Func<T, TKey>> key, bool descending) =>
        descending ? source.ThenByDescending(key) : source.ThenBy(key);

    public static IOrderedQueryable<T> OrderBy<T, TKey>(this IQueryable<T> source, System.Linq.Expressions.Expression<Func<T, TKey>> key, bool descending) =>
        descending ? source.OrderByDescending(key) : source.OrderBy(key);
}
