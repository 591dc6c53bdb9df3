using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Data;

namespace ModelHub.Web.Features.Catalog;

public enum CatalogSort
{
    Name,
    Released,
    Context,
    InputPrice,
    OutputPrice,
    Benchmark,
}

/// <summary>
/// A view of the catalog: what the browse page's address and the API's query string both hold.
/// Every part runs in the database.
/// </summary>
public sealed record CatalogQuery
{
    public string? Search { get; init; }

    /// <summary>Models must have every one of these.</summary>
    public ModelCapability Capabilities { get; init; }

    /// <summary>Models must accept every one of these as input.</summary>
    public Modality Input { get; init; }

    public bool? OpenWeights { get; init; }

    public string? License { get; init; }

    /// <summary>A provider slug: only models served there.</summary>
    public string? Provider { get; init; }

    public int? MinContext { get; init; }

    /// <summary>The model's cheapest input price (USD per million tokens) is at most this.</summary>
    public decimal? MaxInputPrice { get; init; }

    public decimal? MaxOutputPrice { get; init; }

    public DateOnly? ReleasedFrom { get; init; }

    public DateOnly? ReleasedTo { get; init; }

    public CatalogSort Sort { get; init; } = CatalogSort.Name;

    public bool Descending { get; init; }

    /// <summary>With <see cref="CatalogSort.Benchmark"/>: which benchmark orders the list.</summary>
    public string? Benchmark { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = CatalogRules.DefaultPageSize;
}

/// <summary>One line of the catalog list. Built with an initializer so the database can sort by its members.</summary>
public sealed record ModelRow
{
    public int Id { get; init; }

    public required string Slug { get; init; }

    public required string Name { get; init; }

    public required string Lab { get; init; }

    public DateOnly? ReleaseDate { get; init; }

    public decimal? ParametersBillions { get; init; }

    public int? ContextWindow { get; init; }

    public bool? OpenWeights { get; init; }

    public string? License { get; init; }

    public ModelCapability Capabilities { get; init; }

    public Modality InputModalities { get; init; }

    public decimal? CheapestInputPrice { get; init; }

    public decimal? CheapestOutputPrice { get; init; }

    public int RouteCount { get; init; }

    public decimal? BenchmarkScore { get; init; }
}

public sealed record CatalogResults(IReadOnlyList<ModelRow> Items, int Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (int)Math.Ceiling(Total / (double)PageSize));
}

public sealed record ChartPoint(string Slug, string Name, string Lab, int ContextWindow, decimal InputPricePerMillion);

public sealed record SourceView(int Id, CatalogSourceKind Kind, string Name, string? Url, DateOnly? PublishedOn, DateTime CreatedAtUtc);

public sealed record RouteView(
    int Id,
    string ProviderSlug,
    string ProviderName,
    ApiStyle ApiStyle,
    string? BaseUrl,
    string? ApiKeyVariable,
    string ProviderModelId,
    decimal? InputPricePerMillion,
    decimal? OutputPricePerMillion,
    decimal? CachedInputPricePerMillion,
    int? ContextWindow,
    int? MaxOutputTokens,
    string? Quantization,
    bool IsFree,
    bool IsWeightsOnly,
    string? Notes,
    CatalogStatus Status,
    SourceView Source);

public sealed record BenchmarkView(string Benchmark, string Variant, decimal Score, decimal ScaleMax, SourceView Source);

public sealed record ClaimView(string Field, string Value, SourceView Source);

/// <summary>A field on which the sources say different things, with what each says.</summary>
public sealed record Disagreement(string Field, IReadOnlyList<ClaimView> Claims);

public sealed record ModelDetails(
    int Id,
    string Slug,
    string Name,
    string Lab,
    string? Family,
    string? Description,
    DateOnly? ReleaseDate,
    decimal? ParametersBillions,
    decimal? ActiveParametersBillions,
    string? Architecture,
    int? ContextWindow,
    int? MaxOutputTokens,
    string? KnowledgeCutoff,
    string? License,
    bool? OpenWeights,
    Modality InputModalities,
    Modality OutputModalities,
    ModelCapability Capabilities,
    string? Languages,
    string? HuggingFaceId,
    CatalogStatus Status,
    DateTime UpdatedAtUtc,
    SourceView Source,
    IReadOnlyList<RouteView> Routes,
    IReadOnlyList<BenchmarkView> Benchmarks,
    IReadOnlyList<ClaimView> Claims,
    IReadOnlyList<Disagreement> Disagreements)
{
    /// <summary>The served (not weights-only) route with the lowest input price, then output price.</summary>
    public RouteView? CheapestRoute => Routes
        .Where(r => !r.IsWeightsOnly && (r.InputPricePerMillion is not null || r.IsFree))
        .OrderBy(r => r.InputPricePerMillion ?? 0)
        .ThenBy(r => r.OutputPricePerMillion ?? 0)
        .FirstOrDefault();
}

/// <summary>Reads the instance-wide catalog. Any signed-in user may read it.</summary>
public sealed class CatalogQueries(IDbContextFactory<ModelHubDbContext> dbFactory)
{
    public async Task<CatalogResults> BrowseAsync(CatalogQuery query, CancellationToken cancellationToken = default)
    {
        var page = Math.Max(1, query.Page);
        var pageSize = Math.Clamp(query.PageSize, 1, CatalogRules.MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        var models = Filter(db, query);
        var total = await models.CountAsync(cancellationToken);
        var items = await Sort(Rows(models, query), query)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .ToListAsync(cancellationToken);
        return new CatalogResults(items, total, page, pageSize);
    }

    /// <summary>Every model in the view (up to <paramref name="limit"/>), in the view's order, with full details, for exports.</summary>
    public async Task<IReadOnlyList<ModelDetails>> ExportAsync(CatalogQuery query, int limit, CancellationToken cancellationToken = default)
    {
        List<string> slugs;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            slugs = await Sort(Rows(Filter(db, query), query), query).Select(r => r.Slug).Take(limit).ToListAsync(cancellationToken);
        }

        return await GetManyAsync(slugs, cancellationToken);
    }

    public async Task<ModelDetails?> GetAsync(string slug, CancellationToken cancellationToken = default) =>
        (await GetManyAsync([slug], cancellationToken)).SingleOrDefault();

    /// <summary>Full details of several models, in the order of <paramref name="slugs"/>, each with its routes, benchmarks and claims.</summary>
    public async Task<IReadOnlyList<ModelDetails>> GetManyAsync(IReadOnlyList<string> slugs, CancellationToken cancellationToken = default)
    {
        if (slugs.Count == 0)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var models = await db.Models.AsNoTracking()
            .Where(m => slugs.Contains(m.Slug))
            .Include(m => m.Source)
            .Include(m => m.Routes).ThenInclude(r => r.Provider)
            .Include(m => m.Routes).ThenInclude(r => r.Source)
            .Include(m => m.Benchmarks).ThenInclude(b => b.Source)
            .Include(m => m.Claims).ThenInclude(c => c.Source)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

        var bySlug = models.ToDictionary(m => m.Slug);
        return slugs.Where(bySlug.ContainsKey).Select(s => ToDetails(bySlug[s])).ToList();
    }

    /// <summary>Models in the view that have both a context window and an input price, for the price-against-context chart.</summary>
    public async Task<IReadOnlyList<ChartPoint>> ChartPointsAsync(CatalogQuery query, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var points = await Rows(Filter(db, query), query)
            .Where(r => r.ContextWindow != null && r.CheapestInputPrice != null)
            .OrderBy(r => r.Name)
            .Select(r => new { r.Slug, r.Name, r.Lab, Context = r.ContextWindow!.Value, Price = r.CheapestInputPrice })
            .Take(limit)
            .ToListAsync(cancellationToken);
        return points.Select(p => new ChartPoint(p.Slug, p.Name, p.Lab, p.Context, p.Price!.Value)).ToList();
    }

    /// <summary>The model's concurrency version, which an editor sends back so a newer save is not overwritten.</summary>
    public async Task<Guid?> VersionAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Models.Where(m => m.Slug == slug).Select(m => (Guid?)m.Version).SingleOrDefaultAsync(cancellationToken);
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

    /// <summary>The list's columns, computed in the database: cheapest prices over served routes and the chosen benchmark's best score.</summary>
    private static IQueryable<ModelRow> Rows(IQueryable<CatalogModel> models, CatalogQuery query)
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

    private static IQueryable<CatalogModel> Filter(ModelHubDbContext db, CatalogQuery query)
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
    private static IQueryable<ModelRow> Sort(IQueryable<ModelRow> rows, CatalogQuery query)
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

    private static ModelDetails ToDetails(CatalogModel m)
    {
        var claims = m.Claims.Select(c => new ClaimView(c.Field, c.Value, ToView(c.Source))).OrderBy(c => c.Field).ToList();
        var disagreements = claims
            .GroupBy(c => c.Field)
            .Where(g => g.Select(c => FactClaims.Normalize(c.Value)).Distinct().Count() > 1)
            .Select(g => new Disagreement(g.Key, g.ToList()))
            .ToList();

        return new ModelDetails(
            m.Id, m.Slug, m.Name, m.Lab, m.Family, m.Description, m.ReleaseDate, m.ParametersBillions, m.ActiveParametersBillions,
            m.Architecture, m.ContextWindow, m.MaxOutputTokens, m.KnowledgeCutoff, m.License, m.OpenWeights,
            m.InputModalities, m.OutputModalities, m.Capabilities, m.Languages, m.HuggingFaceId, m.Status, m.UpdatedAtUtc,
            ToView(m.Source),
            m.Routes
                .OrderBy(r => r.IsWeightsOnly)
                .ThenBy(r => r.InputPricePerMillion ?? decimal.MaxValue)
                .ThenBy(r => r.Provider.Name)
                .Select(r => new RouteView(r.Id, r.Provider.Slug, r.Provider.Name, r.Provider.ApiStyle, r.Provider.BaseUrl, r.Provider.ApiKeyVariable,
                    r.ProviderModelId, r.InputPricePerMillion, r.OutputPricePerMillion, r.CachedInputPricePerMillion, r.ContextWindow, r.MaxOutputTokens,
                    r.Quantization, r.IsFree, r.IsWeightsOnly, r.Notes, r.Status, ToView(r.Source)))
                .ToList(),
            m.Benchmarks
                .OrderBy(b => b.Variant)
                .ThenByDescending(b => b.Score / b.ScaleMax)
                .Select(b => new BenchmarkView(b.Benchmark, b.Variant, b.Score, b.ScaleMax, ToView(b.Source)))
                .ToList(),
            claims,
            disagreements);
    }

    private static SourceView ToView(CatalogSource s) => new(s.Id, s.Kind, s.Name, s.Url, s.PublishedOn, s.CreatedAtUtc);
}

internal static class OrderingExtensions
{
    public static IOrderedQueryable<T> ThenBy<T, TKey>(this IOrderedQueryable<T> source, System.Linq.Expressions.Expression<Func<T, TKey>> key, bool descending) =>
        descending ? source.ThenByDescending(key) : source.ThenBy(key);

    public static IOrderedQueryable<T> OrderBy<T, TKey>(this IQueryable<T> source, System.Linq.Expressions.Expression<Func<T, TKey>> key, bool descending) =>
        descending ? source.OrderByDescending(key) : source.OrderBy(key);
}
