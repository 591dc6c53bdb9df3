using System.Globalization;
using MudBlazor;

namespace ModelHub.Web.Features.Evaluations.Notes;

/// <summary>How notes read on screen: verdicts in words (with a colour and icon only as a second cue) and times.</summary>
public static class NoteFormat
{
    public static readonly IReadOnlyList<(string Value, string Label)> Verdicts =
    [
        ("", "No verdict"),
        (nameof(NoteVerdict.Recommended), "Recommended"),
        (nameof(NoteVerdict.Acceptable), "Acceptable"),
        (nameof(NoteVerdict.NotRecommended), "Not recommended"),
    ];

    public static readonly IReadOnlyList<(string Value, string Label)> Kinds =
    [
        ("model", "Models"), ("route", "Provider routes"), ("run", "Runs"), ("runTarget", "Run answers"), ("comparison", "Comparisons"),
    ];

    public static string VerdictText(string verdict) =>
        Enum.TryParse<NoteVerdict>(verdict, out var v) ? NoteService.VerdictText(v) : verdict;

    public static Color VerdictColor(string verdict) => verdict switch
    {
        nameof(NoteVerdict.Recommended) => Color.Success,
        nameof(NoteVerdict.NotRecommended) => Color.Error,
        _ => Color.Default,
    };

    public static string VerdictIcon(string verdict) => verdict switch
    {
        nameof(NoteVerdict.Recommended) => Icons.Material.Filled.ThumbUp,
        nameof(NoteVerdict.NotRecommended) => Icons.Material.Filled.ThumbDown,
        _ => Icons.Material.Filled.Remove,
    };

    public static string Absolute(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    /// <summary>"just now", "5 minutes ago", "yesterday", "12 days ago"; past a month, the date.</summary>
    public static string Relative(DateTime utc, DateTime nowUtc)
    {
        var age = nowUtc - utc;
        return age switch
        {
            { TotalMinutes: < 1 } => "just now",
            { TotalMinutes: < 2 } => "a minute ago",
            { TotalHours: < 1 } => $"{(int)age.TotalMinutes} minutes ago",
            { TotalHours: < 2 } => "an hour ago",
            { TotalDays: < 1 } => $"{(int)age.TotalHours} hours ago",
            { TotalDays: < 2 } => "yesterday",
            { TotalDays: < 31 } => $"{(int)age.TotalDays} days ago",
            _ => utc.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
    }

    /// <summary>Whether the note was edited after it was written (a save a second or more later).</summary>
    public static bool Edited(NoteView note) => note.UpdatedAtUtc - note.CreatedAtUtc >= TimeSpan.FromSeconds(1);
}
