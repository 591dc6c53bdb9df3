using System.Text.RegularExpressions;
using ModelHub.Web.Features.Common;

namespace ModelHub.Web.Features.Playground.Prompts;

/// <summary><c>{{name}}</c> placeholders in saved prompts: which there are, and the text with them filled in.</summary>
public static partial class PromptTemplate
{
    [GeneratedRegex(@"\{\{\s*([A-Za-z_][A-Za-z0-9_\-]*)\s*\}\}")]
    private static partial Regex Placeholder();

    /// <summary>The variable names in order of first appearance, each once.</summary>
    public static IReadOnlyList<string> Variables(params string?[] texts) =>
        [.. texts.Where(t => t is not null).SelectMany(t => Placeholder().Matches(t!).Select(m => m.Groups[1].Value)).Distinct(StringComparer.Ordinal)];

    /// <summary>Fills every placeholder; a variable left empty is refused by name, so nothing half-filled is sent.</summary>
    public static string Fill(string text, IReadOnlyDictionary<string, string?> values)
    {
        var missing = Variables(text).Where(v => string.IsNullOrEmpty(values.GetValueOrDefault(v))).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidInputException($"Fill in {string.Join(", ", missing.Select(m => "{{" + m + "}}"))} before running.");
        }

        return Placeholder().Replace(text, m => values[m.Groups[1].Value]!);
    }
}
