namespace ModelHub.Web.Features.Comparisons.Analysis;

/// <summary>The inputs of one analysis, with each model's facts and must-have failures worked out once.</summary>
internal sealed class AnalysisContext
{
    public AnalysisContext(
        IReadOnlyList<ComparedModel> models,
        ComparisonWorkload workload,
        ComparisonRequirements requirements,
        ComparisonWeights weights,
        IReadOnlyList<MeasuredEvidence> measured,
        IReadOnlyList<EvaluationEvidence> evaluations)
    {
        Workload = workload;
        Requirements = requirements;
        Weights = weights;
        var measuredBySlug = new Dictionary<string, MeasuredEvidence>(StringComparer.OrdinalIgnoreCase);
        foreach (var m in measured)
        {
            measuredBySlug.TryAdd(m.ModelSlug, m);
        }

        var evaluationsBySlug = evaluations.ToLookup(e => e.ModelSlug, StringComparer.OrdinalIgnoreCase);
        Models = models.Select((m, i) => ModelFacts.Build(i, m, measuredBySlug.GetValueOrDefault(m.Slug), evaluationsBySlug[m.Slug])).ToList();
        Failures = Models.Select(m => MustHaves.Failures(m, requirements)).ToList();
        Passing = Models.Where(m => Failures[m.Index].Count == 0).ToList();
        EvaluationLabels = evaluations.Select(e => e.Label).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        SharedBenchmarks = SharedBenchmarksOf(Models);
    }

    public IReadOnlyList<ModelFacts> Models { get; }

    public ComparisonWorkload Workload { get; }

    public ComparisonRequirements Requirements { get; }

    public ComparisonWeights Weights { get; }

    /// <summary>Per model, in the models' order: the must-haves it misses, as sentences.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Failures { get; }

    public IReadOnlyList<ModelFacts> Passing { get; }

    public IReadOnlyList<string> EvaluationLabels { get; }

    /// <summary>Benchmarks every compared model has a result for, in the first model's order.</summary>
    public IReadOnlyList<string> SharedBenchmarks { get; }

    public int Count => Models.Count;

    public IEnumerable<ModelFacts> Others(ModelFacts model) => Models.Where(m => m.Index != model.Index);

    public static IReadOnlyList<string> SharedBenchmarksOf(IReadOnlyList<ModelFacts> models) =>
        models.Count == 0 ? [] : models[0].Benchmarks.Keys.Where(key => models.All(m => m.Benchmarks.ContainsKey(key))).ToList();
}
