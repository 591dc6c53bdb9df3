using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using ModelHub.Web.Features.Common;

namespace ModelHub.Web.Features.Catalog;

/// <summary>
/// A catalog view written as an address (the page's URL and the API's query string use the same keys),
/// so a view can be shared by copying it. Malformed values are refused with the key's name.
/// </summary>
public static class CatalogQueryString
{
    public const string Search = "q";
    public const string Capabilities = "cap";
    public const string Input = "input";
    public const string OpenWeights = "open";
    public const string License = "license";
    public const string Provider = "provider";
    public const string MinContext = "minContext";
    public const string MaxInputPrice = "maxInput";
    public const string MaxOutputPrice = "maxOutput";
    public const string ReleasedFrom = "from";
    public const string ReleasedTo = "to";
    public const string Sort = "sort";
    public const string Descending = "desc";
    public const string Benchmark = "bench";
    public const string Page = "page";
    public const string PageSize = "size";

    public static CatalogQuery Parse(IReadOnlyDictionary<string, StringValues> values)
    {
        string? Get(string key) => values.TryGetValue(key, out var v) && !StringValues.IsNullOrEmpty(v) ? v.ToString().Trim() : null;

        return new CatalogQuery
        {
            Search = Get(Search),
            Capabilities = Flags<ModelCapability>(Get(Capabilities), Capabilities),
            Input = Flags<Modality>(Get(Input), Input),
            OpenWeights = Get(OpenWeights) is { } open ? Bool(open, OpenWeights) : null,
            License = Get(License),
            Provider = Get(Provider),
            MinContext = Get(MinContext) is { } minContext ? Int(minContext, MinContext, 1) : null,
            MaxInputPrice = Get(MaxInputPrice) is { } maxInput ? Price(maxInput, MaxInputPrice) : null,
            MaxOutputPrice = Get(MaxOutputPrice) is { } maxOutput ? Price(maxOutput, MaxOutputPrice) : null,
            ReleasedFrom = Get(ReleasedFrom) is { } from ? Date(from, ReleasedFrom) : null,
            ReleasedTo = Get(ReleasedTo) is { } to ? Date(to, ReleasedTo) : null,
            Sort = Get(Sort) is { } sort ? Enum<CatalogSort>(sort, Sort) : CatalogSort.Name,
            Descending = Get(Descending) is { } desc && Bool(desc, Descending),
            Benchmark = Get(Benchmark),
            Page = Get(Page) is { } page ? Int(page, Page, 1) : 1,
            PageSize = Get(PageSize) is { } size ? Int(size, PageSize, 1) : CatalogRules.DefaultPageSize,
        };
    }

    public static CatalogQuery Parse(string queryString) =>
        Parse(QueryHelpers.ParseQuery(queryString).ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase));

    /// <summary>The query as address parameters, leaving out defaults so addresses stay short.</summary>
    public static Dictionary<string, object?> ToParameters(CatalogQuery query) => new()
    {
        [Search] = string.IsNullOrWhiteSpace(query.Search) ? null : query.Search,
        [Capabilities] = query.Capabilities == ModelCapability.None ? null : FlagsText(query.Capabilities),
        [Input] = query.Input == Modality.None ? null : FlagsText(query.Input),
        [OpenWeights] = query.OpenWeights is { } open ? (open ? "true" : "false") : null,
        [License] = string.IsNullOrWhiteSpace(query.License) ? null : query.License,
        [Provider] = string.IsNullOrWhiteSpace(query.Provider) ? null : query.Provider,
        [MinContext] = query.MinContext?.ToString(CultureInfo.InvariantCulture),
        [MaxInputPrice] = query.MaxInputPrice?.ToString(CultureInfo.InvariantCulture),
        [MaxOutputPrice] = query.MaxOutputPrice?.ToString(CultureInfo.InvariantCulture),
        [ReleasedFrom] = query.ReleasedFrom?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        [ReleasedTo] = query.ReleasedTo?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        [Sort] = query.Sort == CatalogSort.Name ? null : query.Sort.ToString(),
        [Descending] = query.Descending ? "true" : null,
        [Benchmark] = query.Sort == CatalogSort.Benchmark ? query.Benchmark : null,
        [Page] = query.Page > 1 ? query.Page.ToString(CultureInfo.InvariantCulture) : null,
        [PageSize] = query.PageSize != CatalogRules.DefaultPageSize ? query.PageSize.ToString(CultureInfo.InvariantCulture) : null,
    };

    public static string ToQueryString(CatalogQuery query) =>
        QueryHelpers.AddQueryString("", ToParameters(query).Where(p => p.Value is not null).Select(p => new KeyValuePair<string, string?>(p.Key, (string)p.Value!)));

    private static string FlagsText<T>(T flags) where T : struct, Enum =>
        string.Join(',', System.Enum.GetValues<T>().Where(f => Convert.ToInt32(f) != 0 && flags.HasFlag(f)));

    private static T Flags<T>(string? text, string key) where T : struct, Enum =>
        text is null ? default : (T)(object)text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Aggregate(0, (all, part) => all | Convert.ToInt32(Enum<T>(part, key)));

    private static T Enum<T>(string text, string key) where T : struct, Enum =>
        System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value)
            ? value
            : throw new InvalidInputException($"'{text}' is not a valid {key}. Use one of: {string.Join(", ", System.Enum.GetNames<T>().Where(n => n != "None"))}.");

    private static bool Bool(string text, string key) =>
        bool.TryParse(text, out var value) ? value : throw new InvalidInputException($"{key} must be true or false, not '{text}'.");

    private static int Int(string text, string key, int min) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min
            ? value
            : throw new InvalidInputException($"{key} must be a whole number of at least {min}, not '{text}'.");

    private static decimal Price(string text, string key) =>
        decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value >= 0
            ? value
            : throw new InvalidInputException($"{key} must be a price in USD per million tokens, 0 or more, not '{text}'.");

    private static DateOnly Date(string text, string key) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value
            : throw new InvalidInputException($"{key} must be a date written yyyy-MM-dd, not '{text}'.");
}
