namespace ModelHub.Web.Features.Evaluations.Statistics;

/// <summary>
/// Ranks that respect uncertainty: a model is only placed below another when the other's interval lies wholly above
/// its own, so models the data cannot tell apart share a rank instead of being ordered by noise.
/// </summary>
public static class Ranking
{
    /// <summary>
    /// For each interval, 1 plus the number of other intervals whose Low is strictly above its High.
    /// Overlapping intervals share a rank; ranks may skip (1, 1, 3), as in competition ranking.
    /// </summary>
    public static IReadOnlyList<int> Assign(IReadOnlyList<Interval> intervals)
    {
        ArgumentNullException.ThrowIfNull(intervals);

        var ranks = new int[intervals.Count];
        for (var i = 0; i < intervals.Count; i++)
        {
            var clearlyBetter = 0;
            for (var j = 0; j < intervals.Count; j++)
            {
                if (j != i && intervals[j].Low > intervals[i].High)
                {
                    clearlyBetter++;
                }
            }

            ranks[i] = 1 + clearlyBetter;
        }

        return ranks;
    }
}
