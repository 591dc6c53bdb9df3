using ModelHub.Web.Features.Catalog;
using static ModelHub.Web.Features.Comparisons.Analysis.AnalysisText;

namespace ModelHub.Web.Features.Comparisons.Analysis;

/// <summary>What moving production traffic from one model to another involves, for every ordered pair.</summary>
internal static class Switching
{
    public static IReadOnlyList<SwitchFriction> AllPairs(AnalysisContext c)
    {
        var switches = new List<SwitchFriction>(c.Count * (c.Count - 1));
        foreach (var from in c.Models)
        {
            foreach (var to in c.Models.Where(to => to.Index != from.Index))
            {
                switches.Add(Between(from, to));
            }
        }

        return switches;
    }

    private static SwitchFriction Between(ModelFacts from, ModelFacts to)
    {
        var shared = from.Providers.Where(p => to.ProvidersBySlug.ContainsKey(p.Slug)).ToList();
        var change = from.MonthlyUsd is { } a && to.MonthlyUsd is { } b ? b - a : (decimal?)null;
        string?[] points =
        [
            Providers(from, to, shared), ModelId(to, shared),
            CapabilitiesLost(from, to), CapabilitiesGained(from, to),
            Limit("Context window", from.Context, to.Context, from.ContextText, to.ContextText, "prompts over {0} tokens must be cut"),
            Limit("Max output", from.MaxOutput, to.MaxOutput, from.MaxOutputText, to.MaxOutputText, "answers longer than {0} tokens will be cut off"),
            Cost(from, to, change), ModalitiesLost(from, to),
        ];
        return new SwitchFriction(from.Slug, to.Slug, from.Name, to.Name, shared.Select(p => p.Slug).ToList(), change, points.OfType<string>().ToList());
    }

    private static string Providers(ModelFacts from, ModelFacts to, IReadOnlyList<ServedProvider> shared) => shared.Count == 0
        ? $"No shared provider: plan for SDK, billing or endpoint changes when moving from {from.Name} to {to.Name}."
        : $"Both are served on {ShortList(shared.Select(p => p.Name).ToList())}, so the SDK and billing can stay.";

    /// <summary>The ID to change on the shared provider the new model is cheapest on, else the first shared one.</summary>
    private static string? ModelId(ModelFacts to, IReadOnlyList<ServedProvider> shared)
    {
        if (shared.Count == 0)
        {
            return null;
        }

        var provider = shared.FirstOrDefault(p => string.Equals(p.Slug, to.Model.MonthlyCost?.ProviderSlug, StringComparison.OrdinalIgnoreCase)) ?? shared[0];
        var target = to.ProvidersBySlug[provider.Slug];
        return provider.ModelId == target.ModelId
            ? $"On {provider.Name} both use the model ID {target.ModelId}: check which model it serves."
            : $"On {provider.Name}, change the model ID from {provider.ModelId} to {target.ModelId}.";
    }

    private static string? CapabilitiesLost(ModelFacts from, ModelFacts to)
    {
        var lost = Flags(from.Details.Capabilities & ~to.Details.Capabilities);
        return lost.Count == 0 ? null : $"Check replacement coverage for {List(lost)} before moving production traffic: {to.Name} does not list {Verb(lost.Count, "it", "them")}.";
    }

    private static string? CapabilitiesGained(ModelFacts from, ModelFacts to)
    {
        var gained = Flags(to.Details.Capabilities & ~from.Details.Capabilities);
        return gained.Count == 0 ? null : $"{to.Name} adds {List(gained)}.";
    }

    /// <summary>A token limit that shrinks, grows or goes unlisted; <paramref name="cutWhen"/> holds {0} for the new limit.</summary>
    private static string? Limit(string what, int? from, int? to, string? fromText, string? toText, string cutWhen) => (from, to) switch
    {
        ({ } a, { } b) when b < a => $"{what} shrinks from {fromText} to {toText} tokens: {cutWhen.Replace("{0}", toText, StringComparison.Ordinal)}.",
        ({ } a, { } b) when b > a => $"{what} grows from {fromText} to {toText} tokens.",
        ({ }, null) => $"{what} of the new model is not listed (now {fromText} tokens): check it on the route before moving.",
        _ => null,
    };

    private static string Cost(ModelFacts from, ModelFacts to, decimal? change) => change switch
    {
        null when to.MonthlyUsd is null => $"Cost change unknown: {to.Name} has no complete token price.",
        null => $"Cost change unknown: {from.Name} has no complete token price.",
        > 0m => $"Monthly cost at this workload rises by {Usd(change.Value)}, from {from.MonthlyText} to {to.MonthlyText}.",
        < 0m => $"Monthly cost at this workload falls by {Usd(-change.Value)}, from {from.MonthlyText} to {to.MonthlyText}.",
        _ => $"Monthly cost at this workload stays at {to.MonthlyText}.",
    };

    private static string? ModalitiesLost(ModelFacts from, ModelFacts to)
    {
        var input = Lost(from.Details.InputModalities, to.Details.InputModalities, "input");
        var output = Lost(from.Details.OutputModalities, to.Details.OutputModalities, "output");
        var lost = input.Concat(output).ToList();
        return lost.Count == 0 ? null : $"{to.Name} does not list {List(lost)}; {from.Name} does.";
    }

    private static IEnumerable<string> Lost(Modality from, Modality to, string direction) =>
        AnalysisFlags.Modalities.Where(m => from.HasFlag(m) && !to.HasFlag(m)).Select(m => $"{Modality(m)} {direction}");

    private static List<string> Flags(ModelCapability flags) =>
        AnalysisFlags.Capabilities.Where(f => flags.HasFlag(f)).Select(Capability).ToList();
}
