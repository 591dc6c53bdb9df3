using ModelHub.Web.Features.Common.Charts;

namespace ModelHub.Web.Features.Comparisons;

/// <summary>
/// Monthly cost against requests per day, for the chart. Cost grows in a straight line with traffic,
/// so each model's line is its cheapest route's cost per request times the rate; the axis runs to
/// about twice the team's traffic so "what if we double" is on the picture.
/// </summary>
public static class CostCurve
{
    public const int Points = 9;

    public static (IReadOnlyList<string> Labels, IReadOnlyList<BarSeries> Series) For(IReadOnlyList<ComparedModel> models, ComparisonWorkload workload)
    {
        var top = NiceCeiling(Math.Max(workload.RequestsPerDay * 2.0, 10));
        var rates = Enumerable.Range(0, Points).Select(i => top * i / (Points - 1)).ToList();
        var labels = rates.Select(CostFormat.Count).ToList();
        var series = models.Select(m =>
        {
            var perRequest = m.Routes.Where(r => r.PerRequestUsd is not null).Select(r => r.PerRequestUsd!.Value).DefaultIfEmpty(-1).Min();
            var values = rates.Select(rate => perRequest < 0 ? (double?)null : (double)(perRequest * (decimal)rate * workload.DaysPerMonth)).ToList();
            return new BarSeries(m.Name, values);
        }).ToList();
        return (labels, series);
    }

    /// <summary>1, 2 or 5 times a power of ten, at or above the value.</summary>
    private static double NiceCeiling(double value)
    {
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(value)));
        return new[] { 1, 2, 5, 10 }.Select(m => m * magnitude).First(s => s >= value);
    }
}
