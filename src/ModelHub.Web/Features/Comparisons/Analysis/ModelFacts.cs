using ModelHub.Web.Features.Catalog;

namespace ModelHub.Web.Features.Comparisons.Analysis;

/// <summary>A provider a model can be called on, with the model ID it uses there.</summary>
internal sealed record ServedProvider(string Slug, string Name, string ModelId);

/// <summary>A benchmark result scaled to 0..1, keyed by benchmark and variant.</summary>
internal sealed record BenchmarkResult(string Name, double Fraction, decimal Score, decimal ScaleMax);

/// <summary>
/// What the analysis needs to know about one compared model, worked out once per call so the pair
/// loops (30 pairs for six models) look things up instead of re-scanning forty routes each time.
/// </summary>
internal sealed class ModelFacts
{
    private ModelFacts(int index, ComparedModel model)
    {
        Index = index;
        Model = model;
    }

    public int Index { get; }

    public ComparedModel Model { get; }

    public string Name => Model.Name;

    public string Slug => Model.Slug;

    public ModelDetails Details => Model.Details;

    /// <summary>The model's listed context window, else the largest its routes list.</summary>
    public int? Context { get; private init; }

    public int? MaxOutput { get; private init; }

    public decimal? MonthlyUsd => Model.MonthlyCost?.Usd;

    // Formatted once: the pair loops would otherwise format the same numbers dozens of times.
    public string? ContextText { get; private init; }

    public string? MaxOutputText { get; private init; }

    public string? MonthlyText { get; private init; }

    public string? CheapestProviderName { get; private init; }

    /// <summary>Providers with a served (not weights-only) route, one entry per provider, in route order.</summary>
    public IReadOnlyList<ServedProvider> Providers { get; private init; } = [];

    public IReadOnlyDictionary<string, ServedProvider> ProvidersBySlug { get; private init; } = new Dictionary<string, ServedProvider>();

    public int ServedRoutes { get; private init; }

    public IReadOnlyList<string> WeightsDownloads { get; private init; } = [];

    public IReadOnlyDictionary<string, BenchmarkResult> Benchmarks { get; private init; } = new Dictionary<string, BenchmarkResult>();

    public MeasuredEvidence? Measured { get; private init; }

    public bool HasRuns => Measured is { Runs: > 0 };

    public IReadOnlyDictionary<string, EvaluationEvidence> Evaluations { get; private init; } = new Dictionary<string, EvaluationEvidence>();

    public static ModelFacts Build(int index, ComparedModel model, MeasuredEvidence? measured, IEnumerable<EvaluationEvidence> evaluations)
    {
        var served = model.Routes.Where(r => !r.IsWeightsOnly).ToList();
        var providers = new Dictionary<string, ServedProvider>(StringComparer.Ordinal);
        var inRouteOrder = new List<ServedProvider>();
        foreach (var route in served)
        {
            var provider = new ServedProvider(route.ProviderSlug, route.ProviderName, route.ProviderModelId);
            if (providers.TryAdd(route.ProviderSlug, provider))
            {
                inRouteOrder.Add(provider);
            }
        }

        var context = model.Details.ContextWindow ?? model.Routes.Max(r => r.ContextWindow);
        var maxOutput = model.Details.MaxOutputTokens ?? model.Routes.Max(r => r.MaxOutputTokens);
        return new ModelFacts(index, model)
        {
            Context = context,
            MaxOutput = maxOutput,
            ContextText = context is { } c ? AnalysisText.Tokens(c) : null,
            MaxOutputText = maxOutput is { } o ? AnalysisText.Tokens(o) : null,
            MonthlyText = model.MonthlyCost is { } cost ? AnalysisText.Usd(cost.Usd) : null,
            CheapestProviderName = model.MonthlyCost is { } cheapest ? NameOf(model, cheapest.ProviderSlug) : null,
            Providers = inRouteOrder,
            ProvidersBySlug = providers,
            ServedRoutes = served.Count,
            WeightsDownloads = model.Routes.Where(r => r.IsWeightsOnly).Select(r => r.ProviderName).Distinct().ToList(),
            Benchmarks = BestBenchmarks(model.Details.Benchmarks),
            Measured = measured,
            Evaluations = FirstPerLabel(evaluations),
        };
    }

    private static string NameOf(ComparedModel model, string providerSlug) =>
        model.Routes.FirstOrDefault(r => r.ProviderSlug == providerSlug)?.ProviderName ?? providerSlug;

    /// <summary>Where sources give a benchmark twice, the better result counts.</summary>
    private static Dictionary<string, BenchmarkResult> BestBenchmarks(IReadOnlyList<BenchmarkView> benchmarks)
    {
        var best = new Dictionary<string, BenchmarkResult>(StringComparer.OrdinalIgnoreCase);
        foreach (var b in benchmarks.Where(b => b.ScaleMax > 0))
        {
            var name = string.IsNullOrWhiteSpace(b.Variant) ? b.Benchmark : $"{b.Benchmark} ({b.Variant})";
            var result = new BenchmarkResult(name, (double)(b.Score / b.ScaleMax), b.Score, b.ScaleMax);
            if (!best.TryGetValue(name, out var seen) || seen.Fraction < result.Fraction)
            {
                best[name] = result;
            }
        }

        return best;
    }

    private static Dictionary<string, EvaluationEvidence> FirstPerLabel(IEnumerable<EvaluationEvidence> evaluations)
    {
        var byLabel = new Dictionary<string, EvaluationEvidence>(StringComparer.OrdinalIgnoreCase);
        foreach (var e in evaluations)
        {
            byLabel.TryAdd(e.Label, e);
        }

        return byLabel;
    }
}
