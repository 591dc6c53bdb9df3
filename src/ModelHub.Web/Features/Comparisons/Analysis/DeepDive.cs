using ModelHub.Web.Features.Catalog;
using static ModelHub.Web.Features.Comparisons.Analysis.AnalysisText;

namespace ModelHub.Web.Features.Comparisons.Analysis;

/// <summary>The deep dive: capabilities, pricing, providers, limits and a closing paragraph, each from the data.</summary>
internal static class DeepDive
{
    public static IReadOnlyList<string> Write(AnalysisContext c, string verdict) =>
        c.Count == 0 ? [] : [Capabilities(c), Pricing(c), Providers(c), Limits(c), Closing(c, verdict)];

    private static string Capabilities(AnalysisContext c)
    {
        var differing = Differing(c, AnalysisFlags.Capabilities, (m, f) => m.Details.Capabilities.HasFlag(f), Capability);
        var inputs = Differing(c, AnalysisFlags.Modalities, (m, f) => m.Details.InputModalities.HasFlag(f), f => $"{Modality(f)} input");
        var common = AnalysisText.Capabilities(c.Models.Aggregate(~ModelCapability.None, (all, m) => all & m.Details.Capabilities));

        var text = differing.Count > 0 ? $"The capability footprint differs on {List(differing)}."
            : common.Length > 0 ? $"The listed capabilities are the same for {Everyone(c)}."
            : c.Count == 2 ? "Neither model lists a capability flag." : $"None of the {Word(c.Count)} models lists a capability flag.";
        text += common.Length > 0 ? $" {Everyone(c, capitalised: true)} list {common}." : "";
        text += inputs.Count == 0 ? "" : $" Input differs too: {List(inputs)}.";
        return differing.Count + inputs.Count == 0 ? text
            : text + " Use those differences to decide which features the workload really depends on before comparing price.";
    }

    /// <summary>"Vision (only B)", "Tool calling (A and C)": the flags some models have and others lack.</summary>
    private static List<string> Differing<TFlag>(AnalysisContext c, IEnumerable<TFlag> flags, Func<ModelFacts, TFlag, bool> has, Func<TFlag, string> name) =>
        flags.Select(f => (Flag: f, Names: c.Models.Where(m => has(m, f)).Select(m => m.Name).ToList()))
            .Where(x => x.Names.Count > 0 && x.Names.Count < c.Count)
            .Select(x => $"{name(x.Flag)} ({(x.Names.Count == 1 ? "only " : "")}{List(x.Names)})")
            .ToList();

    private static string Pricing(AnalysisContext c)
    {
        var priced = c.Models.Where(m => m.MonthlyUsd is not null).ToList();
        var perModel = List(c.Models.Select(PriceOf).ToList());
        var coverage = priced.Count == c.Count ? "Pricing is sourced for every model" : priced.Count == 0 ? "No model here has a complete token price" : "Pricing coverage is uneven";
        var text = $"{coverage} at {Workload(c.Workload)}: {perModel}.";
        if (priced.Count >= 2)
        {
            var low = priced.Min(m => m.MonthlyUsd!.Value);
            var high = priced.Max(m => m.MonthlyUsd!.Value);
            text += low == high ? $" The priced models cost the same, {Usd(low)} a month." : $" The spread runs from {Usd(low)} to {Usd(high)} a month.";
        }

        return priced.Count < c.Count
            ? text + " Treat unknown pricing as an integration gap and verify the route you will call before estimating production spend."
            : text;
    }

    private static string PriceOf(ModelFacts m)
    {
        if (m.MonthlyUsd is not { } usd)
        {
            return $"{m.Name} has no complete token price yet";
        }

        var route = m.Model.Routes.FirstOrDefault(r => r.ProviderSlug == m.Model.MonthlyCost!.ProviderSlug && r.ProviderModelId == m.Model.MonthlyCost.ProviderModelId);
        var rates = route is null ? "" : $" ({CatalogFormat.Price(route.InputPricePerMillion)}/1M input, {CatalogFormat.Price(route.OutputPricePerMillion)}/1M output)";
        return $"{m.Name} costs {m.MonthlyText} a month on {m.CheapestProviderName}{rates}";
    }

    private static string Providers(AnalysisContext c)
    {
        var routes = List(c.Models.Select(m => m.ServedRoutes == 0
            ? $"{m.Name} has no tracked provider route"
            : $"{m.Name} has {Plural(m.ServedRoutes, "tracked route")} ({ShortList(m.Providers.Select(p => p.Name).ToList(), 3)})").ToList());
        var everywhere = c.Models[0].Providers.Where(p => c.Models.All(m => m.ProvidersBySlug.ContainsKey(p.Slug))).Select(p => p.Name).ToList();
        var pairs = c.Count * (c.Count - 1) / 2;
        var apart = PairsWithoutSharedProvider(c);
        var shared = everywhere.Count > 0
            ? $" {Everyone(c, capitalised: true)} can be called on {ShortList(everywhere)}, which keeps fallback and switching cheap."
            : apart == 0 ? " Every pair shares at least one provider."
            : pairs == 1 ? " They share no provider, so switching means SDK, billing or endpoint changes."
            : $" {apart} of the {pairs} pairs share no provider, so switching between them means SDK, billing or endpoint changes.";
        return $"Provider availability: {routes}.{shared}";
    }

    private static int PairsWithoutSharedProvider(AnalysisContext c)
    {
        var apart = 0;
        for (var i = 0; i < c.Count; i++)
        {
            for (var j = i + 1; j < c.Count; j++)
            {
                apart += c.Models[i].Providers.Any(p => c.Models[j].ProvidersBySlug.ContainsKey(p.Slug)) ? 0 : 1;
            }
        }

        return apart;
    }

    private static string Limits(AnalysisContext c) =>
        $"Context windows: {Listing(c, m => m.Context, m => m.ContextText)}. Maximum output: {Listing(c, m => m.MaxOutput, m => m.MaxOutputText)}."
        + " Confirm the provider-specific limits on the route you plan to call; they can be lower than the model's.";

    /// <summary>Known values largest first, then the models that list none.</summary>
    private static string Listing(AnalysisContext c, Func<ModelFacts, int?> value, Func<ModelFacts, string?> text)
    {
        var known = c.Models.Where(m => value(m) is not null).OrderByDescending(m => value(m)).Select(m => $"{m.Name} {text(m)}").ToList();
        var unknown = c.Models.Where(m => value(m) is null).Select(m => m.Name).ToList();
        var listed = known.Count == 0 ? "none listed" : List(known);
        return unknown.Count == 0 || known.Count == 0 ? listed : $"{listed}; {List(unknown)} {Verb(unknown.Count, "does", "do")} not list one";
    }

    private static string Closing(AnalysisContext c, string verdict)
    {
        var measured = c.Models.Count(m => m.HasRuns);
        var evidence = measured == 0
            ? "No linked runs measure these models yet, so speed and answer quality are still unproven here."
            : $"Linked runs have measured {Word(measured)} of the {Word(c.Count)} models so far.";
        return $"{verdict} {evidence} For production, rerun your own prompts through the exact provider route, region and tool stack you plan to ship: "
            + "provider packaging changes cost, latency and which capabilities are exposed, and that separates a benchmark win from a reliable deployment.";
    }

    private static string Everyone(AnalysisContext c, bool capitalised = false) =>
        c.Count == 2 ? (capitalised ? "Both" : "both") : $"{(capitalised ? "All" : "all")} {Word(c.Count)}";
}
