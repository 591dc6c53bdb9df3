namespace ModelHub.Web.Features.Evaluations.Statistics;

/// <summary>Shared constants, so every leaderboard figure uses the same confidence level and the same ranking threshold.</summary>
public static class EvaluationStatistics
{
    /// <summary>
    /// Fewer scores or votes than this and a model is shown as "too few to rank": below it the intervals are so wide
    /// that any position would mislead.
    /// </summary>
    public const int MinimumToRank = 10;

    /// <summary>The two-sided 95% standard normal quantile (Φ⁻¹(0.975)), kept exact so intervals match textbook figures.</summary>
    public const double Z95 = 1.959963984540054;
}
