using System.Globalization;
using System.Text.RegularExpressions;

namespace ModelHub.Web.Features.Catalog;

/// <summary>How a model's facts are written as claims, and when two claims disagree.</summary>
public static partial class FactClaims
{
    /// <summary>The scalar facts a model row states, as the claims of the source that gave them.</summary>
    public static IEnumerable<(string Field, string Value)> Describe(CatalogModel model)
    {
        yield return ("Lab", model.Lab);
        if (model.ReleaseDate is { } released)
        {
            yield return ("Release date", released.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (model.ParametersBillions is { } parameters)
        {
            yield return ("Parameters", CatalogFormat.Parameters(parameters, model.ActiveParametersBillions));
        }

        if (model.ContextWindow is { } context)
        {
            yield return ("Context window", context.ToString("N0", CultureInfo.InvariantCulture));
        }

        if (model.MaxOutputTokens is { } maxOutput)
        {
            yield return ("Max output", maxOutput.ToString("N0", CultureInfo.InvariantCulture));
        }

        if (model.License is { } license)
        {
            yield return ("License", license);
        }

        if (model.OpenWeights is { } open)
        {
            yield return ("Open weights", open ? "Yes" : "No");
        }
    }

    /// <summary>
    /// The comparable core of a claim: lower case, with remarks in parentheses and punctuation left out,
    /// so "131,072 (shown as 131K)" agrees with "131,072" but "Yes" disagrees with "No".
    /// </summary>
    public static string Normalize(string value) =>
        NonWord().Replace(Parenthetical().Replace(value, ""), "").ToLowerInvariant();

    [GeneratedRegex(@"\([^)]*\)")]
    private static partial Regex Parenthetical();

    [GeneratedRegex(@"[^\p{L}\p{N}]+")]
    private static partial Regex NonWord();
}
