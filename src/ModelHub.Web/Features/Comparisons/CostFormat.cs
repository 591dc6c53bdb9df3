using System.Globalization;

namespace ModelHub.Web.Features.Comparisons;

/// <summary>How comparison pages and exports write money and workloads.</summary>
public static class CostFormat
{
    /// <summary>Dollars, with cents; small amounts keep up to four decimals so a $0.0012 request is not "$0.00".</summary>
    public static string Usd(decimal value) => value.ToString(Math.Abs(value) < 10 ? "$#,##0.00##" : "$#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>A per-request cost, to two significant figures when under a cent: $0.0000044, never "$0.00".</summary>
    public static string PerRequest(decimal value)
    {
        if (value == 0 || Math.Abs(value) >= 0.01m)
        {
            return Usd(value);
        }

        var decimals = Math.Min(10, 1 - (int)Math.Floor(Math.Log10((double)Math.Abs(value))));
        return "$" + Math.Round(value, decimals).ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture);
    }

    public static string Workload(ComparisonWorkload w) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{w.RequestsPerDay:N0} requests a day of {w.InputTokensPerRequest:N0} input and {w.OutputTokensPerRequest:N0} output tokens ({w.CachedInputShare:P0} cached, {w.DaysPerMonth} days)");

    /// <summary>A request count for an axis: 1,500 → "1.5K".</summary>
    public static string Count(double value) => value switch
    {
        >= 1_000_000 => (value / 1_000_000).ToString("0.#", CultureInfo.InvariantCulture) + "M",
        >= 1_000 => (value / 1_000).ToString("0.#", CultureInfo.InvariantCulture) + "K",
        _ => value.ToString("0", CultureInfo.InvariantCulture),
    };
}
