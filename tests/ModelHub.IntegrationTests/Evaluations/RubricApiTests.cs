using System.Net;
using ModelHub.Web.Features.Evaluations;
using ModelHub.Web.Features.Teams;

namespace ModelHub.IntegrationTests.Evaluations;

/// <summary>Issue 12's rubrics: the default one, criteria of the three kinds, who manages them, and archiving a scored one.</summary>
[Trait("Database", "true")]
public sealed class RubricApiTests : EvaluationTest
{
    [Fact]
    public async Task ANewTeamHasTheDefaultRubricWithCorrectnessAndHelpfulnessFrom1To5AndFormatFollowedBoolean()
    {
        var team = await CreateTeamAsync(owner, "Fresh");

        var json = await (await owner.Api.GetAsync(Path(team, "rubrics"))).ExpectAsync(HttpStatusCode.OK);
        var rubric = Assert.Single(System.Text.Json.JsonSerializer.Deserialize<List<RubricView>>(json, ApiJson.Options)!);

        Assert.True(rubric.IsDefault);
        Assert.Equal(RubricService.DefaultRubricName, rubric.Name);
        Assert.Equal(
            [("Correctness", "Numeric", (double?)1, (double?)5), ("Helpfulness", "Numeric", 1, 5), ("Format followed", "Boolean", null, null)],
            rubric.Criteria.Select(c => (c.Name, c.Kind, c.Min, c.Max)));
        Assert.Contains("\"kind\":\"Numeric\",\"min\":1,\"max\":5,\"labels\":[]", json);
    }

    [Fact]
    public async Task AnAdminCreatesARubricWithNumericCategoricalAndBooleanCriteria()
    {
        var admin = await AddUserAsync("admin", TeamRole.Admin);

        var response = await admin.Api.PostJsonAsync(Path("rubrics"), new
        {
            name = "Support answers",
            description = "For the support bot",
            criteria = new object[]
            {
                new { name = "Accuracy", kind = "Numeric", min = 0, max = 10 },
                new { name = "Tone", kind = "Categorical", labels = new[] { "warm", "neutral", "curt" } },
                new { name = "Cites the policy", kind = "Boolean" },
            },
        });
        var created = await response.ReadAsync<RubricView>(HttpStatusCode.Created);
        var listed = await (await owner.Api.GetAsync(Path("rubrics"))).ReadAsync<List<RubricView>>();
        var read = await (await owner.Api.GetAsync(Path($"rubrics/{created.Id}"))).ReadAsync<RubricView>();

        Assert.Equal($"/api/v1/teams/{teamId}/rubrics/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal([RubricService.DefaultRubricName, "Support answers"], listed.Select(r => r.Name));
        Assert.Equal(["Numeric", "Categorical", "Boolean"], read.Criteria.Select(c => c.Kind));
        Assert.Equal((0d, 10d), (read.Criteria[0].Min!.Value, read.Criteria[0].Max!.Value));
        Assert.Equal(["warm", "neutral", "curt"], read.Criteria[1].Labels);
        Assert.False(read.IsDefault);
        Assert.Equal(0, read.ScoreCount);
    }

    [Fact]
    public async Task AMemberCreatingOrDeletingARubricGets403()
    {
        var member = await AddUserAsync("member", TeamRole.Member);
        var rubric = await DefaultRubricAsync(member);

        await ProblemAsync(await member.Api.PostJsonAsync(Path("rubrics"), new { name = "Mine", criteria = new[] { new { name = "Ok", kind = "Boolean" } } }), HttpStatusCode.Forbidden);
        await ProblemAsync(await member.Api.DeleteAsync(Path($"rubrics/{rubric.Id}")), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task InvalidCriteriaAnswer400NamingTheCriterion()
    {
        async Task<HttpResponseMessage> PostAsync(params object[] criteria) => await owner.Api.PostJsonAsync(Path("rubrics"), new { name = "Broken", criteria });

        await ProblemAsync(await PostAsync(new { name = "Score", kind = "Numeric", min = 5, max = 5 }), HttpStatusCode.BadRequest, "criteria[0]");
        await ProblemAsync(await PostAsync(new { name = "Ok", kind = "Boolean" }, new { name = "Score", kind = "Numeric", min = 5, max = 1 }), HttpStatusCode.BadRequest, "criteria[1]");
        await ProblemAsync(await PostAsync(new { name = "Score", kind = "Numeric", min = 1 }), HttpStatusCode.BadRequest, "criteria[0]");
        await ProblemAsync(await PostAsync(new { name = "Tone", kind = "Categorical", labels = new[] { "warm" } }), HttpStatusCode.BadRequest, "criteria[0].labels");
        await ProblemAsync(await PostAsync(new { name = "Tone", kind = "Categorical", labels = new[] { "warm", "Warm" } }), HttpStatusCode.BadRequest, "criteria[0].labels");
        await ProblemAsync(await PostAsync(new { name = "Vibe", kind = "Emoji" }), HttpStatusCode.BadRequest, "criteria[0].kind");
        await ProblemAsync(await PostAsync(new { name = "", kind = "Boolean" }), HttpStatusCode.BadRequest, "criteria[0].name");
        await ProblemAsync(await PostAsync(new { name = "Ok", kind = "Boolean" }, new { name = "OK", kind = "Boolean" }), HttpStatusCode.BadRequest, "criteria[1].name");
        await ProblemAsync(await PostAsync(), HttpStatusCode.BadRequest, "criteria");
        await ProblemAsync(await owner.Api.PostJsonAsync(Path("rubrics"), new { name = " ", criteria = new[] { new { name = "Ok", kind = "Boolean" } } }), HttpStatusCode.BadRequest, "name");
        Assert.Single(await (await owner.Api.GetAsync(Path("rubrics"))).ReadAsync<List<RubricView>>());
    }

    [Fact]
    public async Task DeletingAScoredRubricArchivesItAndAnUnscoredOneIsRemoved()
    {
        var scored = await CreateRubricAsync("Scored", new { name = "Ok", kind = "Boolean" });
        var unscored = await CreateRubricAsync("Unscored", new { name = "Ok", kind = "Boolean" });
        var answer = (await RunOnRoutesAsync("Archive me", echoRouteId)).Targets[0];
        await (await owner.Api.PostJsonAsync(Path("scores"), new { runTargetId = answer.Id, rubricId = scored.Id, value = true })).ReadAsync<ScoreView>(HttpStatusCode.Created);

        await (await owner.Api.DeleteAsync(Path($"rubrics/{scored.Id}"))).ExpectAsync(HttpStatusCode.NoContent);
        await (await owner.Api.DeleteAsync(Path($"rubrics/{unscored.Id}"))).ExpectAsync(HttpStatusCode.NoContent);

        var archived = await (await owner.Api.GetAsync(Path($"rubrics/{scored.Id}"))).ReadAsync<RubricView>();
        var active = await (await owner.Api.GetAsync(Path("rubrics"))).ReadAsync<List<RubricView>>();
        var all = await (await owner.Api.GetAsync(Path("rubrics?includeArchived=true"))).ReadAsync<List<RubricView>>();
        var again = await owner.Api.PostJsonAsync(Path("scores"), new { runTargetId = answer.Id, rubricId = scored.Id, value = false });
        var board = await LeaderboardAsync($"?rubricId={scored.Id}");

        Assert.True(archived.IsArchived);
        Assert.Equal(1, archived.ScoreCount);
        Assert.Equal([RubricService.DefaultRubricName], active.Select(r => r.Name));
        Assert.Equal([RubricService.DefaultRubricName, "Scored"], all.Select(r => r.Name));
        await ProblemAsync(await owner.Api.GetAsync(Path($"rubrics/{unscored.Id}")), HttpStatusCode.NotFound);
        await ProblemAsync(again, HttpStatusCode.BadRequest, "rubricId");
        Assert.Equal(1, board.Scores);
    }
}
