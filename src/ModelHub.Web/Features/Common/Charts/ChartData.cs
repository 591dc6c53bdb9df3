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

    /// <summary>
    /// A round spacing for about five value-axis ticks. MudChart takes whole-number spacing only (and
    /// defaults to 20), so small values get a spacing of 1 and an axis that ends just above them.
    /// </summary>
    public static int TickSpacing(double max) => max <= 5 ? 1 : (int)Math.Max(1, Step(max));

    /// <summary>A round spacing (1, 2 or 5 times a power of ten) for about five ticks from zero to <paramref name="max"/>.</summary>
    public static double Step(double max)
    {
        if (max <= 0)
        {
            return 1;
        }

        var rough = max / 5;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        return new[] { 1, 2, 5, 10 }.Select(m => m * magnitude).First(s => s >= rough * (1 - 1e-9));
    }

    /// <summary>The value axis's top: the first tick at or above the largest value.</summary>
    public static double AxisMax(double max) => Math.Max(1, Math.Ceiling(max / TickSpacing(max)) * TickSpacing(max));
}
