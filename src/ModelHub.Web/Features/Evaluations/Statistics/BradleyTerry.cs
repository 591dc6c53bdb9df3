namespace ModelHub.Web.Features.Evaluations.Statistics;

/// <summary>
/// Bradley-Terry ratings from blind pairwise votes, on the familiar Elo scale. Unlike running Elo updates, the fit
/// does not depend on the order votes arrived in, so the leaderboard is the same however the votes are replayed.
/// </summary>
public static class BradleyTerry
{
    /// <summary>Where the field's geometric-mean strength sits on the Elo scale.</summary>
    private const double BaseRating = 1000;

    /// <summary>Elo points per factor of ten in odds: a model 400 points above another is expected to win 10 to 1.</summary>
    private const double EloPerDecade = 400;

    /// <summary>
    /// The prior: each model plays one virtual game against an opponent of strength 1 and ties it (half a win, half a loss).
    /// Without it an undefeated or winless model's maximum-likelihood strength runs off to infinity or zero; one game is
    /// negligible once a model has a hundred real ones (the 3-to-1 worked figure moves by about a third of a point).
    /// </summary>
    private const double PriorGames = 1;

    private const double PriorWins = PriorGames / 2;

    /// <summary>A cap on MM sweeps so a sparsely connected vote graph cannot stall a page; well-connected fields converge in tens.</summary>
    private const int MaxIterations = 200;

    /// <summary>Stop once no log-strength moves by more than this; far below a hundredth of an Elo point.</summary>
    private const double Tolerance = 1e-9;

    /// <summary>
    /// Fits strengths by Hunter's (2004) MM algorithm for the maximum (prior-regularised) likelihood and returns each
    /// model's rating: 1000 + 400·log₁₀(strength), with strengths scaled so their geometric mean is 1, so the field averages
    /// 1000. Tie and BothBad votes count as half a win to each side; votes of a model against itself are ignored.
    /// A model that wins three quarters of its games against an equal field sits about 191 points (400·log₁₀3) above it.
    /// </summary>
    public static IReadOnlyDictionary<string, double> Fit(IReadOnlyList<PairwiseVote> votes)
    {
        var data = VoteData.From(votes);
        var ratings = new Dictionary<string, double>(data.Keys.Length, StringComparer.Ordinal);
        if (data.Keys.Length == 0)
        {
            return ratings;
        }

        var point = FitPoint(data);
        for (var i = 0; i < point.Length; i++)
        {
            ratings.Add(data.Keys[i], point[i]);
        }

        return ratings;
    }

    /// <summary>
    /// <see cref="Fit"/> plus, for each model, a 95% percentile-bootstrap interval: the votes are resampled with
    /// replacement <paramref name="resamples"/> times, refitted, and bounded by the 2.5th and 97.5th percentiles of the
    /// model's ratings (resamples in which it played no game are skipped). Seeded with <c>new Random(seed)</c> so the
    /// interval is reproducible. Ordered by rating, highest first, then by key.
    /// </summary>
    public static IReadOnlyList<PairwiseRating> Rate(IReadOnlyList<PairwiseVote> votes, int resamples = 500, int seed = 12345)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);

        var data = VoteData.From(votes);
        var modelCount = data.Keys.Length;
        if (modelCount == 0)
        {
            return [];
        }

        var point = FitPoint(data);
        var pointStrengths = new double[modelCount];
        for (var i = 0; i < modelCount; i++)
        {
            pointStrengths[i] = Math.Pow(10, (point[i] - BaseRating) / EloPerDecade);
        }

        var voteCount = data.VoteLeft.Length;
        var random = new Random(seed);
        var samples = new double[modelCount][];
        for (var i = 0; i < modelCount; i++)
        {
            samples[i] = new double[resamples];
        }

        var sampleCounts = new int[modelCount];
        var pairGames = new double[data.PairFirst.Length];
        var wins = new double[modelCount];
        var games = new int[modelCount];
        var strengths = new double[modelCount];
        var scratch = new double[modelCount];
        for (var r = 0; r < resamples; r++)
        {
            Array.Clear(pairGames);
            Array.Clear(wins);
            Array.Clear(games);
            for (var k = 0; k < voteCount; k++)
            {
                var v = random.Next(voteCount);
                pairGames[data.VotePair[v]] += 1;
                wins[data.VoteLeft[v]] += data.VoteLeftWin[v];
                wins[data.VoteRight[v]] += 1 - data.VoteLeftWin[v];
                games[data.VoteLeft[v]]++;
                games[data.VoteRight[v]]++;
            }

            // Start from the full-data fit: resamples sit close to it, so they converge in a few sweeps.
            Array.Copy(pointStrengths, strengths, modelCount);
            Solve(data.PairFirst, data.PairSecond, pairGames, wins, strengths, scratch);

            // A model absent from this resample has no evidence in it, so it neither sets the scale nor gets a sample.
            var logSum = 0.0;
            var present = 0;
            for (var i = 0; i < modelCount; i++)
            {
                if (games[i] > 0)
                {
                    logSum += Math.Log(strengths[i]);
                    present++;
                }
            }

            var logMean = logSum / present;
            for (var i = 0; i < modelCount; i++)
            {
                if (games[i] > 0)
                {
                    samples[i][sampleCounts[i]++] = ToRating(Math.Log(strengths[i]) - logMean);
                }
            }
        }

        var results = new PairwiseRating[modelCount];
        for (var i = 0; i < modelCount; i++)
        {
            var interval = new Interval(point[i], point[i]);
            if (sampleCounts[i] > 0)
            {
                Array.Sort(samples[i], 0, sampleCounts[i]);
                interval = Percentile.Central95(samples[i], sampleCounts[i]);
            }

            results[i] = new PairwiseRating(data.Keys[i], point[i], interval, data.Votes[i], data.Wins[i], data.Losses[i], data.Ties[i]);
        }

        Array.Sort(results, static (a, b) =>
        {
            var byRating = b.Rating.CompareTo(a.Rating);
            return byRating != 0 ? byRating : string.CompareOrdinal(a.Key, b.Key);
        });
        return results;
    }

    /// <summary>The Elo-scale ratings for all votes, indexed as <see cref="VoteData.Keys"/>.</summary>
    private static double[] FitPoint(VoteData data)
    {
        var modelCount = data.Keys.Length;
        var strengths = new double[modelCount];
        Array.Fill(strengths, 1.0);
        Solve(data.PairFirst, data.PairSecond, data.PairGames, data.WinTotals, strengths, new double[modelCount]);

        var logMean = 0.0;
        for (var i = 0; i < modelCount; i++)
        {
            logMean += Math.Log(strengths[i]);
        }

        logMean /= modelCount;
        var ratings = new double[modelCount];
        for (var i = 0; i < modelCount; i++)
        {
            ratings[i] = ToRating(Math.Log(strengths[i]) - logMean);
        }

        return ratings;
    }

    private static double ToRating(double logStrength) => BaseRating + (EloPerDecade * logStrength / Math.Log(10));

    /// <summary>
    /// Maximises the prior-regularised Bradley-Terry likelihood in place, starting from <paramref name="strengths"/>.
    /// Each sweep is one MM update of every strength (Hunter 2004, with the prior as an extra game against strength 1),
    /// followed by an exact step along the common scale. The real votes cannot see the scale, only the weak prior can,
    /// so plain MM crawls along it; solving for it directly keeps the sweep count in the tens. Both steps raise the
    /// objective, which is strictly concave in log-strengths, so the result is its unique maximum.
    /// </summary>
    private static void Solve(int[] pairFirst, int[] pairSecond, double[] pairGames, double[] wins, double[] strengths, double[] denominators)
    {
        var modelCount = strengths.Length;
        for (var iteration = 0; iteration < MaxIterations; iteration++)
        {
            Array.Clear(denominators);
            for (var k = 0; k < pairFirst.Length; k++)
            {
                var n = pairGames[k];
                if (n == 0)
                {
                    continue;
                }

                var a = pairFirst[k];
                var b = pairSecond[k];
                var share = n / (strengths[a] + strengths[b]);
                denominators[a] += share;
                denominators[b] += share;
            }

            var largestChange = 0.0;
            for (var i = 0; i < modelCount; i++)
            {
                var previous = strengths[i];
                var next = (wins[i] + PriorWins) / (denominators[i] + (PriorGames / (previous + 1)));
                strengths[i] = next;
                largestChange = Math.Max(largestChange, Math.Abs(Math.Log(next / previous)));
            }

            var shift = ScaleStep(strengths);
            if (shift != 0)
            {
                var factor = Math.Exp(shift);
                for (var i = 0; i < modelCount; i++)
                {
                    strengths[i] *= factor;
                }
            }

            if (largestChange + Math.Abs(shift) < Tolerance)
            {
                return;
            }
        }
    }

    /// <summary>
    /// The log-scale shift t that maximises the objective with the strengths' ratios held: only the prior depends on it,
    /// and its optimum is where the models' expected virtual wins, Σ s·e^t / (s·e^t + 1), equal their actual half-wins.
    /// Solved by Newton's method on this monotone equation.
    /// </summary>
    private static double ScaleStep(double[] strengths)
    {
        var target = strengths.Length * PriorWins / PriorGames;
        var shift = 0.0;
        for (var step = 0; step < 50; step++)
        {
            var factor = Math.Exp(shift);
            var expected = 0.0;
            var slope = 0.0;
            foreach (var strength in strengths)
            {
                var scaled = strength * factor;
                var p = scaled / (scaled + 1);
                expected += p;
                slope += p * (1 - p);
            }

            if (slope <= 0)
            {
                return shift;
            }

            var delta = Math.Clamp((target - expected) / slope, -1, 1);
            shift += delta;
            if (Math.Abs(delta) < 1e-13)
            {
                break;
            }
        }

        return shift;
    }

    /// <summary>
    /// The votes as index arrays: models numbered in ordinal key order, each distinct unordered pair numbered once,
    /// so the fitting loops touch arrays only, never dictionaries.
    /// </summary>
    private sealed class VoteData
    {
        public required string[] Keys { get; init; }

        public required int[] PairFirst { get; init; }

        public required int[] PairSecond { get; init; }

        /// <summary>Games per pair over all votes.</summary>
        public required double[] PairGames { get; init; }

        /// <summary>Wins per model over all votes, ties as halves.</summary>
        public required double[] WinTotals { get; init; }

        public required int[] VoteLeft { get; init; }

        public required int[] VoteRight { get; init; }

        public required int[] VotePair { get; init; }

        /// <summary>The left side's share of each vote's win: 1, 0 or ½.</summary>
        public required double[] VoteLeftWin { get; init; }

        public required int[] Votes { get; init; }

        public required int[] Wins { get; init; }

        public required int[] Losses { get; init; }

        public required int[] Ties { get; init; }

        public static VoteData From(IReadOnlyList<PairwiseVote> votes)
        {
            ArgumentNullException.ThrowIfNull(votes);

            var valid = new List<PairwiseVote>(votes.Count);
            var keySet = new HashSet<string>(StringComparer.Ordinal);
            foreach (var vote in votes)
            {
                ArgumentNullException.ThrowIfNull(vote.Left, nameof(votes));
                ArgumentNullException.ThrowIfNull(vote.Right, nameof(votes));
                if (!Enum.IsDefined(vote.Outcome))
                {
                    throw new ArgumentOutOfRangeException(nameof(votes), vote.Outcome, "Unknown pairwise outcome.");
                }

                if (string.Equals(vote.Left, vote.Right, StringComparison.Ordinal))
                {
                    continue;
                }

                valid.Add(vote);
                keySet.Add(vote.Left);
                keySet.Add(vote.Right);
            }

            var keys = keySet.ToArray();
            Array.Sort(keys, StringComparer.Ordinal);
            var index = new Dictionary<string, int>(keys.Length, StringComparer.Ordinal);
            for (var i = 0; i < keys.Length; i++)
            {
                index.Add(keys[i], i);
            }

            var pairIndex = new Dictionary<(int, int), int>();
            var pairFirst = new List<int>();
            var pairSecond = new List<int>();
            var pairGames = new List<double>();
            var winTotals = new double[keys.Length];
            var voteLeft = new int[valid.Count];
            var voteRight = new int[valid.Count];
            var votePair = new int[valid.Count];
            var voteLeftWin = new double[valid.Count];
            var voteTally = new int[keys.Length];
            var wins = new int[keys.Length];
            var losses = new int[keys.Length];
            var ties = new int[keys.Length];

            for (var v = 0; v < valid.Count; v++)
            {
                var left = index[valid[v].Left];
                var right = index[valid[v].Right];
                var pairKey = left < right ? (left, right) : (right, left);
                if (!pairIndex.TryGetValue(pairKey, out var pair))
                {
                    pair = pairFirst.Count;
                    pairIndex.Add(pairKey, pair);
                    pairFirst.Add(pairKey.Item1);
                    pairSecond.Add(pairKey.Item2);
                    pairGames.Add(0);
                }

                pairGames[pair] += 1;
                voteLeft[v] = left;
                voteRight[v] = right;
                votePair[v] = pair;
                voteTally[left]++;
                voteTally[right]++;
                switch (valid[v].Outcome)
                {
                    case PairOutcome.Left:
                        voteLeftWin[v] = 1;
                        wins[left]++;
                        losses[right]++;
                        break;
                    case PairOutcome.Right:
                        voteLeftWin[v] = 0;
                        wins[right]++;
                        losses[left]++;
                        break;
                    default:
                        voteLeftWin[v] = 0.5;
                        ties[left]++;
                        ties[right]++;
                        break;
                }

                winTotals[left] += voteLeftWin[v];
                winTotals[right] += 1 - voteLeftWin[v];
            }

            return new VoteData
            {
                Keys = keys,
                PairFirst = [.. pairFirst],
                PairSecond = [.. pairSecond],
                PairGames = [.. pairGames],
                WinTotals = winTotals,
                VoteLeft = voteLeft,
                VoteRight = voteRight,
                VotePair = votePair,
                VoteLeftWin = voteLeftWin,
                Votes = voteTally,
                Wins = wins,
                Losses = losses,
                Ties = ties,
            };
        }
    }
}
