using System.Globalization;

namespace ModelHub.Web.Features.Catalog;

/// <summary>How two models' values of a fact compare, so the compare view can mark the better one.</summary>
public enum FactComparison
{
    None,
    HigherIsBetter,
    LowerIsBetter,
}

/// <summary>Where a fact is listed.</summary>
[Flags]
public enum FactUse
{
    None = 0,

    /// <summary>A row of the model page's specification table.</summary>
    Specification = 1,

    /// <summary>A row of the compare table.</summary>
    Compare = 2,

    /// <summary>A CSV export column (named <see cref="ModelFact.Name"/>).</summary>
    Export = 4,
}

/// <summary>
/// One fact about a model: its stable name (the CSV column), the label people read, its unit, how values
/// compare, and how it reads on a page, compactly in a table and as export text.
/// </summary>
public sealed record ModelFact(
    string Name,
    string Label,
    string? Unit,
    FactComparison Comparison,
    FactUse Use,
    Func<ModelDetails, string> Display,
    Func<ModelDetails, string?> Export,
    Func<ModelDetails, decimal?>? Number = null,
    Func<ModelDetails, string>? Compact = null)
{
    /// <summary>The value for narrow tables (the compare view): "131K" where <see cref="Display"/> says "131,072 tokens".</summary>
    public string CompactText(ModelDetails model) => (Compact ?? Display)(model);
}

/// <summary>
/// The catalog's model facts, described once: the model page's specification table, the compare table and
/// the CSV export columns all list from here, in this order. A new fact is one line here (and its column in
/// <see cref="ModelDetails"/>, whose JSON names the API and JSON export keep).
/// </summary>
public static class ModelFacts
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static IReadOnlyList<ModelFact> All { get; } =
    [
        new("slug", "Slug", null, FactComparison.None, FactUse.Export, m => m.Slug, m => m.Slug),
        new("name", "Name", null, FactComparison.None, FactUse.Export, m => m.Name, m => m.Name),
        new("lab", "Lab", null, FactComparison.None, FactUse.Specification | FactUse.Compare | FactUse.Export, m => m.Lab, m => m.Lab),
        new("family", "Family", null, FactComparison.None, FactUse.Specification | FactUse.Export, m => m.Family ?? "–", m => m.Family),
        new("release_date", "Released", null, FactComparison.None, FactUse.Specification | FactUse.Compare | FactUse.Export,
            m => Date(m.ReleaseDate) ?? "–", m => Date(m.ReleaseDate)),
        new("parameters_billions", "Parameters", "billion", FactComparison.None, FactUse.Specification | FactUse.Compare | FactUse.Export,
            m => m.ParametersBillions is { } p ? CatalogFormat.Parameters(p, m.ActiveParametersBillions) : "–", m => Number(m.ParametersBillions), m => m.ParametersBillions),
        new("active_parameters_billions", "Active parameters", "billion", FactComparison.None, FactUse.Export,
            m => m.ActiveParametersBillions is { } a ? $"{a.ToString("0.##", Invariant)}B" : "–", m => Number(m.ActiveParametersBillions)),
        new("architecture", "Architecture", null, FactComparison.None, FactUse.Specification, m => m.Architecture ?? "–", m => m.Architecture),
        new("context_window", "Context window", "tokens", FactComparison.HigherIsBetter, FactUse.Specification | FactUse.Compare | FactUse.Export,
            m => $"{m.ContextWindow?.ToString("N0", Invariant) ?? "–"} tokens", m => m.ContextWindow?.ToString(Invariant), m => m.ContextWindow,
            m => CatalogFormat.Tokens(m.ContextWindow)),
        new("max_output_tokens", "Max output", "tokens", FactComparison.HigherIsBetter, FactUse.Specification | FactUse.Compare | FactUse.Export,
            m => m.MaxOutputTokens is { } max ? $"{max.ToString("N0", Invariant)} tokens" : "Not disclosed", m => m.MaxOutputTokens?.ToString(Invariant), m => m.MaxOutputTokens,
            m => CatalogFormat.Tokens(m.MaxOutputTokens)),
        new("knowledge_cutoff", "Knowledge cutoff", null, FactComparison.None, FactUse.Specification | FactUse.Export, m => m.KnowledgeCutoff ?? "–", m => m.KnowledgeCutoff),
        new("license", "Licence", null, FactComparison.None, FactUse.Specification | FactUse.Compare | FactUse.Export, m => m.License ?? "Unknown", m => m.License),
        new("open_weights", "Open weights", null, FactComparison.None, FactUse.Specification | FactUse.Compare | FactUse.Export,
            m => CatalogText.YesNo(m.OpenWeights), m => m.OpenWeights switch { true => "true", false => "false", null => "" }),
        new("input_modalities", "Input", null, FactComparison.None, FactUse.Specification | FactUse.Compare | FactUse.Export,
            m => CatalogText.Modalities(m.InputModalities), m => Flags(m.InputModalities)),
        new("output_modalities", "Output", null, FactComparison.None, FactUse.Specification | FactUse.Export,
            m => CatalogText.Modalities(m.OutputModalities), m => Flags(m.OutputModalities)),
        new("capabilities", "Capabilities", null, FactComparison.None, FactUse.Export,
            m => string.Join(", ", CatalogText.Capabilities(m.Capabilities)), m => Flags(m.Capabilities)),
        new("languages", "Languages", null, FactComparison.None, FactUse.Specification, m => m.Languages ?? "–", m => m.Languages),
        new("hugging_face_id", "Hugging Face", null, FactComparison.None, FactUse.Specification | FactUse.Export, m => m.HuggingFaceId ?? "–", m => m.HuggingFaceId),
        new("status", "Status", null, FactComparison.None, FactUse.Export, m => m.Status.ToString(), m => m.Status.ToString()),
        new("cheapest_route", "Cheapest route", null, FactComparison.None, FactUse.Compare | FactUse.Export,
            m => m.CheapestRoute is { } r ? $"{r.ProviderName} ({r.ProviderModelId})" : "None tracked",
            m => m.CheapestRoute is { } r ? $"{r.ProviderSlug}:{r.ProviderModelId}" : null),
        new("cheapest_input_usd_per_million", "Input $/1M", "USD per 1M tokens", FactComparison.LowerIsBetter, FactUse.Compare | FactUse.Export,
            m => m.CheapestRoute is { } r ? CatalogFormat.Price(r.InputPricePerMillion, r.IsFree) : "–",
            m => Number(m.CheapestRoute?.InputPricePerMillion), m => m.CheapestRoute is { } r ? r.InputPricePerMillion ?? (r.IsFree ? 0 : null) : null),
        new("cheapest_output_usd_per_million", "Output $/1M", "USD per 1M tokens", FactComparison.LowerIsBetter, FactUse.Compare | FactUse.Export,
            m => m.CheapestRoute is { } r ? CatalogFormat.Price(r.OutputPricePerMillion, r.IsFree) : "–",
            m => Number(m.CheapestRoute?.OutputPricePerMillion), m => m.CheapestRoute is { } r ? r.OutputPricePerMillion ?? (r.IsFree ? 0 : null) : null),
        new("provider_routes", "Provider routes", null, FactComparison.HigherIsBetter, FactUse.Compare,
            m => m.Routes.Count(r => !r.IsWeightsOnly).ToString(Invariant), m => m.Routes.Count(r => !r.IsWeightsOnly).ToString(Invariant),
            m => m.Routes.Count(r => !r.IsWeightsOnly)),
        new("routes", "Routes", null, FactComparison.None, FactUse.Export,
            m => string.Join(", ", m.Routes.Select(r => r.ProviderName)), m => string.Join("; ", m.Routes.Select(r => $"{r.ProviderSlug}:{r.ProviderModelId}"))),
        new("source", "Source", null, FactComparison.None, FactUse.Export, m => m.Source.Name, m => m.Source.Name),
    ];

    public static IEnumerable<ModelFact> For(FactUse use) => All.Where(f => f.Use.HasFlag(use));

    /// <summary>Which of <paramref name="models"/> hold the best value of <paramref name="fact"/>; none when it has no order or all are equal.</summary>
    public static IReadOnlySet<string> Best(ModelFact fact, IReadOnlyList<ModelDetails> models)
    {
        if (fact.Comparison == FactComparison.None || fact.Number is null)
        {
            return new HashSet<string>();
        }

        var values = models.Select(m => (m.Slug, Value: fact.Number(m))).Where(v => v.Value is not null).ToList();
        if (values.Select(v => v.Value).Distinct().Count() < 2)
        {
            return new HashSet<string>();
        }

        var best = fact.Comparison == FactComparison.HigherIsBetter ? values.Max(v => v.Value) : values.Min(v => v.Value);
        return values.Where(v => v.Value == best).Select(v => v.Slug).ToHashSet();
    }

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", Invariant);

    private static string? Number(decimal? value) => value?.ToString(Invariant);

    private static string Flags<T>(T flags) where T : struct, Enum =>
        string.Join('|', Enum.GetValues<T>().Where(f => Convert.ToInt32(f) != 0 && flags.HasFlag(f)));
}
