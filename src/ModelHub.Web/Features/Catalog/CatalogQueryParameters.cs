using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Primitives;

namespace ModelHub.Web.Features.Catalog;

/// <summary>
/// The catalog query parameters as the API declares them, so the OpenAPI document lists each one.
/// Values arrive as text and are read by <see cref="CatalogQueryString"/>, which names a malformed one.
/// </summary>
public sealed record CatalogQueryParameters
{
    [FromQuery(Name = CatalogQueryString.Search), Description("Search name, lab, provider or provider model ID.")]
    public string? Search { get; init; }

    [FromQuery(Name = CatalogQueryString.Capabilities), Description("Required capabilities, comma-separated: Vision, Reasoning, ToolCalling, StructuredOutput, CodeExecution, WebBrowsing.")]
    public string? Capabilities { get; init; }

    [FromQuery(Name = CatalogQueryString.Input), Description("Required input modalities, comma-separated: Text, Image, Audio, Video, File.")]
    public string? Input { get; init; }

    [FromQuery(Name = CatalogQueryString.OpenWeights), Description("true for open weights only, false for closed only.")]
    public string? OpenWeights { get; init; }

    [FromQuery(Name = CatalogQueryString.License), Description("Exact licence, such as MIT.")]
    public string? License { get; init; }

    [FromQuery(Name = CatalogQueryString.Provider), Description("Provider slug: only models served there.")]
    public string? Provider { get; init; }

    [FromQuery(Name = CatalogQueryString.MinContext), Description("Minimum context window in tokens.")]
    public string? MinContext { get; init; }

    [FromQuery(Name = CatalogQueryString.MaxInputPrice), Description("Maximum cheapest input price, USD per million tokens.")]
    public string? MaxInputPrice { get; init; }

    [FromQuery(Name = CatalogQueryString.MaxOutputPrice), Description("Maximum cheapest output price, USD per million tokens.")]
    public string? MaxOutputPrice { get; init; }

    [FromQuery(Name = CatalogQueryString.ReleasedFrom), Description("Released on or after, yyyy-MM-dd.")]
    public string? ReleasedFrom { get; init; }

    [FromQuery(Name = CatalogQueryString.ReleasedTo), Description("Released on or before, yyyy-MM-dd.")]
    public string? ReleasedTo { get; init; }

    [FromQuery(Name = CatalogQueryString.Sort), Description("Name, Released, Context, InputPrice, OutputPrice or Benchmark.")]
    public string? Sort { get; init; }

    [FromQuery(Name = CatalogQueryString.Descending), Description("true to sort descending.")]
    public string? Descending { get; init; }

    [FromQuery(Name = CatalogQueryString.Benchmark), Description("With sort=Benchmark: the benchmark, such as MMLU.")]
    public string? Benchmark { get; init; }

    [FromQuery(Name = CatalogQueryString.Page), Description("Page number, from 1.")]
    public string? Page { get; init; }

    [FromQuery(Name = CatalogQueryString.PageSize), Description("Models per page, 1 to 100.")]
    public string? PageSize { get; init; }

    public CatalogQuery ToQuery() => CatalogQueryString.Parse(new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase)
    {
        [CatalogQueryString.Search] = Search,
        [CatalogQueryString.Capabilities] = Capabilities,
        [CatalogQueryString.Input] = Input,
        [CatalogQueryString.OpenWeights] = OpenWeights,
        [CatalogQueryString.License] = License,
        [CatalogQueryString.Provider] = Provider,
        [CatalogQueryString.MinContext] = MinContext,
        [CatalogQueryString.MaxInputPrice] = MaxInputPrice,
        [CatalogQueryString.MaxOutputPrice] = MaxOutputPrice,
        [CatalogQueryString.ReleasedFrom] = ReleasedFrom,
        [CatalogQueryString.ReleasedTo] = ReleasedTo,
        [CatalogQueryString.Sort] = Sort,
        [CatalogQueryString.Descending] = Descending,
        [CatalogQueryString.Benchmark] = Benchmark,
        [CatalogQueryString.Page] = Page,
        [CatalogQueryString.PageSize] = PageSize,
    });
}
