using static ModelHub.Web.Features.Comparisons.Analysis.AnalysisText;

namespace ModelHub.Web.Features.Comparisons.Analysis;

/// <summary>
/// One weighted signal over the passing models: a 0..1 value per model index, or why it could not be
/// used. <see cref="Describe"/> says what a model's value rests on ("$120.00/month").
/// </summary>
internal sealed record Signal(string Name, int Weight, IReadOnlyDictionary<int, double>? Values, Func<ModelFacts, string> Describe, string? Skipped)
{
    /// <summary>What a value of 1 means: the best of the compared models, or (for evaluation scores) a perfect score.</summary>
    public string Scale { get; init; } = "of the best";

    public bool Used => Weight > 0 && Values is not null;

    public static Signal Skip(string name, int weight, string reason) => new(name, weight, null, _ => "", reason);
}

/// <summary>Normalises each ranking signal across the models that meet the must-haves.</summary>
internal static class Signals
{
    public static IReadOnlyList<Signal> For(AnalysisContext context, IReadOnlyList<ModelFacts> passing)
    {
        var w = context.Weights;
        return new[]
        {
            Cost(passing, w.Cost),
            ContextWindow(passing, w.Context),
            Speed(passing, w.Speed),
            Benchmarks(passing, w.Benchmarks),
            Scores(passing, w.Scores),
        }.Where(s => s.Weight > 0).ToList();
    }

    /// <summary>Cheapest = 1, the others cheapest/own; a model without a price gets 0.</summary>
    private static Signal Cost(IReadOnlyList<ModelFacts> models, int weight)
    {
        var priced = models.Where(m => m.MonthlyUsd is not null).ToList();
        if (priced.Count == 0)
        {
            return Signal.Skip("cost", weight, "no model here has a complete token price");
        }

        var cheapest = priced.Min(m => m.MonthlyUsd!.Value);
        var values = models.ToDictionary(m => m.Index, m => m.MonthlyUsd switch
        {
            null => 0,
            0m => 1,
            { } own => (double)(cheapest / own),
        });
        return new Signal("cost", weight, values, m => m.MonthlyText is { } usd ? $"{usd}/month" : "no price", null);
    }

    private static Signal ContextWindow(IReadOnlyList<ModelFacts> models, int weight)
    {
        var largest = models.Max(m => m.Context) ?? 0;
        if (largest == 0)
        {
            return Signal.Skip("context", weight, "no model here lists a context window");
        }

        var values = models.ToDictionary(m => m.Index, m => (double)(m.Context ?? 0) / largest);
        return new Signal("context", weight, values, m => m.ContextText is { } c ? $"{c} tokens" : "context window not listed", null);
    }

    private static Signal Speed(IReadOnlyList<ModelFacts> models, int weight)
    {
        var fastest = models.Max(m => m.HasRuns ? m.Measured!.MedianOutputTokensPerSecond : null) ?? 0;
        if (fastest <= 0)
        {
            return Signal.Skip("speed", weight, "no linked runs measured these models");
        }

        var values = models.ToDictionary(m => m.Index, m => (m.HasRuns ? m.Measured!.MedianOutputTokensPerSecond ?? 0 : 0) / fastest);
        return new Signal("speed", weight, values,
            m => m.HasRuns && m.Measured!.MedianOutputTokensPerSecond is { } tps ? $"{Number(tps, "#,##0.#")} tokens/s measured" : "no linked runs", null);
    }

    /// <summary>Per shared benchmark, the model's result relative to the best; then the mean over benchmarks.</summary>
    private static Signal Benchmarks(IReadOnlyList<ModelFacts> models, int weight)
    {
        var shared = AnalysisContext.SharedBenchmarksOf(models);
        if (shared.Count == 0)
        {
            return Signal.Skip("benchmarks", weight, "the models share no benchmark");
        }

        var values = models.ToDictionary(m => m.Index, _ => 0.0);
        foreach (var key in shared)
        {
            var best = models.Max(m => m.Benchmarks[key].Fraction);
            foreach (var m in models)
            {
                values[m.Index] += best > 0 ? m.Benchmarks[key].Fraction / best / shared.Count : 1.0 / shared.Count;
            }
        }

        return new Signal("benchmarks", weight, values, _ => $"{Plural(shared.Count, "shared benchmark")}", null);
    }

    /// <summary>Evaluation scores are already 0..1; results with too few answers to rank are left out.</summary>
    private static Signal Scores(IReadOnlyList<ModelFacts> models, int weight)
    {
        var ranked = models.ToDictionary(m => m.Index, m => m.Evaluations.Values.Where(e => !e.TooFewToRank && e.Score is not null).Select(e => e.Score!.Value).ToList());
        if (ranked.Values.All(scores => scores.Count == 0))
        {
            return Signal.Skip("scores", weight, "no evaluation has enough results to rank");
        }

        var values = ranked.ToDictionary(r => r.Key, r => r.Value.Count == 0 ? 0 : Math.Clamp(r.Value.Average(), 0, 1));
        return new Signal("scores", weight, values,
            m => ranked[m.Index] is { Count: > 0 } scores ? $"mean of {Plural(scores.Count, "evaluation")}" : "no rankable evaluation", null)
        {
            Scale = "of 1",
        };
    }
}
