namespace ModelHub.Web.Features.Evaluations.Statistics;

/// <summary>
/// A closed range [<paramref name="Low"/>, <paramref name="High"/>] of plausible values (95% unless stated),
/// so the leaderboard shows uncertainty rather than a falsely precise single number.
/// </summary>
public readonly record struct Interval(double Low, double High);
