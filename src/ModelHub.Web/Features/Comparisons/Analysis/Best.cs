namespace ModelHub.Web.Features.Comparisons.Analysis;

/// <summary>Which models hold the best known value of a signal. Unknown values never lead.</summary>
internal static class Best
{
    /// <summary>Indexes of every model with the best known value; empty when no model has one.</summary>
    public static IReadOnlyList<int> Of(IEnumerable<ModelFacts> models, Func<ModelFacts, double?> value, bool highest = true)
    {
        double? best = null;
        var leaders = new List<int>();
        foreach (var model in models)
        {
            if (value(model) is not { } v)
            {
                continue;
            }

            if (best is null || (highest ? v > best : v < best))
            {
                best = v;
                leaders.Clear();
            }

            if (v == best)
            {
                leaders.Add(model.Index);
            }
        }

        return leaders;
    }

    /// <summary>Leaders for a scorecard row: none when every model ties, since then nothing separates them.</summary>
    public static IReadOnlyList<int> Marked(IReadOnlyList<ModelFacts> models, Func<ModelFacts, double?> value, bool highest = true)
    {
        var leaders = Of(models, value, highest);
        return leaders.Count == models.Count ? [] : leaders;
    }

    /// <summary>The best of the other models when <paramref name="model"/> alone leads and another has a value; else null.</summary>
    public static ModelFacts? SoleLeadOver(AnalysisContext context, ModelFacts model, Func<ModelFacts, double?> value, bool highest = true)
    {
        if (Of(context.Models, value, highest) is not [var only] || only != model.Index)
        {
            return null;
        }

        return Of(context.Others(model), value, highest) is [var next, ..] ? context.Models[next] : null;
    }
}
