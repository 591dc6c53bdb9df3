namespace ModelHub.Web.Features.Comparisons;

/// <summary>The traffic a comparison is costed at.</summary>
public sealed record ComparisonWorkload(int RequestsPerDay, int InputTokensPerRequest, int OutputTokensPerRequest, decimal CachedInputShare = 0, int DaysPerMonth = 30)
{
    /// <summary>A chat assistant: short turns, some history in the prompt.</summary>
    public static readonly ComparisonWorkload ChatAssistant = new(2_000, 1_500, 400, 0.2m);

    /// <summary>Retrieval-augmented answers: long prompts of retrieved text, short answers, a cached system prompt.</summary>
    public static readonly ComparisonWorkload Rag = new(5_000, 6_000, 350, 0.3m);

    /// <summary>Batch extraction: one document in, structured fields out, no cache.</summary>
    public static readonly ComparisonWorkload BatchExtraction = new(20_000, 3_000, 600, 0m);
}

/// <summary>A route's prices in USD per million tokens.</summary>
public sealed record RoutePrices(decimal? InputPricePerMillion, decimal? OutputPricePerMillion, decimal? CachedInputPricePerMillion, bool IsFree, bool IsWeightsOnly);

/// <summary>
/// The cost formula of the comparison contract:
/// per request = (in × (1 − c) × p_in + in × c × (p_cached, else p_in) + out × p_out) / 1,000,000;
/// per month = per request × requests per day × days per month.
/// A route needs both an input and an output price; free and weights-only routes are not priced.
/// </summary>
public static class CostCalculator
{
    public static decimal? PerRequest(ComparisonWorkload w, RoutePrices route)
    {
        if (route.IsFree || route.IsWeightsOnly || route.InputPricePerMillion is not { } input || route.OutputPricePerMillion is not { } output)
        {
            return null;
        }

        var cached = route.CachedInputPricePerMillion ?? input;
        var c = w.CachedInputShare;
        return (w.InputTokensPerRequest * (1 - c) * input + w.InputTokensPerRequest * c * cached + w.OutputTokensPerRequest * output) / 1_000_000m;
    }

    public static decimal? PerMonth(ComparisonWorkload w, RoutePrices route) =>
        PerRequest(w, route) is { } perRequest ? perRequest * w.RequestsPerDay * w.DaysPerMonth : null;

    /// <summary>Why a route has no cost, for the page ("Unavailable: no complete token price"); null when it has one.</summary>
    public static string? Unpriced(RoutePrices route) => route switch
    {
        { IsWeightsOnly: true } => "Weights download: run it yourself",
        { IsFree: true } => "Free route (limits apply)",
        { InputPricePerMillion: null } or { OutputPricePerMillion: null } => "Unavailable: no complete token price",
        _ => null,
    };
}
