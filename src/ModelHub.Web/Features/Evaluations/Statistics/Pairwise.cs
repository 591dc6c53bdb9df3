namespace ModelHub.Web.Features.Evaluations.Statistics;

/// <summary>What a reviewer decided when shown two models' answers side by side.</summary>
public enum PairOutcome
{
    /// <summary>The left model's answer was better.</summary>
    Left,

    /// <summary>The right model's answer was better.</summary>
    Right,

    /// <summary>Both were equally good; counts as half a win to each side.</summary>
    Tie,

    /// <summary>Neither was acceptable; still says neither beat the other, so it also counts as half a win to each.</summary>
    BothBad,
}

/// <summary>One blind side-by-side judgement between two models, identified by their keys.</summary>
public readonly record struct PairwiseVote(string Left, string Right, PairOutcome Outcome);

/// <summary>
/// A model's place on the pairwise leaderboard: its Elo-scale <paramref name="Rating"/>, a 95% bootstrap
/// <paramref name="Interval"/> so close ratings are not over-read, and the raw record behind them
/// (<paramref name="Ties"/> include both-bad votes).
/// </summary>
public sealed record PairwiseRating(string Key, double Rating, Interval Interval, int Votes, int Wins, int Losses, int Ties);
