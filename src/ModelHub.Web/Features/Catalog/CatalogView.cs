using Microsoft.AspNetCore.WebUtilities;
using ModelHub.Web.Features.Common;

namespace ModelHub.Web.Features.Catalog;

/// <summary>
/// The catalog page's state: the view its address holds (filters, sort, page and the models ticked for
/// comparison) and the addresses its controls lead to. The address is the only source of the view, so a
/// copied address shows the same list; the table's headers, pager and the filters lead to new addresses, and the
/// page loads whatever view the address holds.
/// </summary>
public sealed class CatalogView
{
    public const string Path = "models";
    private const string CompareKey = "compare";

    public CatalogQuery Query { get; private set; } = new();

    /// <summary>Slugs ticked for comparison, in the order they were ticked.</summary>
    public IReadOnlyList<string> Selected { get; private set; } = [];

    /// <summary>Set when the address held a filter that cannot be read; the view then falls back to the whole catalog.</summary>
    public string? AddressProblem { get; private set; }

    /// <summary>The query the table last loaded.</summary>
    public CatalogQuery? Loaded { get; private set; }

    /// <summary>The filters alone (with the benchmark column), so page and sort changes do not reload the chart.</summary>
    public CatalogQuery Filters => FiltersOf(Query);

    public bool HasBenchmarkColumn => Query.Sort == CatalogSort.Benchmark && !string.IsNullOrEmpty(Query.Benchmark);

    /// <summary>Reads the view from an address; returns whether the filters changed (so the grid and chart must reload).</summary>
    public bool Read(string uri)
    {
        var previous = Filters;
        var values = QueryHelpers.ParseQuery(new Uri(new Uri("http://localhost/"), uri).Query)
            .ToDictionary(v => v.Key, v => v.Value, StringComparer.OrdinalIgnoreCase);
        Selected = values.TryGetValue(CompareKey, out var compare)
            ? compare.ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList()
            : [];
        try
        {
            Query = CatalogQueryString.Parse(values);
            AddressProblem = null;
        }
        catch (InvalidInputException ex)
        {
            Query = new CatalogQuery();
            AddressProblem = $"This address holds a filter ModelHub cannot read: {ex.Message}";
        }

        return Filters != previous;
    }

    /// <summary>The address of a new view; a filter change starts again at page 1.</summary>
    public string Apply(CatalogQuery next) => Address(next with { Page = 1 }, Selected);

    public string WithCapability(ModelCapability capability, bool on) =>
        Apply(Query with { Capabilities = on ? Query.Capabilities | capability : Query.Capabilities & ~capability });

    /// <summary>Choosing a benchmark shows its column and sorts by it, best first; clearing it goes back to names.</summary>
    public string WithBenchmark(string? benchmark) => string.IsNullOrEmpty(benchmark)
        ? Apply(Query with { Benchmark = null, Sort = Query.Sort == CatalogSort.Benchmark ? CatalogSort.Name : Query.Sort, Descending = Query.Sort != CatalogSort.Benchmark && Query.Descending })
        : Apply(Query with { Benchmark = benchmark, Sort = CatalogSort.Benchmark, Descending = true });

    public string Toggle(string slug, bool on) =>
        Address(Query, on ? Selected.Append(slug).Distinct().ToList() : Selected.Where(s => s != slug).ToList());

    public string CompareAddress => $"compare?models={Uri.EscapeDataString(string.Join(',', Selected))}";

    public string ExportAddress(string format) =>
        QueryHelpers.AddQueryString("api/v1/models/export", Parameters(Query with { Page = 1 }).Append(new("format", format)));

    /// <summary>The query that loads the address's view, remembered as <see cref="Loaded"/>.</summary>
    public CatalogQuery QueryToLoad() => Loaded = Query;

    /// <summary>A column header's address: sorted by its column, ascending first, reversed when already sorted by it; back to page 1.</summary>
    public string SortBy(CatalogSort sort) =>
        Address(Query with { Sort = sort, Descending = Query.Sort == sort && !Query.Descending, Page = 1 }, Selected);

    /// <summary>How the list is sorted by a column, as a header's aria-sort says it.</summary>
    public string SortState(CatalogSort sort) => Query.Sort != sort ? "none" : Query.Descending ? "descending" : "ascending";

    public string AtPage(int page) => Address(Query with { Page = page }, Selected);

    public string WithPageSize(int pageSize) => Address(Query with { PageSize = Math.Clamp(pageSize, 1, CatalogRules.MaxPageSize), Page = 1 }, Selected);

    public static string Address(CatalogQuery query, IReadOnlyCollection<string> compare)
    {
        var parameters = Parameters(query).ToList();
        if (compare.Count > 0)
        {
            parameters.Add(new(CompareKey, string.Join(',', compare)));
        }

        return QueryHelpers.AddQueryString(Path, parameters);
    }

    private static IEnumerable<KeyValuePair<string, string?>> Parameters(CatalogQuery query) =>
        CatalogQueryString.ToParameters(query).Where(p => p.Value is not null).Select(p => new KeyValuePair<string, string?>(p.Key, (string)p.Value!));

    private static CatalogQuery FiltersOf(CatalogQuery query) => query with
    {
        Page = 1,
        PageSize = CatalogRules.DefaultPageSize,
        Sort = CatalogSort.Name,
        Descending = false,
        Benchmark = query.Sort == CatalogSort.Benchmark ? query.Benchmark : null,
    };
}
