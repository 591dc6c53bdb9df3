namespace ModelHub.Web.Features.Catalog;

public static class CatalogRules
{
    public const int MaxSlugLength = 120;
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;

    /// <summary>
    /// Rows before a page, counted in long so a huge page number gives an empty last page instead of
    /// overflowing back to the first.
    /// </summary>
    public static int PageOffset(int page, int pageSize) => (int)Math.Min((Math.Max(1, page) - 1L) * pageSize, int.MaxValue);
    public const int MaxProviderModelIdLength = 300;

    // Hand-edited text; the database columns use the same numbers.
    public const int MaxNameLength = 200;
    public const int MaxLabLength = 200;
    public const int MaxFamilyLength = 100;
    public const int MaxDescriptionLength = 4_000;
    public const int MaxArchitectureLength = 1_000;
    public const int MaxKnowledgeCutoffLength = 100;
    public const int MaxLicenseLength = 200;
    public const int MaxLanguagesLength = 500;
    public const int MaxHuggingFaceIdLength = 200;
    public const int MaxQuantizationLength = 50;
    public const int MaxRouteNotesLength = 2_000;
    public const int MaxBenchmarkNameLength = 100;
    public const int MaxProviderUrlLength = 500;
    public const int MaxApiKeyVariableLength = 100;

    /// <summary>
    /// Whether a provider could list this model ID. Real IDs use letters, digits and <c>. _ - : / @ + = ~</c>
    /// (<c>us.anthropic.claude-3-5-haiku-20241022-v1:0</c>, <c>@cf/meta/…</c>, <c>hf:zai-org/GLM-4.5</c>); spaces,
    /// quotes, control and shell characters only appear in a file written to attack the request examples.
    /// </summary>
    public static bool IsPlausibleModelId(string id) =>
        id.Length is > 0 and <= MaxProviderModelIdLength
        && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or ':' or '/' or '@' or '+' or '=' or '~');

    /// <summary>The wanted slug, or it with "-2", "-3"… when taken; the one returned is added to <paramref name="taken"/>.</summary>
    public static string UniqueSlug(ISet<string> taken, string wanted)
    {
        wanted = wanted.Length == 0 ? "model" : wanted;
        var slug = wanted;
        for (var n = 2; !taken.Add(slug); n++)
        {
            var suffix = $"-{n}";
            slug = (wanted.Length + suffix.Length > MaxSlugLength ? wanted[..(MaxSlugLength - suffix.Length)] : wanted) + suffix;
        }

        return slug;
    }

    /// <summary>A value for a message: control characters shown as '?', cut to 120 characters.</summary>
    public static string Printable(string value)
    {
        var shown = new string(value.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return shown.Length > 120 ? shown[..120] + "…" : shown;
    }
}
