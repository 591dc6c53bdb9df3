using System.Globalization;

namespace ModelHub.Web.Features.Evaluations;

/// <summary>
/// What the leaderboard page shows, as its address carries it: <c>tag</c>, <c>rubric</c> (an id), <c>from</c> and
/// <c>to</c> (yyyy-MM-dd, UTC days, inclusive), and <c>by=route</c> for standings per provider route.
/// </summary>
public sealed record LeaderboardState(string? Tag, Guid? RubricId, DateOnly? From, DateOnly? To, bool ByRoute)
{
    private const string DayFormat = "yyyy-MM-dd";

    public static readonly LeaderboardState None = new(null, null, null, null, false);

    public LeaderboardFilter Filter => new(Tag, RubricId, From, To);

    public bool HasFilters => Tag is not null || RubricId is not null || From is not null || To is not null;

    public LeaderboardState WithTag(string? tag) => this with { Tag = string.IsNullOrWhiteSpace(tag) ? null : tag.Trim() };

    public LeaderboardState WithRubric(string? id) => this with { RubricId = Guid.TryParse(id, out var rubric) ? rubric : null };

    public LeaderboardState WithFrom(string? day) => this with { From = ParseDay(day) };

    public LeaderboardState WithTo(string? day) => this with { To = ParseDay(day) };

    /// <summary>The address's query for this state; absent values remove their parameter.</summary>
    public IReadOnlyDictionary<string, object?> Query() => new Dictionary<string, object?>
    {
        ["tag"] = Tag,
        ["rubric"] = RubricId?.ToString(),
        ["from"] = Day(From),
        ["to"] = Day(To),
        ["by"] = ByRoute ? "route" : null,
    };

    /// <summary>Reads the address; a value that cannot be read is named in <paramref name="problem"/> (and left out).</summary>
    public static LeaderboardState Parse(string? tag, string? rubric, string? from, string? to, string? by, out string? problem)
    {
        problem = null;
        Guid? rubricId = null;
        if (!string.IsNullOrWhiteSpace(rubric))
        {
            if (Guid.TryParse(rubric, out var id))
            {
                rubricId = id;
            }
            else
            {
                problem = $"rubric: '{rubric}' in the address is not a rubric id. Choose a rubric from the list.";
            }
        }

        var fromDay = ParseDay(from);
        var toDay = ParseDay(to);
        if (!string.IsNullOrWhiteSpace(from) && fromDay is null)
        {
            problem = $"from: '{from}' in the address is not a date; use yyyy-mm-dd, such as 2026-11-01.";
        }

        if (!string.IsNullOrWhiteSpace(to) && toDay is null)
        {
            problem = $"to: '{to}' in the address is not a date; use yyyy-mm-dd, such as 2026-11-30.";
        }

        return new LeaderboardState(string.IsNullOrWhiteSpace(tag) ? null : tag.Trim(), rubricId, fromDay, toDay,
            string.Equals(by, "route", StringComparison.OrdinalIgnoreCase));
    }

    public static string? Day(DateOnly? day) => day?.ToString(DayFormat, CultureInfo.InvariantCulture);

    /// <summary>What the criterion's table shows: "mean score", "pass rate" or "label counts".</summary>
    public static string KindText(CriterionBoard board) => board.Kind switch
    {
        nameof(CriterionKind.Boolean) => "pass rate",
        nameof(CriterionKind.Numeric) => "mean score",
        _ => "label counts",
    };

    private static DateOnly? ParseDay(string? day) =>
        DateOnly.TryParseExact(day?.Trim(), DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null;
}
