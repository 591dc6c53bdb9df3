using System.Net;
using ModelHub.Web.Features.Evaluations;
using ModelHub.Web.Features.Playground.Runs;

namespace ModelHub.IntegrationTests.Evaluations;

/// <summary>Issue 12's scores on real answers from the fake provider: values by criterion, one value, checks, replacing, and what a score carries.</summary>
[Trait("Database", "true")]
public sealed class ScoreApiTests : EvaluationTest
{
    [Fact]
    public async Task ScoresWithValuesByCriterionIdOnTheDefaultRubricAnswer201ForEachTargetOfARealRun()
    {
        var run = await RunAsync(Prompt("Explain DNS in one line",
            new RunTargetRequest(openAi.Id, RouteId: echoRouteId),
            new RunTargetRequest(openAi.Id, ModelId: "text-only"),
            new RunTargetRequest(openAi.Id, ModelId: "some-uncatalogued-model")));
        var rubric = await DefaultRubricAsync();

        var scores = new List<ScoreView>();
        foreach (var target in run.Targets)
        {
            scores.Add(await ScoreAsync(rubric, target.Id, 4, 3.5, true));
        }

        Assert.Equal([Echo, Text, null], scores.Select(s => s.ModelSlug));
        Assert.Equal([(int?)echoRouteId, textOnlyRouteId, null], scores.Select(s => s.RouteId));
        var first = scores[0];
        Assert.Equal(
            [("Correctness", "Numeric", (double?)4, (bool?)null), ("Helpfulness", "Numeric", 3.5, null), ("Format followed", "Boolean", null, true)],
            first.Values.Select(v => (v.Criterion, v.Kind, v.Number, v.Passed)));
        Assert.Equal(("Checked by hand", owner.Email, run.Id), (first.Comment, first.ScorerEmail, first.RunId));
        Assert.Equal(3, (await (await owner.Api.GetAsync(Path($"scores?run={run.Id}"))).ReadAsync<List<ScoreView>>()).Count);
        Assert.Equal([first.Id], (await (await owner.Api.GetAsync(Path($"scores?model={Echo}"))).ReadAsync<List<ScoreView>>()).Select(s => s.Id));
    }

    [Fact]
    public async Task AOneCriterionRubricTakesASingleValueOfEachKind()
    {
        var numeric = await CreateRubricAsync("Stars", new { name = "Stars", kind = "Numeric", min = 0, max = 10 });
        var categorical = await CreateRubricAsync("Tone", new { name = "Tone", kind = "Categorical", labels = new[] { "warm", "neutral", "curt" } });
        var boolean = await CreateRubricAsync("Safe", new { name = "Safe", kind = "Boolean" });
        var answer = (await RunOnRoutesAsync("Single values", echoRouteId)).Targets[0];

        async Task<ScoreValueView> ScoreAsync(RubricView rubric, object value) =>
            (await (await owner.Api.PostJsonAsync(Path("scores"), new { runTargetId = answer.Id, rubricId = rubric.Id, value })).ReadAsync<ScoreView>(HttpStatusCode.Created))
            .Values.Single();

        Assert.Equal(7.5, (await ScoreAsync(numeric, 7.5)).Number);
        Assert.Equal("neutral", (await ScoreAsync(categorical, "Neutral")).Label);
        Assert.False((await ScoreAsync(boolean, false)).Passed);
    }

    [Fact]
    public async Task AnOutOfRangeNumberAnUnknownLabelOrANonBooleanAnswers400NamingTheCriterion()
    {
        var rubric = await DefaultRubricAsync();
        var tone = await CreateRubricAsync("Tone", new { name = "Tone", kind = "Categorical", labels = new[] { "warm", "curt" } });
        var answer = (await RunOnRoutesAsync("Bad values", echoRouteId)).Targets[0];
        var correctness = Criterion(rubric, "Correctness").ToString();
        var format = Criterion(rubric, "Format followed").ToString();

        async Task<string> RejectedAsync(object score, string field) =>
            await ProblemAsync(await owner.Api.PostJsonAsync(Path("scores"), score), HttpStatusCode.BadRequest, field);

        var outOfRange = await RejectedAsync(new { runTargetId = answer.Id, rubricId = rubric.Id, values = new Dictionary<string, object> { [correctness] = 6 } }, $"values.{correctness}");
        var notANumber = await RejectedAsync(new { runTargetId = answer.Id, rubricId = rubric.Id, values = new Dictionary<string, object> { [correctness] = "great" } }, $"values.{correctness}");
        var notABoolean = await RejectedAsync(new { runTargetId = answer.Id, rubricId = rubric.Id, values = new Dictionary<string, object> { [format] = 1 } }, $"values.{format}");
        var unknownLabel = await RejectedAsync(new { runTargetId = answer.Id, rubricId = tone.Id, value = "sarcastic" }, "value");
        var unknownCriterion = await RejectedAsync(new { runTargetId = answer.Id, rubricId = rubric.Id, values = new Dictionary<string, object> { [Guid.NewGuid().ToString()] = 3 } }, "values");
        var singleOnSeveral = await RejectedAsync(new { runTargetId = answer.Id, rubricId = rubric.Id, value = 3 }, "value");
        await RejectedAsync(new { runTargetId = answer.Id, rubricId = rubric.Id }, "value");
        await RejectedAsync(new { rubricId = rubric.Id, value = 3 }, "runTargetId");
        await RejectedAsync(new { runTargetId = answer.Id, value = 3 }, "rubricId");

        Assert.Contains("Correctness takes a number from 1 to 5, not 6", outOfRange);
        Assert.Contains("Correctness", notANumber);
        Assert.Contains("Format followed takes true or false, not 1", notABoolean);
        Assert.Contains("Tone takes one of \"warm\", \"curt\", not \"sarcastic\"", unknownLabel);
        Assert.Contains("Correctness", unknownCriterion);
        Assert.Contains(correctness, singleOnSeveral);
        Assert.Empty(await (await owner.Api.GetAsync(Path("scores"))).ReadAsync<List<ScoreView>>());
    }

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e400")]
    [InlineData("\"NaN\"")]
    [InlineData("\"Infinity\"")]
    [InlineData("null")]
    [InlineData("[4]")]
    public async Task ANumberTooLargeForADoubleOrNotANumberAnswers400NamingTheCriterionNot500(string raw)
    {
        var rubric = await DefaultRubricAsync();
        var answer = (await RunOnRoutesAsync("Huge", echoRouteId)).Targets[0];
        var correctness = Criterion(rubric, "Correctness");
        var json = $$$"""{"runTargetId":"{{{answer.Id}}}","rubricId":"{{{rubric.Id}}}","values":{"{{{correctness}}}":{{{raw}}}}}""";

        var response = await owner.Api.PostAsync(Path("scores"), new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        var detail = await ProblemAsync(response, HttpStatusCode.BadRequest, $"values.{correctness}");
        Assert.Contains("Correctness takes a number from 1 to 5", detail);
    }

    [Fact]
    public async Task ASecondScoreByTheSameReviewerReplacesTheFirstWith200AndAnotherReviewerAddsTheirOwn()
    {
        var rubric = await DefaultRubricAsync();
        var answer = (await RunOnRoutesAsync("Score twice", echoRouteId)).Targets[0];
        var reviewer = await AddUserAsync("reviewer", Web.Features.Teams.TeamRole.Member);

        var first = await ScoreAsync(rubric, answer.Id, 2, 2, false);
        var second = await ScoreAsync(rubric, answer.Id, 5, 4, true, expected: HttpStatusCode.OK);
        var other = await ScoreAsync(rubric, answer.Id, 3, 3, true, reviewer);

        var scores = await (await owner.Api.GetAsync(Path($"scores?runTargetId={answer.Id}"))).ReadAsync<List<ScoreView>>();
        Assert.Equal(first.Id, second.Id);
        Assert.Equal([5d, 4d], second.Values.Where(v => v.Number is not null).Select(v => v.Number!.Value));
        Assert.Equal(2, scores.Count);
        Assert.Equal([other.Id, first.Id], scores.Select(s => s.Id));
        Assert.Equal([(double?)5, 4, null], scores.Single(s => s.Id == first.Id).Values.Select(v => v.Number));
        // The replaced values are gone: three rows for each of the two scores.
        Assert.Equal(6, await app.WithDbAsync(db => Task.FromResult(db.EvaluationScoreValues.Count(v => v.ScoreId == first.Id || v.ScoreId == other.Id))));
    }

    [Fact]
    public async Task AScoreCarriesItsAnswersModelSlugRoutePromptIdLatencyAndCost()
    {
        var run = await RunOnRoutesAsync("What is a token?", echoRouteId);
        var answer = run.Targets[0];
        var same = await RunOnRoutesAsync("What is a token?", echoRouteId);
        var rubric = await DefaultRubricAsync();

        var score = await ScoreAsync(rubric, answer.Id, 4, 4, true);
        var again = await ScoreAsync(rubric, same.Targets[0].Id, 4, 4, true);
        var listed = (await (await owner.Api.GetAsync(Path($"scores?runTargetId={answer.Id}"))).ReadAsync<List<ScoreView>>()).Single();

        foreach (var view in new[] { score, listed })
        {
            Assert.Equal((Echo, "Fake Echo", (int?)echoRouteId, run.Id, answer.Id), (view.ModelSlug, view.ModelName, view.RouteId, view.RunId, view.RunTargetId));
            Assert.Equal(answer.DisplayName, view.Target);
            Assert.StartsWith("p_", view.PromptId);
            Assert.Equal(answer.TimeToFirstTokenMs, view.TimeToFirstTokenMs);
            Assert.Equal(answer.TotalMs, view.TotalMs);
            Assert.NotNull(view.TotalMs);
            Assert.Equal(answer.CostUsd, view.CostUsd);
            Assert.True(view.CostUsd > 0);
        }

        Assert.Equal(score.PromptId, again.PromptId);
    }

    [Fact]
    public async Task TheReviewerOrAnAdminDeletesAScoreAndAnotherMemberGets403()
    {
        var rubric = await DefaultRubricAsync();
        var answers = await AnswersAsync(echoRouteId, 2);
        var reviewer = await AddUserAsync("reviewer", Web.Features.Teams.TeamRole.Member);
        var other = await AddUserAsync("other", Web.Features.Teams.TeamRole.Member);
        var admin = await AddUserAsync("admin", Web.Features.Teams.TeamRole.Admin);
        var byReviewer = await ScoreAsync(rubric, answers[0].Id, 3, 3, true, reviewer);
        var byAdmin = await ScoreAsync(rubric, answers[1].Id, 3, 3, true, reviewer);

        await ProblemAsync(await other.Api.DeleteAsync(Path($"scores/{byReviewer.Id}")), HttpStatusCode.Forbidden);
        await (await reviewer.Api.DeleteAsync(Path($"scores/{byReviewer.Id}"))).ExpectAsync(HttpStatusCode.NoContent);
        await (await admin.Api.DeleteAsync(Path($"scores/{byAdmin.Id}"))).ExpectAsync(HttpStatusCode.NoContent);

        Assert.Empty(await (await owner.Api.GetAsync(Path("scores"))).ReadAsync<List<ScoreView>>());
        await ProblemAsync(await admin.Api.DeleteAsync(Path($"scores/{byAdmin.Id}")), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnAnswerOfAnotherRunOrAnUnknownRubricAnswers404()
    {
        var answer = (await RunOnRoutesAsync("Unknown things", echoRouteId)).Targets[0];
        var rubric = await DefaultRubricAsync();

        await ProblemAsync(await owner.Api.PostJsonAsync(Path("scores"), new { runTargetId = Guid.NewGuid(), rubricId = rubric.Id, value = 3 }), HttpStatusCode.NotFound, "runTargetId");
        await ProblemAsync(await owner.Api.PostJsonAsync(Path("scores"), new { runTargetId = answer.Id, rubricId = Guid.NewGuid(), value = 3 }), HttpStatusCode.NotFound, "rubricId");
    }
}
