using System.Globalization;

// Not "…Evaluations.Leaderboard": that name is taken by the Leaderboard record, and a namespace may not share it.
namespace ModelHub.Web.Features.Evaluations;

/// <summary>A scale an interval bar is drawn on: its ends and how its numbers read.</summary>
public sealed record BarScale(double Min, double Max, Func<double, string> Format)
{
    /// <summary>Where <paramref name="value"/> sits along the scale, from 0 to 100 (clamped), for a CSS left or width.</summary>
    public double Percent(double value) => Max <= Min ? 0 : Math.Clamp((value - Min) / (Max - Min) * 100, 0, 100);
}

/// <summary>How the leaderboard's numbers read on the page: means "4.2 of 5", pass rates "80%", intervals "3.8–4.5", ratings as integers.</summary>
public static class LeaderboardFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static bool IsNumeric(CriterionBoard board) => board.Kind == nameof(CriterionKind.Numeric);

    public static bool IsBoolean(CriterionBoard board) => board.Kind == nameof(CriterionKind.Boolean);

    /// <summary>One decimal on short scales (1 to 5, 1 to 10), whole numbers on long ones (0 to 100).</summary>
    public static string Number(double value, double? min, double? max) =>
        value.ToString(max - min > 20 ? "0" : "0.0", Invariant);

    public static string Percent(double share) => (share * 100).ToString("0", Invariant) + "%";

    /// <summary>What a criterion takes: "1 to 5", "yes or no", or its labels.</summary>
    public static string Range(string kind, double? min, double? max, IReadOnlyList<string>? labels = null) => kind switch
    {
        nameof(CriterionKind.Numeric) => $"{Plain(min)} to {Plain(max)}",
        nameof(CriterionKind.Boolean) => "yes or no",
        _ => labels is { Count: > 0 } ? string.Join(", ", labels) : "labels",
    };

    /// <summary>"4.2 of 5" for a numeric criterion, "80%" for a boolean one.</summary>
    public static string Value(CriterionBoard board, CriterionStanding row) =>
        IsBoolean(board)
            ? row.PassRate is { } rate ? Percent(rate) : "—"
            : row.Mean is { } mean ? $"{Number(mean, board.Min, board.Max)} of {Plain(board.Max)}" : "—";

    /// <summary>The 95% interval as text: "3.8–4.5" or "49–94%".</summary>
    public static string Interval(CriterionBoard board, CriterionStanding row)
    {
        if (row.Low is not { } low || row.High is not { } high)
        {
            return "—";
        }

        return IsBoolean(board)
            ? $"{(low * 100).ToString("0", Invariant)}–{Percent(high)}"
            : $"{Number(low, board.Min, board.Max)}–{Number(high, board.Min, board.Max)}";
    }

    public static string Rating(double rating) => Math.Round(rating).ToString("0", Invariant);

    public static string RatingInterval(RatingStanding row) => $"{Rating(row.Low)}–{Rating(row.High)}";

    /// <summary>The criterion's own scale: its range for a numeric one, 0 to 100% for a pass rate.</summary>
    public static BarScale Scale(CriterionBoard board) =>
        IsBoolean(board) || board.Min is null || board.Max is null
            ? new BarScale(0, 1, v => Percent(v))
            : new BarScale(board.Min.Value, board.Max.Value, v => Plain(v));

    /// <summary>One scale for every rating in the table, so their intervals line up: the widest interval rounded out to 50 points, at least 900 to 1100.</summary>
    public static BarScale RatingScale(IReadOnlyList<RatingStanding> rows)
    {
        var low = Math.Min(900, rows.Count == 0 ? 900 : rows.Min(r => r.Low));
        var high = Math.Max(1100, rows.Count == 0 ? 1100 : rows.Max(r => r.High));
        return new BarScale(Math.Floor(low / 50) * 50, Math.Ceiling(high / 50) * 50, v => Rating(v));
    }

    /// <summary>"3–1–0": wins, losses and ties.</summary>
    public static string Record(RatingStanding row) => $"{row.Wins}–{row.Losses}–{row.Ties}";

    public static string Kappa(double? kappa) => kappa is { } k ? k.ToString("0.00", Invariant) : "—";

    private static string Plain(double? value) => value?.ToString("0.##", Invariant) ?? "?";
}
