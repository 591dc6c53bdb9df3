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
