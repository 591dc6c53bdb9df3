namespace ModelHub.Web.Features.Evaluations.Statistics;

/// <summary>
/// Cohen's kappa: how far two reviewers agree beyond what their label frequencies alone would produce by chance.
/// Raw agreement flatters reviewers when one label dominates; kappa shows whether the rubric is actually shared.
/// </summary>
public static class CohensKappa
{
    /// <summary>
    /// κ = (pₒ − pₑ) / (1 − pₑ) over items both reviewers labelled, with labels compared as exact (ordinal) strings,
    /// so booleans and categories work alike. Null when there are no items. When pₑ is 1 (both always gave the same
    /// single label) κ is undefined; it is reported as 1 if they agreed on every item, otherwise null.
    /// </summary>
    public static double? Compute(IReadOnlyList<(string First, string Second)> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count == 0)
        {
            return null;
        }

        var firstCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var secondCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        var agreements = 0;
        foreach (var (first, second) in pairs)
        {
            ArgumentNullException.ThrowIfNull(first, nameof(pairs));
            ArgumentNullException.ThrowIfNull(second, nameof(pairs));
            firstCounts[first] = firstCounts.GetValueOrDefault(first) + 1;
            secondCounts[second] = secondCounts.GetValueOrDefault(second) + 1;
            if (string.Equals(first, second, StringComparison.Ordinal))
            {
                agreements++;
            }
        }

        double n = pairs.Count;
        var observed = agreements / n;
        var expected = 0.0;
        foreach (var (label, firstCount) in firstCounts)
        {
            if (secondCounts.TryGetValue(label, out var secondCount))
            {
                expected += firstCount / n * (secondCount / n);
            }
        }

        // pₑ = 1 exactly only when both used one and the same label throughout; compare with a tolerance for rounding.
        if (expected >= 1 - 1e-12)
        {
            return observed >= 1 - 1e-12 ? 1.0 : null;
        }

        return (observed - expected) / (1 - expected);
    }
}
