using System.Net;
using System.Text.Json;
using ModelHub.Web.Features.Evaluations;
using ModelHub.Web.Features.Playground.Runs;
using ModelHub.Web.Features.Teams;

namespace ModelHub.IntegrationTests.Evaluations;

/// <summary>
/// The playground team of <see cref="PlaygroundTest"/> (a fake OpenAI-compatible provider on 127.0.0.1 whose catalog
/// routes are "echo" of fake-echo and "text-only" of fake-text) with helpers for issue 12's evaluation API.
/// </summary>
public abstract class EvaluationTest : PlaygroundTest
{
    protected const string Echo = "fake-echo";
    protected const string Text = "fake-text";

    protected string Path(string rest) => Path(teamId, rest);

    protected static string Path(Guid team, string rest) => $"/api/v1/teams/{team}/{rest}";

    protected static async Task<Guid> CreateTeamAsync(TestUser user, string name) =>
        (await (await user.Api.PostJsonAsync("/api/v1/teams", new CreateTeamRequest(name))).ReadAsync<TeamSummary>(HttpStatusCode.Created)).Id;

    protected async Task<TestUser> AddUserAsync(string name, TeamRole role) => await AddMemberAsync($"{name}-{Guid.NewGuid():N}@example.com", role);

    /// <summary>Runs one prompt on the given catalog routes through the fake OpenAI-compatible connection; every answer succeeds.</summary>
    protected async Task<RunView> RunOnRoutesAsync(string prompt, params int[] routeIds)
    {
        var run = await RunAsync(Prompt(prompt, [.. routeIds.Select(r => new RunTargetRequest(openAi.Id, RouteId: r))]));
        Assert.All(run.Targets, t => Assert.Equal(RunStatus.Succeeded, t.Status));
        return run;
    }

    /// <summary><paramref name="count"/> real answers of one catalog route, from runs of up to four targets each.</summary>
    protected async Task<IReadOnlyList<RunTargetView>> AnswersAsync(int routeId, int count, string prompt = "Answer")
    {
        var answers = new List<RunTargetView>();
        for (var i = 0; answers.Count < count; i++)
        {
            var run = await RunOnRoutesAsync($"{prompt} {i}", [.. Enumerable.Repeat(routeId, Math.Min(4, count - answers.Count))]);
            answers.AddRange(run.Targets);
        }

        return answers;
    }

    protected async Task<RubricView> DefaultRubricAsync(TestUser? user = null) =>
        (await (await (user ?? owner).Api.GetAsync(Path("rubrics"))).ReadAsync<List<RubricView>>()).Single(r => r.IsDefault);

    protected async Task<RubricView> CreateRubricAsync(string name, params object[] criteria) =>
        await (await owner.Api.PostJsonAsync(Path("rubrics"), new { name, criteria })).ReadAsync<RubricView>(HttpStatusCode.Created);

    protected static Guid Criterion(RubricView rubric, string name) => rubric.Criteria.Single(c => c.Name == name).Id;

    /// <summary>Scores an answer on the default rubric: Correctness, Helpfulness (1 to 5) and Format followed.</summary>
    protected async Task<ScoreView> ScoreAsync(
        RubricView rubric, Guid runTargetId, double correctness, double helpfulness, bool format, TestUser? user = null, string[]? tags = null,
        HttpStatusCode expected = HttpStatusCode.Created) =>
        await (await (user ?? owner).Api.PostJsonAsync(Path("scores"), new
        {
            runTargetId,
            rubricId = rubric.Id,
            values = new Dictionary<string, object>
            {
                [Criterion(rubric, "Correctness").ToString()] = correctness,
                [Criterion(rubric, "Helpfulness").ToString()] = helpfulness,
                [Criterion(rubric, "Format followed").ToString()] = format,
            },
            comment = "Checked by hand",
            tags = tags ?? [],
        })).ReadAsync<ScoreView>(expected);

    protected async Task<VoteView> VoteAsync(Guid runId, Guid left, Guid right, string outcome, TestUser? user = null, string[]? tags = null) =>
        await (await (user ?? owner).Api.PostJsonAsync(Path("votes"), new { runId, leftTargetId = left, rightTargetId = right, outcome, tags = tags ?? [] }))
            .ReadAsync<VoteView>(HttpStatusCode.Created);

    protected async Task<NoteView> NoteAsync(string kind, string id, string body, string? verdict = null, string[]? tags = null, TestUser? user = null) =>
        await (await (user ?? owner).Api.PostJsonAsync(Path("notes"), new { target = new { kind, id }, body, verdict, tags = tags ?? [] }))
            .ReadAsync<NoteView>(HttpStatusCode.Created);

    protected async Task<Leaderboard> LeaderboardAsync(string query = "", TestUser? user = null) =>
        await (await (user ?? owner).Api.GetAsync(Path($"evaluations/leaderboard{query}"))).ReadAsync<Leaderboard>();

    /// <summary>Asserts a problem+json answer with the status, and that its detail starts with the field it names.</summary>
    protected static async Task<string> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string? field = null)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal((int)expected, problem.RootElement.GetProperty("status").GetInt32());
        var detail = problem.RootElement.GetProperty("detail").GetString() ?? "";
        if (field is not null)
        {
            Assert.StartsWith($"{field}:", detail);
        }

        return detail;
    }
}
