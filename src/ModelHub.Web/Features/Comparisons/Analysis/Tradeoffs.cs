using ModelHub.Web.Features.Catalog;
using static ModelHub.Web.Features.Comparisons.Analysis.AnalysisText;

namespace ModelHub.Web.Features.Comparisons.Analysis;

/// <summary>A reason to choose a model, and the theme the verdict names for it ("choose X when price matters").</summary>
internal sealed record Reason(string Theme, string Sentence);

/// <summary>
/// "Choose X when…": for each model, the signals on which it alone beats the others. Reasons come in
/// a fixed order of weight (price, capabilities, context, results, speed, licence, providers), so the
/// first one is the strongest.
/// </summary>
internal static class Tradeoffs
{
    public static IReadOnlyList<IReadOnlyList<Reason>> For(AnalysisContext context)
    {
        var providerCounts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var provider in context.Models.SelectMany(m => m.Providers))
        {
            providerCounts[provider.Slug] = providerCounts.GetValueOrDefault(provider.Slug) + 1;
        }

        return context.Models.Select(m => ReasonsFor(context, m, providerCounts)).ToList();
    }

    public static ModelTradeoffs View(ModelFacts model, IReadOnlyList<Reason> reasons) =>
        new(model.Slug, model.Name, reasons.Count == 0
            ? [$"No tracked signal favours {model.Name} over the others; test it on your own prompts."]
            : reasons.Select(r => r.Sentence).ToList());

    private static List<Reason> ReasonsFor(AnalysisContext c, ModelFacts m, IReadOnlyDictionary<string, int> providerCounts)
    {
        Reason?[] reasons =
        [
            Price(c, m), OnlyCapabilities(c, m), LargestContext(c, m), SharedBenchmarks(c, m),
            .. c.EvaluationLabels.Select(label => Evaluation(c, m, label)),
            Fastest(c, m), FirstToken(c, m), OpenWeights(c, m), MostRoutes(c, m), OwnProviders(c, m, providerCounts),
        ];
        return reasons.OfType<Reason>().ToList();
    }

    private static Reason? Price(AnalysisContext c, ModelFacts m)
    {
        if (m.MonthlyUsd is not { } usd)
        {
            return null;
        }

        if (c.Others(m).All(o => o.MonthlyUsd is null))
        {
            return new("a known price", $"{m.Name} is the only one with a complete token price: {m.MonthlyText}/month on {m.CheapestProviderName} at this workload.");
        }

        return Best.SoleLeadOver(c, m, x => (double?)x.MonthlyUsd, highest: false) is { } next
            ? new("price", $"{m.Name} is cheapest at this workload: {m.MonthlyText}/month on {m.CheapestProviderName}, {Usd(next.MonthlyUsd!.Value - usd)} less than {next.Name}.")
            : null;
    }

    private static Reason? OnlyCapabilities(AnalysisContext c, ModelFacts m)
    {
        var others = c.Others(m).Aggregate(ModelCapability.None, (all, o) => all | o.Details.Capabilities);
        var only = AnalysisFlags.Capabilities.Where(f => m.Details.Capabilities.HasFlag(f) && !others.HasFlag(f)).Select(Capability).ToList();
        if (only.Count == 0)
        {
            return null;
        }

        var sentence = c.Count == 2
            ? $"{m.Name} lists {List(only)}; {c.Others(m).First().Name} does not."
            : $"Only {m.Name} lists {List(only)} among these models.";
        return new(List(only).ToLowerInvariant(), sentence);
    }

    private static Reason? LargestContext(AnalysisContext c, ModelFacts m)
    {
        if (Best.SoleLeadOver(c, m, x => x.Context) is not { } next)
        {
            return null;
        }

        return new("long context",
            $"{m.Name} has the {(c.Count == 2 ? "larger" : "largest")} context window for long prompts, retrieval packs or transcripts: {m.ContextText} tokens vs {next.ContextText} for {next.Name}.");
    }

    private static Reason? SharedBenchmarks(AnalysisContext c, ModelFacts m)
    {
        var led = c.SharedBenchmarks.Where(key => Best.SoleLeadOver(c, m, x => x.Benchmarks[key].Fraction) is not null).ToList();
        return led.Count == 0
            ? null
            : new(led.Count == 1 ? $"{led[0]} results" : "benchmark results", $"{m.Name} scores best on the shared {Verb(led.Count, "benchmark", "benchmarks")} {ShortList(led)}.");
    }

    private static Reason? Evaluation(AnalysisContext c, ModelFacts m, string label)
    {
        static double? Rankable(ModelFacts x, string label) =>
            x.Evaluations.TryGetValue(label, out var e) && !e.TooFewToRank ? e.Score : null;

        return Best.SoleLeadOver(c, m, x => Rankable(x, label)) is not null
            ? new(label, $"{m.Name} scores best on {label}: {m.Evaluations[label].Display}.")
            : null;
    }

    private static Reason? Fastest(AnalysisContext c, ModelFacts m) =>
        Best.SoleLeadOver(c, m, TokensPerSecond) is { } next
            ? new("output speed", $"{m.Name} was fastest in linked runs: {Number(TokensPerSecond(m)!.Value, "#,##0.#")} tokens/s vs {Number(TokensPerSecond(next)!.Value, "#,##0.#")} for {next.Name}.")
            : null;

    private static Reason? FirstToken(AnalysisContext c, ModelFacts m) =>
        Best.SoleLeadOver(c, m, FirstTokenMs, highest: false) is { } next
            ? new("time to first token", $"{m.Name} answered first in linked runs: {Number(FirstTokenMs(m)!.Value, "#,##0")} ms to the first token vs {Number(FirstTokenMs(next)!.Value, "#,##0")} ms for {next.Name}.")
            : null;

    private static Reason? OpenWeights(AnalysisContext c, ModelFacts m)
    {
        var notOpen = c.Others(m).Where(o => o.Details.OpenWeights != true).Select(o => o.Name).ToList();
        if (m.Details.OpenWeights != true || notOpen.Count == 0)
        {
            return null;
        }

        var licence = string.IsNullOrWhiteSpace(m.Details.License) ? "" : $" ({m.Details.License})";
        return new("open weights", $"{m.Name} has open weights{licence} for self-hosting, unlike {List(notOpen)}.");
    }

    private static Reason? MostRoutes(AnalysisContext c, ModelFacts m) =>
        m.ServedRoutes > 0 && Best.SoleLeadOver(c, m, x => x.ServedRoutes) is { } next
            ? new("provider choice", $"{m.Name} has broader tracked provider coverage for fallback and procurement: {Plural(m.ServedRoutes, "route")} vs {next.ServedRoutes} for {next.Name}.")
            : null;

    private static Reason? OwnProviders(AnalysisContext c, ModelFacts m, IReadOnlyDictionary<string, int> providerCounts)
    {
        var own = m.Providers.Where(p => providerCounts[p.Slug] == 1).Select(p => p.Name).ToList();
        if (own.Count == 0)
        {
            return null;
        }

        var where = c.Count == 2 ? $"where {c.Others(m).First().Name} has no tracked route" : "where none of the others has a tracked route";
        return new("provider fit", $"{m.Name} is served on {ShortList(own)}, {where}.");
    }

    public static double? TokensPerSecond(ModelFacts m) => m.HasRuns ? m.Measured!.MedianOutputTokensPerSecond : null;

    public static double? FirstTokenMs(ModelFacts m) => m.HasRuns ? m.Measured!.MedianTimeToFirstTokenMs : null;
}
