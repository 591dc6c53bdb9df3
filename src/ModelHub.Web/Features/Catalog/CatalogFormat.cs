using System.Globalization;

namespace ModelHub.Web.Features.Catalog;

/// <summary>How catalog numbers read on pages and in exports.</summary>
public static class CatalogFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Parameters(decimal total, decimal? active) =>
        active is { } a ? $"{total.ToString("0.##", Invariant)}B ({a.ToString("0.##", Invariant)}B active)" : $"{total.ToString("0.##", Invariant)}B";

    /// <summary>128000 as "128K", 1048576 as "1M", 131072 as "131K".</summary>
    public static string Tokens(int? tokens) => tokens switch
    {
        null => "–",
        >= 1_000_000 => $"{(tokens.Value / 1_000_000m).ToString("0.#", Invariant)}M",
        >= 10_000 => $"{(tokens.Value / 1_000m).ToString("0", Invariant)}K",
        >= 1_000 => $"{(tokens.Value / 1_000m).ToString("0.#", Invariant)}K",
        _ => tokens.Value.ToString(Invariant),
    };

    /// <summary>USD per million tokens: "$0.035", "$2.50", "Free", "–" when unknown.</summary>
    public static string Price(decimal? perMillion, bool free = false) => perMillion switch
    {
        null when free => "Free",
        null => "–",
        0 => "Free",
        < 0.1m => $"${perMillion.Value.ToString("0.000###", Invariant)}",
        _ => $"${perMillion.Value.ToString("0.00##", Invariant)}",
    };
}
