using System.Globalization;

namespace ModelHub.Web.Features.Common.Charts;

/// <summary>One named row of numbers in a <see cref="BarChart"/>, one value per category; null where there is none.</summary>
public sealed record BarSeries(string Name, IReadOnlyList<double?> Values);

/// <summary>One point in a <see cref="ScatterChart"/>; points with the same group share a colour and a legend entry.</summary>
public sealed record ScatterPoint(string Label, double X, double Y, string Group = "");

/// <summary>How a chart writes its numbers, the same in the picture and in the table screen readers get.</summary>
public static class ChartFormat
{
    public static string Value(double? value, string format) =>
        value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "–";
}
