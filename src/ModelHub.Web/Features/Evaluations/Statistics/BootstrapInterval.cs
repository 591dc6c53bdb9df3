namespace ModelHub.Web.Features.Evaluations.Statistics;

/// <summary>
/// The percentile bootstrap for a mean score. Graded scores are bounded and often skewed, so resampling the scores
/// themselves is more honest than assuming a normal sampling distribution.
/// </summary>
public static class BootstrapInterval
{
    /// <summary>
    /// The mean of <paramref name="values"/> and a 95% interval for it: <paramref name="resamples"/> resamples with
    /// replacement, bounded by their 2.5th and 97.5th percentiles. Seeded with <c>new Random(seed)</c> so the same scores
    /// always show the same interval. Null when there are no values; one value gives [v, v], since nothing can vary.
    /// </summary>
    public static (double Mean, Interval Interval)? Mean(IReadOnlyList<double> values, int resamples = 2000, int seed = 12345)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);

        var count = values.Count;
        if (count == 0)
        {
            return null;
        }

        // Copy once so the resampling loop indexes an array rather than calling through the interface.
        var data = new double[count];
        var sum = 0.0;
        for (var i = 0; i < count; i++)
        {
            data[i] = values[i];
            sum += data[i];
        }

        var mean = sum / count;
        if (count == 1)
        {
            return (mean, new Interval(mean, mean));
        }

        var random = new Random(seed);
        var means = new double[resamples];
        for (var r = 0; r < resamples; r++)
        {
            var resampleSum = 0.0;
            for (var k = 0; k < count; k++)
            {
                resampleSum += data[random.Next(count)];
            }

            means[r] = resampleSum / count;
        }

        Array.Sort(means);
        return (mean, Percentile.Central95(means, resamples));
    }
}
