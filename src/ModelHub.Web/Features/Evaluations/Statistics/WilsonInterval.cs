namespace ModelHub.Web.Features.Evaluations.Statistics;

/// <summary>
/// The Wilson score interval for a pass rate. Chosen over the textbook "p ± z·se" interval because that one collapses
/// to zero width at 0 or 10 of 10 and spills outside [0, 1] on the small samples teams actually run.
/// </summary>
public static class WilsonInterval
{
    /// <summary>
    /// The interval for <paramref name="successes"/> passes out of <paramref name="trials"/> (95% by default);
    /// null when there were no trials, because no rate is known. 8 of 10 gives about 0.490 to 0.943.
    /// </summary>
    public static Interval? Compute(int successes, int trials, double z = EvaluationStatistics.Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        if (!double.IsFinite(z) || z < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(z), z, "The normal quantile must be finite and non-negative.");
        }

        if (trials == 0)
        {
            return null;
        }

        double n = trials;
        var p = successes / n;
        var zSquared = z * z;
        var denominator = 1 + (zSquared / n);
        var centre = (p + (zSquared / (2 * n))) / denominator;
        var halfWidth = z / denominator * Math.Sqrt((p * (1 - p) / n) + (zSquared / (4 * n * n)));

        // At 0 or all passes the bound is exactly 0 or 1 in theory; pin it so rounding never shows 1e-17 or 0.9999999.
        var low = successes == 0 ? 0 : Math.Max(0, centre - halfWidth);
        var high = successes == trials ? 1 : Math.Min(1, centre + halfWidth);
        return new Interval(low, high);
    }
}
