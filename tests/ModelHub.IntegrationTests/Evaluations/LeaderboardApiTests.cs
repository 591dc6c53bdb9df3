using System.Net;
using ModelHub.Web.Features.Evaluations;
using ModelHub.Web.Features.Teams;

namespace ModelHub.IntegrationTests.Evaluations;

/// <summary>Issue 12's leaderboard fed by scores and votes on real answers from the fake provider.</summary>
[Trait("Database", "true")]
public sealed class LeaderboardApiTests : EvaluationTest
{
    private static CriterionBoard Board(Leaderboard board, string criterion) => board.Criteria.Single(c => c.Criterion == criterion);

    [Fact]
    public async Task AModelWithTenScoresIsRankedWithAnIntervalAroundItsMeanAndOneWithThreeIsTooFewToRank()
    {
        var rubric = await DefaultRubricAsync();
        var echo = await AnswersAsync(echoRouteId, 10);
        var text = await AnswersAsync(textOnlyRouteId, 3);
        double[] correctness = [5, 4, 5, 3, 4, 5, 4, 4, 5, 3];
        for (var i = 0; i < echo.Count; i++)
        {
            await ScoreAsync(rubric, echo[i].Id, correctness[i], 4, format: i < 8);
        }

        foreach (var answer in text)
        {
            await ScoreAsync(rubric, answer.Id, 2, 2, format: true);
        }

        var board = await LeaderboardAsync();

        Assert.Equal((13, 13, 10), (board.Scores, board.ScoredAnswers, board.MinimumToRank));
        var ranked = Board(board, "Correctness").Models.Single(m => m.ModelSlug == Echo);
        Assert.Equal((10, 1, false), (ranked.Count, ranked.Rank, ranked.TooFewToRank));
        Assert.Equal(4.2, ranked.Mean!.Value, 9);
        Assert.InRange(ranked.Mean.Value, ranked.Low!.Value, ranked.High!.Value);
        Assert.True(ranked.Low < ranked.Mean && ranked.Mean < ranked.High, $"{ranked.Low}–{ranked.High}");
        var tooFew = Board(board, "Correctness").Models.Single(m => m.ModelSlug == Text);
        Assert.Equal((3, null, true), (tooFew.Count, tooFew.Rank, tooFew.TooFewToRank));
        Assert.Equal(2, tooFew.Mean);
        // Per route too: the echo route carries the model's ten scores.
        var route = Board(board, "Correctness").Routes.Single(r => r.RouteId == echoRouteId);
        Assert.Equal((Echo, 10, 1), (route.ModelSlug, route.Count, route.Rank));
    }

    [Fact]
    public async Task EightPassesOfTenGiveAPassRateWithTheWilsonInterval0490To0943()
    {
        var rubric = await DefaultRubricAsync();
        var echo = await AnswersAsync(echoRouteId, 10);
        for (var i = 0; i < echo.Count; i++)
        {
            await ScoreAsync(rubric, echo[i].Id, 3, 3, format: i is not (2 or 7));
        }

        var row = Board(await LeaderboardAsync(), "Format followed").Models.Single();

        Assert.Equal(("Boolean", Echo, 10), (Board(await LeaderboardAsync(), "Format followed").Kind, row.ModelSlug, row.Count));
        Assert.Equal(0.8, row.PassRate!.Value, 9);
        Assert.Equal(0.490, row.Low!.Value, 3);
        Assert.Equal(0.943, row.High!.Value, 3);
        Assert.Equal(1, row.Rank);
    }

    [Fact]
    public async Task VotesOnRealAnswersFeedABradleyTerryRatingOnTheEloScale()
    {
        // Each run shows echo and text twice, so one voter judges four different pairs: echo wins three of each four.
        for (var i = 0; i < 3; i++)
        {
            var run = await RunOnRoutesAsync($"Duel {i}", echoRouteId, textOnlyRouteId, echoRouteId, textOnlyRouteId);
            var t = run.Targets;
            await VoteAsync(run.Id, t[0].Id, t[1].Id, "Left");
            await VoteAsync(run.Id, t[3].Id, t[2].Id, "Right");
            await VoteAsync(run.Id, t[0].Id, t[3].Id, "Left");
            await VoteAsync(run.Id, t[2].Id, t[1].Id, "Right");
        }

        var pairwise = (await LeaderboardAsync()).Pairwise;

        Assert.Equal(12, pairwise.Votes);
        var echo = pairwise.Models.Single(m => m.ModelSlug == Echo);
        var text = pairwise.Models.Single(m => m.ModelSlug == Text);
        Assert.Equal((12, 9, 3, 0), (echo.Votes, echo.Wins, echo.Losses, echo.Ties));
        Assert.Equal((12, 3, 9, 0), (text.Votes, text.Wins, text.Losses, text.Ties));
        // Three wins in four is 400·log10(3) ≈ 191 points between them; the one-game prior pulls that in a little.
        Assert.InRange(echo.Rating - text.Rating, 150, 191);
        Assert.Equal(1000, (echo.Rating + text.Rating) / 2, 6);
        Assert.InRange(echo.Rating, echo.Low, echo.High);
        Assert.False(echo.TooFewToRank || text.TooFewToRank);
        Assert.Equal(1, echo.Rank);
        Assert.Equal([$"route:{echoRouteId}", $"route:{textOnlyRouteId}"], pairwise.Routes.Select(r => r.Key));
    }

    [Fact]
    public async Task TheTagRubricAndDateFiltersChangeTheCounts()
    {
        var rubric = await DefaultRubricAsync();
        var stars = await CreateRubricAsync("Stars", new { name = "Stars", kind = "Numeric", min = 0, max = 10 });
        var answers = await AnswersAsync(echoRouteId, 4);
        var old = await ScoreAsync(rubric, answers[0].Id, 3, 3, true, tags: ["rag"]);
        await ScoreAsync(rubric, answers[1].Id, 4, 4, true, tags: ["RAG"]);
        await ScoreAsync(rubric, answers[2].Id, 5, 5, true);
        await ScoreAsync(rubric, answers[3].Id, 5, 5, false);
        foreach (var answer in answers.Take(2))
        {
            await (await owner.Api.PostJsonAsync(Path("scores"), new { runTargetId = answer.Id, rubricId = stars.Id, value = 8 })).ReadAsync<ScoreView>(HttpStatusCode.Created);
        }

        var duel = await RunOnRoutesAsync("Duel", echoRouteId, textOnlyRouteId);
        await VoteAsync(duel.Id, duel.Targets[0].Id, duel.Targets[1].Id, "Left", tags: ["rag"]);
        await app.WithDbAsync(async db =>
        {
            var score = await db.EvaluationScores.FindAsync(old.Id);
            score!.CreatedAtUtc = new DateTime(2025, 1, 15, 12, 0, 0, DateTimeKind.Utc);
            return await db.SaveChangesAsync();
        });

        var all = await LeaderboardAsync();
        var tagged = await LeaderboardAsync("?tag=Rag");
        var byRubric = await LeaderboardAsync($"?rubricId={stars.Id}");
        var january = await LeaderboardAsync("?from=2025-01-01&to=2025-01-31");
        var since = await LeaderboardAsync("?from=2025-02-01");

        Assert.Equal((6, 1), (all.Scores, all.Pairwise.Votes));
        Assert.Equal(["rag"], all.Tags);
        Assert.Equal((2, 1, "rag"), (tagged.Scores, tagged.Pairwise.Votes, tagged.Filter.Tag));
        Assert.Equal(2, Board(tagged, "Correctness").Models.Single().Count);
        Assert.Equal((2, 1), (byRubric.Scores, byRubric.Pairwise.Votes));
        Assert.Equal(["Stars"], byRubric.Criteria.Select(c => c.Criterion));
        Assert.Equal((1, 0), (january.Scores, january.Pairwise.Votes));
        Assert.Equal(3, Board(january, "Correctness").Models.Single().Mean);
        Assert.Equal((5, 1), (since.Scores, since.Pairwise.Votes));
        await ProblemAsync(await owner.Api.GetAsync(Path("evaluations/leaderboard?from=2025-02-01&to=2025-01-01")), HttpStatusCode.BadRequest, "to");
        await ProblemAsync(await owner.Api.GetAsync(Path($"evaluations/leaderboard?rubricId={Guid.NewGuid()}")), HttpStatusCode.NotFound, "rubricId");
        Assert.Contains("from", await ProblemAsync(await owner.Api.GetAsync(Path("evaluations/leaderboard?from=yesterday")), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task CohensKappaAppearsWhenTwoReviewersScoredTheSameOutputs()
    {
        var rubric = await DefaultRubricAsync();
        var reviewer = await AddUserAsync("reviewer", TeamRole.Member);
        var answers = await AnswersAsync(echoRouteId, 6);
        bool[] mine = [true, true, true, false, false, true];
        bool[] theirs = [true, true, false, false, false, true];
        for (var i = 0; i < answers.Count; i++)
        {
            await ScoreAsync(rubric, answers[i].Id, 4, 4, mine[i]);
            await ScoreAsync(rubric, answers[i].Id, 4, 4, theirs[i], reviewer);
        }

        var alone = await AnswersAsync(textOnlyRouteId, 1);
        await ScoreAsync(rubric, alone[0].Id, 4, 4, true);

        var agreement = Assert.Single((await LeaderboardAsync()).Agreement);

        // Agreement 5/6; chance (4/6·3/6 + 2/6·3/6) = 1/2; κ = (5/6 − 1/2) / (1 − 1/2) = 2/3.
        Assert.Equal(("Format followed", "Boolean", 6), (agreement.Criterion, agreement.Kind, agreement.Pairs));
        Assert.Equal(2.0 / 3, agreement.Kappa!.Value, 9);
        Assert.Equal("Substantial", agreement.Reading);
    }
}
