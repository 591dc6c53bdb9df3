using ModelHub.Web.Features.Evaluations.Statistics;

namespace ModelHub.UnitTests;

/// <summary>The leaderboard's statistics, checked against worked figures rather than against themselves.</summary>
public sealed class EvaluationStatisticsTests
{
    // ---- Wilson score interval ----

    [Fact]
    public void WilsonIntervalForEightOfTenRunsFromAboutPoint49ToPoint94()
    {
        var interval = WilsonInterval.Compute(8, 10)!.Value;

        Assert.Equal(0.490, interval.Low, 0.001);
        Assert.Equal(0.943, interval.High, 0.001);
    }

    [Fact]
    public void WilsonIntervalForNoneOfTenStartsAtZeroAndReachesAboutPoint28()
    {
        var interval = WilsonInterval.Compute(0, 10)!.Value;

        Assert.Equal(0.0, interval.Low);
        Assert.Equal(0.278, interval.High, 0.001);
    }

    [Fact]
    public void WilsonIntervalForTenOfTenEndsAtOneAndStartsAtAboutPoint72()
    {
        var interval = WilsonInterval.Compute(10, 10)!.Value;

        Assert.Equal(1.0, interval.High);
        Assert.Equal(0.722, interval.Low, 0.001);
    }

    [Fact]
    public void WilsonIntervalForNoTrialsIsNull()
    {
        Assert.Null(WilsonInterval.Compute(0, 0));
    }

    // ---- Bootstrap interval of a mean ----

    [Fact]
    public void BootstrapIntervalContainsTheMean()
    {
        var (mean, interval) = BootstrapInterval.Mean([0.2, 0.9, 0.4, 0.7, 0.5, 1.0, 0.3, 0.6])!.Value;

        Assert.Equal(0.575, mean, 1e-12);
        Assert.InRange(mean, interval.Low, interval.High);
        Assert.True(interval.Low < interval.High);
    }

    [Fact]
    public void BootstrapIntervalNarrowsWithMoreData()
    {
        double[] pattern = [0.2, 0.9, 0.4, 0.7, 0.5, 1.0, 0.3, 0.6, 0.8, 0.1];
        var few = BootstrapInterval.Mean(pattern)!.Value.Interval;
        var many = BootstrapInterval.Mean([.. Enumerable.Repeat(pattern, 20).SelectMany(p => p)])!.Value.Interval;

        Assert.True(many.High - many.Low < (few.High - few.Low) / 2,
            $"200 scores gave width {many.High - many.Low:F3}, 10 scores {few.High - few.Low:F3}.");
    }

    [Fact]
    public void BootstrapIntervalIsTheSameForTheSameSeed()
    {
        double[] values = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];

        Assert.Equal(BootstrapInterval.Mean(values, seed: 7), BootstrapInterval.Mean(values, seed: 7));
        Assert.NotEqual(BootstrapInterval.Mean(values, seed: 7), BootstrapInterval.Mean(values, seed: 8));
    }

    [Fact]
    public void BootstrapIntervalOfASingleValueIsThatValue()
    {
        var (mean, interval) = BootstrapInterval.Mean([0.75])!.Value;

        Assert.Equal(0.75, mean);
        Assert.Equal(new Interval(0.75, 0.75), interval);
    }

    [Fact]
    public void BootstrapIntervalOfNoValuesIsNull()
    {
        Assert.Null(BootstrapInterval.Mean([]));
    }

    [Fact]
    public void BootstrapIntervalOfOneToTenIsRoughlyTheNormalIntervalOfTheMean()
    {
        // 1..10: mean 5.5, sample sd 3.028, so mean ± 1.96·sd/√10 = 5.5 ± 1.88, i.e. 3.62 to 7.38.
        // The bootstrap uses the plug-in sd (2.872, ± 1.78), so it sits a little inside that; 0.3 covers both.
        var (mean, interval) = BootstrapInterval.Mean([.. Enumerable.Range(1, 10).Select(i => (double)i)])!.Value;
        var halfWidth = EvaluationStatistics.Z95 * 3.0277 / Math.Sqrt(10);

        Assert.Equal(5.5, mean, 1e-12);
        Assert.Equal(5.5 - halfWidth, interval.Low, 0.3);
        Assert.Equal(5.5 + halfWidth, interval.High, 0.3);
    }

    // ---- Bradley-Terry on the Elo scale ----

    private static readonly double ThreeToOne = 400 * Math.Log10(3); // 190.85: winning three games in four.

    [Fact]
    public void BradleyTerryPutsAModelWinningThreeGamesInFourAbout191AboveItsOpponent()
    {
        var ratings = BradleyTerry.Fit([.. Votes("A", "B", PairOutcome.Left, 300), .. Votes("A", "B", PairOutcome.Right, 100)]);

        Assert.Equal(ThreeToOne, ratings["A"] - ratings["B"], 3.0);
        Assert.Equal(1000, (ratings["A"] + ratings["B"]) / 2, 1e-6);
    }

    [Fact]
    public void BradleyTerryPutsAModelBeatingAnEqualFieldThreeTimesInFourAbout191AboveTheField()
    {
        // A beats each of B, C and D 75 to 25; B, C and D split their games with each other evenly.
        List<PairwiseVote> votes = [];
        foreach (var other in new[] { "B", "C", "D" })
        {
            votes.AddRange(Votes("A", other, PairOutcome.Left, 75));
            votes.AddRange(Votes(other, "A", PairOutcome.Left, 25));
        }

        foreach (var (first, second) in new[] { ("B", "C"), ("C", "D"), ("B", "D") })
        {
            votes.AddRange(Votes(first, second, PairOutcome.Left, 50));
            votes.AddRange(Votes(first, second, PairOutcome.Right, 50));
        }

        var ratings = BradleyTerry.Fit(votes);
        var field = (ratings["B"] + ratings["C"] + ratings["D"]) / 3;

        Assert.Equal(ThreeToOne, ratings["A"] - field, 5.0);
        Assert.Equal(ratings["B"], ratings["C"], 1e-6);
        Assert.Equal(ratings["C"], ratings["D"], 1e-6);
    }

    [Fact]
    public void BradleyTerryGivesSymmetricResultsEqualRatingsAveraging1000()
    {
        List<PairwiseVote> votes = [];
        foreach (var (first, second) in new[] { ("A", "B"), ("B", "C"), ("A", "C") })
        {
            votes.AddRange(Votes(first, second, PairOutcome.Left, 20));
            votes.AddRange(Votes(first, second, PairOutcome.Right, 20));
        }

        var ratings = BradleyTerry.Fit(votes);

        Assert.All(ratings.Values, rating => Assert.Equal(1000, rating, 1e-6));
    }

    [Fact]
    public void BradleyTerryGivesAnUndefeatedModelAFiniteRating()
    {
        var ratings = BradleyTerry.Fit([.. Votes("A", "B", PairOutcome.Left, 10), .. Votes("B", "C", PairOutcome.Left, 5)]);

        Assert.All(ratings.Values, rating => Assert.True(double.IsFinite(rating)));
        Assert.True(ratings["A"] > ratings["B"]);
        Assert.True(ratings["B"] > ratings["C"]);
    }

    [Fact]
    public void BradleyTerrySplitsTiesEvenly()
    {
        // 20 wins and 20 ties for A are 30 wins and 10 losses once each tie is half a win to each side.
        var withTies = BradleyTerry.Fit([.. Votes("A", "B", PairOutcome.Left, 20), .. Votes("A", "B", PairOutcome.Tie, 20)]);
        var asHalves = BradleyTerry.Fit([.. Votes("A", "B", PairOutcome.Left, 30), .. Votes("A", "B", PairOutcome.Right, 10)]);
        var onlyTies = BradleyTerry.Fit(Votes("A", "B", PairOutcome.Tie, 40));

        Assert.Equal(asHalves["A"], withTies["A"], 1e-6);
        Assert.Equal(asHalves["B"], withTies["B"], 1e-6);
        Assert.Equal(1000, onlyTies["A"], 1e-6);
        Assert.Equal(1000, onlyTies["B"], 1e-6);
    }

    [Fact]
    public void BradleyTerryCountsBothBadLikeATie()
    {
        var tie = BradleyTerry.Fit([.. Votes("A", "B", PairOutcome.Left, 12), .. Votes("A", "B", PairOutcome.Tie, 9)]);
        var bothBad = BradleyTerry.Fit([.. Votes("A", "B", PairOutcome.Left, 12), .. Votes("A", "B", PairOutcome.BothBad, 9)]);

        Assert.Equal(tie["A"], bothBad["A"], 1e-9);
        Assert.Equal(tie["B"], bothBad["B"], 1e-9);
    }

    [Fact]
    public void BradleyTerryIgnoresAModelVotedAgainstItself()
    {
        var ratings = BradleyTerry.Fit([.. Votes("A", "A", PairOutcome.Left, 5), .. Votes("A", "B", PairOutcome.Tie, 4)]);

        Assert.Equal(["A", "B"], ratings.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1000, ratings["A"], 1e-6);
    }

    [Fact]
    public void BradleyTerryBootstrapIntervalContainsThePointRatingAndIsWiderWithFewerVotes()
    {
        var few = BradleyTerry.Rate([.. Votes("A", "B", PairOutcome.Left, 9), .. Votes("A", "B", PairOutcome.Right, 3)]);
        var many = BradleyTerry.Rate([.. Votes("A", "B", PairOutcome.Left, 900), .. Votes("A", "B", PairOutcome.Right, 300)]);

        foreach (var rating in few.Concat(many))
        {
            Assert.InRange(rating.Rating, rating.Interval.Low, rating.Interval.High);
        }

        var fewA = few.Single(r => r.Key == "A");
        var manyA = many.Single(r => r.Key == "A");
        Assert.True(fewA.Interval.High - fewA.Interval.Low > 3 * (manyA.Interval.High - manyA.Interval.Low),
            $"12 votes gave width {fewA.Interval.High - fewA.Interval.Low:F1}, 1,200 votes {manyA.Interval.High - manyA.Interval.Low:F1}.");
    }

    [Fact]
    public void BradleyTerryRateReportsEachModelsRecordHighestRatedFirst()
    {
        var ratings = BradleyTerry.Rate(
        [
            .. Votes("A", "B", PairOutcome.Left, 6),
            .. Votes("B", "A", PairOutcome.Left, 2),
            .. Votes("A", "B", PairOutcome.Tie, 1),
            .. Votes("A", "B", PairOutcome.BothBad, 1),
        ]);

        Assert.Equal(["A", "B"], ratings.Select(r => r.Key));
        Assert.Equal(new PairwiseRating("A", ratings[0].Rating, ratings[0].Interval, 10, 6, 2, 2), ratings[0]);
        Assert.Equal(new PairwiseRating("B", ratings[1].Rating, ratings[1].Interval, 10, 2, 6, 2), ratings[1]);
    }

    [Fact]
    public void BradleyTerryRateIsTheSameForTheSameSeed()
    {
        List<PairwiseVote> votes = [.. Votes("A", "B", PairOutcome.Left, 7), .. Votes("B", "C", PairOutcome.Right, 4), .. Votes("C", "A", PairOutcome.Tie, 3)];

        Assert.Equal(BradleyTerry.Rate(votes, seed: 3), BradleyTerry.Rate(votes, seed: 3));
    }

    private static PairwiseVote[] Votes(string left, string right, PairOutcome outcome, int count) =>
        [.. Enumerable.Repeat(new PairwiseVote(left, right, outcome), count)];

    // ---- Ranks that respect overlapping intervals ----

    [Fact]
    public void RankingSharesARankWhileIntervalsOverlapAndCountsOnlyClearlyBetterModels()
    {
        // The first two overlap (0.8 to 0.85), so neither is clearly ahead: both rank 1.
        // The third (up to 0.3) lies wholly below both (from 0.8 and from 0.5), so two are clearly better: rank 3.
        var ranks = Ranking.Assign([new(0.8, 0.9), new(0.5, 0.85), new(0.1, 0.3)]);

        Assert.Equal([1, 1, 3], ranks);
    }

    [Fact]
    public void RankingGivesEveryModelRankOneWhenAllIntervalsOverlap()
    {
        var ranks = Ranking.Assign([new(0.4, 0.7), new(0.5, 0.9), new(0.6, 0.65), new(0.2, 0.61)]);

        Assert.Equal([1, 1, 1, 1], ranks);
    }

    // ---- Cohen's kappa ----

    [Fact]
    public void CohensKappaForTheTextbookFiftyItemsIsPoint40()
    {
        // Both Yes 20, Yes/No 5, No/Yes 10, both No 15: po = 35/50 = 0.70;
        // first says Yes 25/50, second 30/50, so pe = 0.5·0.6 + 0.5·0.4 = 0.50; kappa = (0.70 - 0.50) / (1 - 0.50) = 0.40.
        List<(string, string)> pairs =
        [
            .. Enumerable.Repeat(("Yes", "Yes"), 20),
            .. Enumerable.Repeat(("Yes", "No"), 5),
            .. Enumerable.Repeat(("No", "Yes"), 10),
            .. Enumerable.Repeat(("No", "No"), 15),
        ];

        Assert.Equal(0.40, CohensKappa.Compute(pairs)!.Value, 1e-12);
    }

    [Fact]
    public void CohensKappaForPerfectAgreementIsOne()
    {
        Assert.Equal(1.0, CohensKappa.Compute([("pass", "pass"), ("fail", "fail"), ("pass", "pass")])!.Value, 1e-12);
        Assert.Equal(1.0, CohensKappa.Compute([("True", "True"), ("True", "True")]));
    }

    [Fact]
    public void CohensKappaForNoItemsIsNull()
    {
        Assert.Null(CohensKappa.Compute([]));
    }
}
