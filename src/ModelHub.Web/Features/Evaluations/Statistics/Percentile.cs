namespace ModelHub.Web.Features.Evaluations.Statistics;

/// <summary>Percentiles of a sample, shared by the bootstrap intervals so both read their bounds the same way.</summary>
internal static class Percentile
{
    /// <summary>The 2.5th and 97.5th percentiles of <paramref name="sorted"/>'s first <paramref name="count"/> values.</summary>
    public static Interval Central95(double[] sorted, int count) => new(Of(sorted, count, 0.025), Of(sorted, count, 0.975));

    /// <summary>
    /// The <paramref name="quantile"/> of an ascending sample by linear interpolation between order statistics
    /// (Hyndman and Fan type 7, the R and NumPy default), so small samples give smooth, reproducible bounds.
    /// </summary>
    public static double Of(double[] sorted, int count, double quantile)
    {
        if (count <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "A percentile needs at least one value.");
        }

        var position = (count - 1) * quantile;
        var below = (int)Math.Floor(position);
        if (below >= count - 1)
        {
            return sorted[count - 1];
        }

        var fraction = position - below;
        return sorted[below] + (fraction * (sorted[below + 1] - sorted[below]));
    }
}
