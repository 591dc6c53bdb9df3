using ModelHub.Web.Features.Catalog;
using static ModelHub.Web.Features.Comparisons.Analysis.AnalysisText;

namespace ModelHub.Web.Features.Comparisons.Analysis;

/// <summary>
/// Questions a reader asks of a comparison, answered from the data. Two models read "A or B";
/// more read as a group ("Which of these six models…").
/// </summary>
internal static class Faq
{
    private const string ConfirmOnRoute = "Confirm the provider-specific limits before committing to production.";

    public static IReadOnlyList<FaqEntry> Write(AnalysisContext c, string verdict, IReadOnlyList<IReadOnlyList<Reason>> reasons)
    {
        if (c.Count < 2)
        {
            return [];
        }

        return
        [
            Context(c), OpenSource(c),
            .. AnalysisFlags.Capabilities.Where(f => Differs(c, f)).Select(f => CapabilityQuestion(c, f)),
            WhereToRun(c), Cheapest(c), PickFirst(c, verdict, reasons[0]),
        ];
    }

    private static FaqEntry Context(AnalysisContext c)
    {
        var question = c.Count == 2
            ? $"Which has a larger context window, {c.Models[0].Name} or {c.Models[1].Name}?"
            : $"Which of these {Word(c.Count)} models has the largest context window?";
        var known = c.Models.Where(m => m.Context is not null).OrderByDescending(m => m.Context).ToList();
        var unknown = c.Models.Where(m => m.Context is null).Select(m => m.Name).ToList();
        var answer = known.Count switch
        {
            0 => "None of them lists a context window.",
            1 => $"Only {known[0].Name} lists one: {known[0].ContextText} tokens.",
            2 when known[0].Context == known[1].Context => $"{known[0].Name} and {known[1].Name} both support {known[0].ContextText} tokens.",
            2 => $"{known[0].Name} supports {known[0].ContextText} tokens, while {known[1].Name} supports {known[1].ContextText} tokens.",
            _ => Ranked(known),
        };
        if (unknown.Count > 0 && known.Count > 1)
        {
            answer += $" {List(unknown)} {Verb(unknown.Count, "does", "do")} not list one.";
        }

        return new(question, $"{answer} That gap matters most for long documents, large codebases and retrieval-heavy prompts. {ConfirmOnRoute}");
    }

    /// <summary>"A has the largest, 1M tokens; then B (262K) and C (131K)." Models that tie at the top are named together.</summary>
    private static string Ranked(IReadOnlyList<ModelFacts> known)
    {
        var top = known.Where(m => m.Context == known[0].Context).Select(m => m.Name).ToList();
        var rest = known.Where(m => m.Context < known[0].Context).Select(m => $"{m.Name} ({m.ContextText})").ToList();
        var largest = $"{List(top)} {Verb(top.Count, "has", "have")} the largest, {known[0].ContextText} tokens";
        return rest.Count == 0 ? $"{largest}." : $"{largest}; then {List(rest)}.";
    }

    private static FaqEntry OpenSource(AnalysisContext c)
    {
        var question = c.Count == 2
            ? $"Is {c.Models[0].Name} or {c.Models[1].Name} open source?"
            : $"Which of these {Word(c.Count)} models are open source?";
        var lines = c.Models.Select(m => (m.Details.OpenWeights, Licence: m.Details.License) switch
        {
            (null, null or "") => $"{m.Name} lists neither a licence nor whether its weights are open.",
            (null, var licence) => $"{m.Name} is listed under {licence}; whether its weights are open is not listed.",
            (true, null or "") => $"{m.Name} has open weights; no licence is listed.",
            (true, var licence) => $"{m.Name} has open weights under {licence}.",
            (false, null or "") => $"{m.Name} does not have open weights; no licence is listed.",
            (false, var licence) => $"{m.Name} does not have open weights; it is listed under {licence}.",
        });
        return new(question, $"{string.Join(" ", lines)} Licence labels decide whether you can self-host, redistribute weights or rely only on hosted APIs, so confirm the upstream licence before deployment.");
    }

    private static bool Differs(AnalysisContext c, ModelCapability flag)
    {
        var having = c.Models.Count(m => m.Details.Capabilities.HasFlag(flag));
        return having > 0 && having < c.Count;
    }

    private static FaqEntry CapabilityQuestion(AnalysisContext c, ModelCapability flag)
    {
        var name = Capability(flag).ToLowerInvariant();
        var question = c.Count == 2
            ? $"Which is better for {name}, {c.Models[0].Name} or {c.Models[1].Name}?"
            : $"Which of these {Word(c.Count)} models support {name}?";
        var having = c.Models.Where(m => m.Details.Capabilities.HasFlag(flag)).Select(m => m.Name).ToList();
        var lacking = c.Models.Where(m => !m.Details.Capabilities.HasFlag(flag)).Select(m => m.Name).ToList();
        var answer = having.Count == 1
            ? $"Only {having[0]} lists {name}; {List(lacking)} {Verb(lacking.Count, "does", "do")} not."
            : $"{List(having)} list {name}; {List(lacking)} {Verb(lacking.Count, "does", "do")} not.";
        return new(question, $"{answer} If {name} is mission-critical, validate it against the provider endpoint: model-level support and what the API exposes can differ.");
    }

    private static FaqEntry WhereToRun(AnalysisContext c)
    {
        var question = c.Count == 2
            ? $"Where can I run {c.Models[0].Name} and {c.Models[1].Name}?"
            : $"Where can I run these {Word(c.Count)} models?";
        var lines = c.Models.Select(m =>
        {
            var served = m.Providers.Count == 0
                ? $"{m.Name} has no tracked provider route"
                : $"{m.Name} is available on {ShortList(m.Providers.Select(p => p.Name).ToList())}";
            var weights = m.WeightsDownloads.Count == 0 ? "" : $"; its weights can be downloaded from {List(m.WeightsDownloads)}";
            return $"{served}{weights}.";
        });
        return new(question, $"{string.Join(" ", lines)} Provider coverage affects latency, region availability, compliance posture and fallback options.");
    }

    private static FaqEntry Cheapest(AnalysisContext c)
    {
        var question = c.Count == 2
            ? $"Which is cheaper at this workload, {c.Models[0].Name} or {c.Models[1].Name}?"
            : $"Which of these {Word(c.Count)} models is cheapest at this workload?";
        var priced = c.Models.Where(m => m.MonthlyUsd is not null).OrderBy(m => m.MonthlyUsd).ThenBy(m => m.Index).ToList();
        var unpriced = c.Models.Where(m => m.MonthlyUsd is null).Select(m => m.Name).ToList();
        if (priced.Count == 0)
        {
            return new(question, $"None of them can be costed at {Workload(c.Workload)}: no tracked route has a complete token price.");
        }

        var cheapest = priced[0];
        var answer = $"At {Workload(c.Workload)}, {cheapest.Name} costs least: {cheapest.MonthlyText} a month on {cheapest.CheapestProviderName}";
        answer += priced.Count > 1 ? $", {Usd(priced[1].MonthlyUsd!.Value - cheapest.MonthlyUsd!.Value)} less than {priced[1].Name}." : ".";
        if (unpriced.Count > 0)
        {
            answer += $" {List(unpriced)} {Verb(unpriced.Count, "has", "have")} no complete token price, so {Verb(unpriced.Count, "it", "they")} cannot be costed.";
        }

        return new(question, answer);
    }

    private static FaqEntry PickFirst(AnalysisContext c, string verdict, IReadOnlyList<Reason> reasons)
    {
        var first = c.Models[0];
        var question = c.Count == 2
            ? $"When should I pick {first.Name} over {c.Models[1].Name}?"
            : $"When should I pick {first.Name} over the other {Word(c.Count - 1)}?";
        var why = reasons.Count == 0
            ? $"No tracked signal favours {first.Name} over the others; test it on your own prompts."
            : string.Join(" ", reasons.Select(r => r.Sentence));
        return new(question, $"{verdict} {why}");
    }
}
