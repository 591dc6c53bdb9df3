using ModelHub.Web.Features.Evaluations;
using static ModelHub.Web.Features.Evaluations.LeaderboardCalculator;

namespace ModelHub.UnitTests;

/// <summary>The leaderboard's standings worked out from hand-made score and vote rows, without a database.</summary>
public sealed class LeaderboardCalculatorTests
{
    private const int OldModel = 1;
    private const int NewModel = 2;
    private const int Other = 3;
    private const int Third = 4;
    private const int MergedRoute = 10;
    private const int OtherRoute = 20;

    private static readonly DateTime Start = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    private static readonly Dictionary<int, ModelInfo> Models = new()
    {
        [OldModel] = new(OldModel, "old-model", "Old model"),
        [NewModel] = new(NewModel, "new-model", "New model"),
        [Other] = new(Other, "other-model", "Other model"),
        [Third] = new(Third, "third-model", "Third model"),
    };

    /// <summary>The route was scored while it belonged to the old model; a catalog merge has since moved it to the new one.</summary>
    private static readonly Dictionary<int, RouteInfo> Routes = new()
    {
        [MergedRoute] = new(MergedRoute, NewModel, "Cloud · merged"),
        [OtherRoute] = new(OtherRoute, Other, "Cloud · other"),
    };

    private static readonly LeaderboardCalculator Calculator = new(Routes, Models);

    private static readonly RubricCriterion Stars = new() { Position = 0, Name = "Stars", Kind = CriterionKind.Numeric, Min = 1, Max = 5 };
    private static readonly RubricCriterion Passed = new() { Position = 1, Name = "Passed", Kind = CriterionKind.Boolean };
    private static readonly RubricCriterion Tone = new() { Position = 2, Name = "Tone", Kind = CriterionKind.Categorical, Labels = "warm\nneutral\ncurt" };

    private static readonly Rubric Rubric = new()
    {
        Name = "Hand-made", CreatedByUserId = "u", IsDefault = true, Criteria = [Stars, Passed, Tone],
    };

    private static int sequence;

    private static ScoreRow Score(int? modelId, int? routeId, double? stars = null, bool? passed = null, string? tone = null, string scorer = "alice", Guid? answer = null)
    {
        var values = new List<ValueRow>();
        if (stars is { } s)
        {
            values.Add(new(Stars.Id, s, null, null));
        }

        if (passed is { } p)
        {
            values.Add(new(Passed.Id, null, null, p));
        }

        if (tone is not null)
        {
            values.Add(new(Tone.Id, null, tone, null));
        }

        var at = Start.AddMinutes(Interlocked.Increment(ref sequence));
        return new ScoreRow(Guid.NewGuid(), answer ?? Guid.NewGuid(), Rubric.Id, modelId, routeId, scorer, at, values);
    }

    private static IEnumerable<ScoreRow> Scores(int count, int? modelId, int? routeId, double stars) =>
        Enumerable.Range(0, count).Select(_ => Score(modelId, routeId, stars));

    private static CriterionBoard Board(IReadOnlyList<ScoreRow> scores, RubricCriterion criterion) =>
        Calculator.Criteria([Rubric], scores).Single(b => b.CriterionId == criterion.Id);

    [Fact]
    public void AfterAMergeAnAnswersScoresCountForTheModelItsRouteBelongsToNow()
    {
        // Scored when the route was the old model's: the rows still say OldModel, but the route now says NewModel.
        var scores = Scores(10, OldModel, MergedRoute, 4).Append(Score(OldModel, null, 2)).ToList();

        var board = Board(scores, Stars);

        var moved = board.Models.Single(m => m.ModelSlug == "new-model");
        Assert.Equal((10, 4.0), (moved.Count, moved.Mean));
        // Without a route there is nothing to follow: the recorded model keeps its score.
        Assert.Equal(1, board.Models.Single(m => m.ModelSlug == "old-model").Count);
        var route = Assert.Single(board.Routes);
        Assert.Equal(($"route:{MergedRoute}", "new-model", 10), (route.Key, route.ModelSlug, route.Count));
    }

    [Fact]
    public void AfterAMergeVotesOnTheRouteCountForItsCurrentModel()
    {
        var votes = Enumerable.Range(0, 4).Select(_ => new VoteRow(OldModel, MergedRoute, Other, OtherRoute, VoteOutcome.Left)).ToList();

        var board = Calculator.Pairwise(votes);

        Assert.Equal(["new-model", "other-model"], board.Models.Select(m => m.ModelSlug));
        Assert.Equal((4, 4), (board.Models[0].Votes, board.Models[0].Wins));
    }

    [Fact]
    public void AnswersFromAModelTheCatalogDoesNotKnowCountUnderTheirModelIdAndConnection()
    {
        var scores = Enumerable.Range(0, 3).Select(_ => Score(null, null, stars: 4) with { Answer = "acme-ft-7 · Private gateway" }).ToList();
        var votes = new[] { new VoteRow(null, null, Other, OtherRoute, VoteOutcome.Left, "acme-ft-7 · Private gateway", null) };

        var row = Board(scores, Stars).Models.Single();
        var rating = Calculator.Pairwise(votes).Models.Single(r => r.ModelSlug is null);

        Assert.Equal(("acme-ft-7 · Private gateway", null, 3, 4.0), (row.Name, row.ModelSlug, row.Count, row.Mean));
        Assert.Equal(("acme-ft-7 · Private gateway", 1), (rating.Name, rating.Wins));
        Assert.Empty(Board(scores, Stars).Routes);
    }

    [Fact]
    public void UnderTenScoresAModelIsTooFewToRankAndHasNoRankWhileTenAreRanked()
    {
        var scores = Scores(10, Other, OtherRoute, 3).Concat(Scores(9, NewModel, MergedRoute, 5)).ToList();

        var board = Board(scores, Stars);

        var ten = board.Models.Single(m => m.ModelSlug == "other-model");
        var nine = board.Models.Single(m => m.ModelSlug == "new-model");
        Assert.Equal((10, 1, false), (ten.Count, ten.Rank, ten.TooFewToRank));
        Assert.Equal((9, null, true), (nine.Count, nine.Rank, nine.TooFewToRank));
        // The ranked row comes first even though the unranked one has the higher mean.
        Assert.Equal(["other-model", "new-model"], board.Models.Select(m => m.ModelSlug));
    }

    [Fact]
    public void UnderTenVotesAModelIsTooFewToRank()
    {
        var votes = Enumerable.Range(0, 9).Select(i => new VoteRow(NewModel, null, Other, null, i % 3 == 0 ? VoteOutcome.Right : VoteOutcome.Left)).ToList();

        var board = Calculator.Pairwise(votes);

        Assert.All(board.Models, m => Assert.True(m.TooFewToRank && m.Rank is null && m.Votes == 9));
    }

    [Fact]
    public void ACategoricalCriterionCountsEachLabelIncludingUnusedOnesAndIsNotRanked()
    {
        string[] tones = ["warm", "warm", "curt", "warm", "curt", "warm", "warm", "warm", "warm", "warm", "curt"];
        var scores = tones.Select(t => Score(Other, OtherRoute, tone: t)).Append(Score(NewModel, MergedRoute, tone: "neutral")).ToList();

        var board = Board(scores, Tone);

        Assert.Equal("Categorical", board.Kind);
        var other = board.Models[0];
        Assert.Equal(("other-model", 11, null, false), (other.ModelSlug, other.Count, other.Rank, other.TooFewToRank));
        Assert.Equal(new Dictionary<string, int> { ["warm"] = 8, ["neutral"] = 0, ["curt"] = 3 }, other.LabelCounts);
        Assert.Null(other.Mean);
        var single = board.Models[1];
        Assert.Equal((1, true), (single.Count, single.TooFewToRank));
        Assert.Equal(new Dictionary<string, int> { ["warm"] = 0, ["neutral"] = 1, ["curt"] = 0 }, single.LabelCounts);
    }

    [Fact]
    public void ModelsWhoseIntervalsOverlapShareARankAndOneClearlyBelowThemIsThird()
    {
        var scores = Scores(10, NewModel, MergedRoute, 5)
            .Concat(Scores(9, Other, OtherRoute, 5)).Append(Score(Other, OtherRoute, 4))
            .Concat(Scores(10, Third, null, 1))
            .ToList();

        var board = Board(scores, Stars);

        var rows = board.Models.ToDictionary(m => m.ModelSlug!);
        Assert.Equal((5.0, 5.0), (rows["new-model"].Low, rows["new-model"].High));
        Assert.True(rows["other-model"].High >= rows["new-model"].Low, $"{rows["other-model"].Low}–{rows["other-model"].High}");
        Assert.Equal([("new-model", (int?)1), ("other-model", 1), ("third-model", 3)], board.Models.Select(m => (m.ModelSlug!, m.Rank)));
    }

    [Fact]
    public void TheBooleanPassRateOfEightInTenHasTheWilsonInterval()
    {
        var scores = Enumerable.Range(0, 10).Select(i => Score(Other, OtherRoute, passed: i < 8)).ToList();

        var row = Board(scores, Passed).Models.Single();

        Assert.Equal(0.8, row.PassRate!.Value, 9);
        Assert.Equal(0.490, row.Low!.Value, 0.001);
        Assert.Equal(0.943, row.High!.Value, 0.001);
    }

    [Fact]
    public void AgreementKeepsEachReviewerOnTheSameSideWhoeverScoredAnAnswerFirst()
    {
        // Alice passes all four answers; Bob passes two. Bob happened to score the last two first.
        var answers = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToList();
        var scores = new List<ScoreRow>
        {
            Score(Other, OtherRoute, passed: true, scorer: "alice", answer: answers[0]),
            Score(Other, OtherRoute, passed: true, scorer: "bob", answer: answers[0]),
            Score(Other, OtherRoute, passed: true, scorer: "alice", answer: answers[1]),
            Score(Other, OtherRoute, passed: false, scorer: "bob", answer: answers[1]),
            Score(Other, OtherRoute, passed: true, scorer: "bob", answer: answers[2]),
            Score(Other, OtherRoute, passed: true, scorer: "alice", answer: answers[2]),
            Score(Other, OtherRoute, passed: false, scorer: "bob", answer: answers[3]),
            Score(Other, OtherRoute, passed: true, scorer: "alice", answer: answers[3]),
        };

        var agreement = Assert.Single(Calculator.Agreement([Rubric], scores));

        // Agreement 2/4; Alice always "true" so chance is 1 · 2/4 = 1/2: κ = (1/2 − 1/2) / (1 − 1/2) = 0, no better than chance.
        Assert.Equal(("Passed", 4), (agreement.Criterion, agreement.Pairs));
        Assert.Equal(0, agreement.Kappa!.Value, 9);
        Assert.Equal("Slight", agreement.Reading);
    }

    [Fact]
    public void AnAnswerScoredByOneReviewerOnlyGivesNoAgreement()
    {
        var scores = Enumerable.Range(0, 5).Select(_ => Score(Other, OtherRoute, passed: true, tone: "warm")).ToList();

        Assert.Empty(Calculator.Agreement([Rubric], scores));
    }
}
