using System.Net;
using ModelHub.Web.Features.Evaluations;
using ModelHub.Web.Features.Teams;

namespace ModelHub.IntegrationTests.Evaluations;

/// <summary>Issue 12's roles and privacy: another team's evaluations answer 404 everywhere; viewers read but do not write.</summary>
[Trait("Database", "true")]
public sealed class EvaluationPrivacyTests : EvaluationTest
{
    [Fact]
    public async Task AUserOfAnotherTeamGets404ForEveryEvaluationCall()
    {
        var rubric = await DefaultRubricAsync();
        var run = await RunOnRoutesAsync("Private", echoRouteId, textOnlyRouteId);
        var note = await NoteAsync("model", Echo, "Team secret");
        var score = await ScoreAsync(rubric, run.Targets[0].Id, 4, 4, true);
        var vote = await VoteAsync(run.Id, run.Targets[0].Id, run.Targets[1].Id, "Left");
        var outsider = await app.CreateUserAsync($"outsider-{Guid.NewGuid():N}@example.com");
        var theirTeam = await CreateTeamAsync(outsider, "Elsewhere");
        var theirRubric = (await (await outsider.Api.GetAsync(Path(theirTeam, "rubrics"))).ReadAsync<List<RubricView>>()).Single();
        var api = outsider.Api;

        var calls = new (string What, Func<Task<HttpResponseMessage>> Call)[]
        {
            ("GET notes/{id}", () => api.GetAsync(Path($"notes/{note.Id}"))),
            ("PUT notes/{id}", () => api.PutJsonAsync(Path($"notes/{note.Id}"), new { body = "Mine now" })),
            ("DELETE notes/{id}", () => api.DeleteAsync(Path($"notes/{note.Id}"))),
            ("GET notes", () => api.GetAsync(Path("notes"))),
            ("POST notes", () => api.PostJsonAsync(Path("notes"), new { target = new { kind = "model", id = Echo }, body = "Intruder" })),
            ("GET rubrics", () => api.GetAsync(Path("rubrics"))),
            ("GET rubrics/{id}", () => api.GetAsync(Path($"rubrics/{rubric.Id}"))),
            ("POST rubrics", () => api.PostJsonAsync(Path("rubrics"), new { name = "Theirs", criteria = new[] { new { name = "Ok", kind = "Boolean" } } })),
            ("DELETE rubrics/{id}", () => api.DeleteAsync(Path($"rubrics/{rubric.Id}"))),
            ("GET scores", () => api.GetAsync(Path("scores"))),
            ("POST scores", () => api.PostJsonAsync(Path("scores"), new { runTargetId = run.Targets[0].Id, rubricId = rubric.Id, value = 3 })),
            ("POST scores into their own team", () => api.PostJsonAsync(Path(theirTeam, "scores"), new { runTargetId = run.Targets[0].Id, rubricId = theirRubric.Id, value = 3 })),
            ("DELETE scores/{id}", () => api.DeleteAsync(Path($"scores/{score.Id}"))),
            ("GET votes", () => api.GetAsync(Path("votes"))),
            ("POST votes", () => api.PostJsonAsync(Path("votes"), new { runId = run.Id, leftTargetId = run.Targets[0].Id, rightTargetId = run.Targets[1].Id, outcome = "Right" })),
            ("POST votes into their own team", () => api.PostJsonAsync(Path(theirTeam, "votes"), new { runId = run.Id, leftTargetId = run.Targets[0].Id, rightTargetId = run.Targets[1].Id, outcome = "Right" })),
            ("DELETE votes/{id}", () => api.DeleteAsync(Path($"votes/{vote.Id}"))),
            ("GET evaluations/leaderboard", () => api.GetAsync(Path("evaluations/leaderboard"))),
            ("GET evaluations/export", () => api.GetAsync(Path("evaluations/export?kind=notes&format=csv"))),
            ("GET evaluations/export with a bad kind", () => api.GetAsync(Path("evaluations/export?kind=secrets&format=csv"))),
            ("POST notes on this team's run into their own team", () => api.PostJsonAsync(Path(theirTeam, "notes"), new { target = new { kind = "run", id = run.Id }, body = "Peek" })),
        };

        foreach (var (what, call) in calls)
        {
            var response = await call();
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{what}: {(int)response.StatusCode} {body}");
            Assert.DoesNotContain("Team secret", body);
        }

        // In their own team, this team's run has no notes, scores or votes to show.
        Assert.Equal(0, (await (await api.GetAsync(Path(theirTeam, $"notes?run={run.Id}"))).ReadAsync<NoteList>()).Total);
        Assert.Empty(await (await api.GetAsync(Path(theirTeam, $"scores?run={run.Id}"))).ReadAsync<List<ScoreView>>());
        Assert.Empty(await (await api.GetAsync(Path(theirTeam, $"votes?run={run.Id}"))).ReadAsync<List<VoteView>>());

        // Nothing changed: the note, score and vote are still there and the outsider's calls wrote nothing.
        Assert.Equal("Team secret", (await (await owner.Api.GetAsync(Path($"notes/{note.Id}"))).ReadAsync<NoteView>()).Body);
        Assert.Single(await (await owner.Api.GetAsync(Path("scores"))).ReadAsync<List<ScoreView>>());
        Assert.Equal("Left", (await (await owner.Api.GetAsync(Path("votes"))).ReadAsync<List<VoteView>>()).Single().Outcome);
        Assert.Single(await (await owner.Api.GetAsync(Path("rubrics"))).ReadAsync<List<RubricView>>());
        Assert.Empty(await (await outsider.Api.GetAsync(Path(theirTeam, "scores"))).ReadAsync<List<ScoreView>>());
    }

    [Fact]
    public async Task AViewerReadsEverythingButWritingNotesScoresAndVotesAnswers403()
    {
        var rubric = await DefaultRubricAsync();
        var run = await RunOnRoutesAsync("Viewer", echoRouteId, textOnlyRouteId);
        var note = await NoteAsync("model", Echo, "Readable");
        await ScoreAsync(rubric, run.Targets[0].Id, 4, 4, true);
        await VoteAsync(run.Id, run.Targets[0].Id, run.Targets[1].Id, "Left");
        var viewer = await AddUserAsync("viewer", TeamRole.Viewer);
        var api = viewer.Api;

        await (await api.GetAsync(Path($"notes/{note.Id}"))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, (await (await api.GetAsync(Path("notes"))).ReadAsync<NoteList>()).Total);
        Assert.Single(await (await api.GetAsync(Path("rubrics"))).ReadAsync<List<RubricView>>());
        await (await api.GetAsync(Path($"rubrics/{rubric.Id}"))).ExpectAsync(HttpStatusCode.OK);
        Assert.Single(await (await api.GetAsync(Path("scores"))).ReadAsync<List<ScoreView>>());
        Assert.Single(await (await api.GetAsync(Path("votes"))).ReadAsync<List<VoteView>>());
        Assert.Equal(1, (await LeaderboardAsync(user: viewer)).Scores);
        Assert.Contains("Readable", await (await api.GetAsync(Path("evaluations/export?kind=notes&format=csv"))).ExpectAsync(HttpStatusCode.OK));

        await ProblemAsync(await api.PostJsonAsync(Path("notes"), new { target = new { kind = "model", id = Echo }, body = "A viewer's note" }), HttpStatusCode.Forbidden);
        await ProblemAsync(await api.PostJsonAsync(Path("scores"), new
        {
            runTargetId = run.Targets[1].Id,
            rubricId = rubric.Id,
            values = new Dictionary<string, object> { [Criterion(rubric, "Correctness").ToString()] = 3 },
        }), HttpStatusCode.Forbidden);
        await ProblemAsync(await api.PostJsonAsync(Path("votes"), new { runId = run.Id, leftTargetId = run.Targets[1].Id, rightTargetId = run.Targets[0].Id, outcome = "Left" }),
            HttpStatusCode.Forbidden);
        await ProblemAsync(await api.PostJsonAsync(Path("rubrics"), new { name = "Viewer's", criteria = new[] { new { name = "Ok", kind = "Boolean" } } }), HttpStatusCode.Forbidden);
        Assert.Single(await (await owner.Api.GetAsync(Path("scores"))).ReadAsync<List<ScoreView>>());
    }
}
