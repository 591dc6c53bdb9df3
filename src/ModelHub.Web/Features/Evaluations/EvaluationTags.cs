using System.Text.RegularExpressions;
using ModelHub.Web.Features.Common;

namespace ModelHub.Web.Features.Evaluations;

/// <summary>
/// Tags as people type them ("Support Tickets", "#rag") evened out to one spelling ("support-tickets", "rag")
/// and stored as <c>|a|b|</c>, so a tag filter is one LIKE on every database.
/// </summary>
public static partial class EvaluationTags
{
    public static IReadOnlyList<string> Normalize(IEnumerable<string?>? tags)
    {
        var result = new List<string>();
        foreach (var raw in tags ?? [])
        {
            if (Normalize(raw) is not { } tag)
            {
                continue;
            }

            TextLimit.Check(tag, EvaluationLimits.MaxTagLength, "tags");
            if (!result.Contains(tag))
            {
                result.Add(tag);
            }
        }

        if (result.Count > EvaluationLimits.MaxTags)
        {
            throw new InvalidInputException($"tags: at most {EvaluationLimits.MaxTags}; this has {result.Count}.");
        }

        return result;
    }

    /// <summary>One tag evened out, or null when nothing usable is left.</summary>
    public static string? Normalize(string? raw)
    {
        var tag = Separators().Replace((raw ?? "").Trim().TrimStart('#').ToLowerInvariant(), "-").Trim('-');
        return tag.Length == 0 ? null : tag;
    }

    public static string ToColumn(IReadOnlyList<string> tags) => tags.Count == 0 ? "" : $"|{string.Join('|', tags)}|";

    public static IReadOnlyList<string> FromColumn(string? column) =>
        string.IsNullOrEmpty(column) ? [] : column.Split('|', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The LIKE pattern that finds one tag in the column.</summary>
    public static string Pattern(string tag) => SqlLike.Containing($"|{tag}|");

    [GeneratedRegex(@"[\s|,;_]+")]
    private static partial Regex Separators();
}
