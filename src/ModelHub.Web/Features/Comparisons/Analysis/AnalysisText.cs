using System.Globalization;
using ModelHub.Web.Features.Catalog;

namespace ModelHub.Web.Features.Comparisons.Analysis;

/// <summary>How the analysis writes numbers, names and lists. Missing values read as words, never as 0.</summary>
internal static class AnalysisText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly string[] NumberWords = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

    public const string NoPrice = "Unavailable: no complete token price";

    /// <summary>
    /// The comparison page's money format ("$1,234.56", up to four decimals below $10). Standard and short
    /// custom formats, since this runs for every pair on every slider move.
    /// </summary>
    public static string Usd(decimal value) => value switch
    {
        < 0 => $"-{Usd(-value)}",
        < 10 => $"${value.ToString("0.00##", Invariant)}",
        _ => $"${value.ToString("N2", Invariant)}",
    };

    public static string Tokens(int tokens) => CatalogFormat.Tokens(tokens);

    public static string Number(double value, string format) => value.ToString(format, Invariant);

    public static string Count(int count) => count.ToString("#,##0", Invariant);

    public static string Word(int count) => count >= 0 && count < NumberWords.Length ? NumberWords[count] : Count(count);

    /// <summary>"A", "A and B", "A, B and C".</summary>
    public static string List(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => $"{string.Join(", ", items.Take(items.Count - 1))} and {items[^1]}",
    };

    /// <summary>A list that stays readable when a model is on forty providers.</summary>
    public static string ShortList(IReadOnlyList<string> items, int max = 5) =>
        items.Count <= max ? List(items) : $"{string.Join(", ", items.Take(max))} and {items.Count - max} more";

    /// <summary>"is"/"are" (or any singular/plural pair) by how many names a list holds.</summary>
    public static string Verb(int count, string singular, string plural) => count == 1 ? singular : plural;

    public static string Plural(int count, string noun) => count == 1 ? $"{count} {noun}" : $"{Count(count)} {noun}s";

    public static string Capability(ModelCapability capability) => CatalogText.Capability(capability);

    public static string Capabilities(ModelCapability flags) =>
        List(AnalysisFlags.Capabilities.Where(c => flags.HasFlag(c)).Select(Capability).ToList());

    public static string Modality(Modality modality) => modality.ToString().ToLowerInvariant();

    /// <summary>"Apache 2.0" and "apache-2.0" are one licence.</summary>
    public static string Normalise(string value) =>
        string.Concat(value.Where(c => !char.IsWhiteSpace(c) && c is not '-' and not '_')).ToLowerInvariant();

    public static string Workload(ComparisonWorkload w) =>
        $"{Count(w.RequestsPerDay)} requests a day of {Count(w.InputTokensPerRequest)} input and {Count(w.OutputTokensPerRequest)} output tokens";
}

/// <summary>The flags the analysis walks, in the order pages list them.</summary>
internal static class AnalysisFlags
{
    public static readonly ModelCapability[] Capabilities =
    [
        ModelCapability.Vision, ModelCapability.Reasoning, ModelCapability.ToolCalling,
        ModelCapability.StructuredOutput, ModelCapability.CodeExecution, ModelCapability.WebBrowsing,
    ];

    public static readonly Modality[] Modalities = [Modality.Text, Modality.Image, Modality.Audio, Modality.Video, Modality.File];
}
