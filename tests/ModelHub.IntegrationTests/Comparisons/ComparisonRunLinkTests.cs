using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Comparisons;
using ModelHub.Web.Features.Playground.Runs;
using ModelHub.Web.Features.Teams;

namespace ModelHub.IntegrationTests.Comparisons;

/// <summary>Playground runs linked to a comparison as the team's own evidence: the link API, roles, and what the comparison then measures.</summary>
[Trait("Database", "true")]
public sealed class ComparisonRunLinkTests : IntegrationTest
{
    private static readonly DateTime Monday = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    private TestUser owner = null!;
    private Guid teamId;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        owner = await app.CreateUserAsync($"owner-{Guid.NewGuid():N}@example.com");
        teamId = await CreateTeamAsync(owner, "Platform");
    }

    private static async Task<Guid> CreateTeamAsync(TestUser user, string name) =>
        (await (await user.Api.PostJsonAsync("/api/v1/teams", new CreateTeamRequest(name))).ReadAsync<TeamSummary>(HttpStatusCode.Created)).Id;

    private string Path(Guid comparisonId, string rest = "") => $"/api/v1/teams/{teamId}/comparisons/{comparisonId}{rest}";

    private async Task<ComparisonView> CompareAsync(params string[] models) =>
        await (await owner.Api.PostJsonAsync($"/api/v1/teams/{teamId}/comparisons", new ComparisonInput("Support bot", models)))
            .ReadAsync<ComparisonView>(HttpStatusCode.Created);

    private async Task<ComparisonView> GetAsync(Guid comparisonId) => await (await owner.Api.GetAsync(Path(comparisonId))).ReadAsync<ComparisonView>();

    private async Task<int> RouteOfAsync(string slug) => (await (await owner.Api.GetAsync($"/api/v1/models/{slug}")).ReadAsync<ModelDetails>()).Routes[0].Id;

    /// <summary>One model's answer in a run, with what it measured.</summary>
    private sealed record Answer(string Slug, int? RouteId, RunStatus Status, double? FirstTokenMs, double? TotalMs, int? InputTokens, int? OutputTokens, decimal? CostUsd);

    private static Answer Succeeded(string slug, int? routeId, double firstTokenMs, double totalMs, int inputTokens, int outputTokens, decimal? costUsd) =>
        new(slug, routeId, RunStatus.Succeeded, firstTokenMs, totalMs, inputTokens, outputTokens, costUsd);

    private Task<Guid> AddRunAsync(string title, DateTime createdAtUtc, params Answer[] answers) => AddRunAsync(teamId, owner, title, createdAtUtc, RunStatus.Succeeded, answers);

    private Task<Guid> AddRunAsync(Guid team, TestUser author, string title, DateTime createdAtUtc, RunStatus status, params Answer[] answers) =>
        app.WithDbAsync(async db =>
        {
            var run = new PlaygroundRun
            {
                TeamId = team, AuthorUserId = author.Id, Title = title, MessagesJson = $$"""[{"role":"User","text":"{{title}}"}]""", ParametersJson = "{}",
                Status = status, CreatedAtUtc = createdAtUtc, FinishedAtUtc = status == RunStatus.Running ? null : createdAtUtc.AddSeconds(5),
            };
            run.Targets.AddRange(answers.Select((a, i) => new RunTarget
            {
                Position = i, ConnectionName = "Prod", ProviderModelId = a.Slug, DisplayName = $"{a.Slug} · Prod", ModelSlug = a.Slug, RouteId = a.RouteId,
                Status = a.Status, TimeToFirstTokenMs = a.FirstTokenMs, TotalMs = a.TotalMs, InputTokens = a.InputTokens, OutputTokens = a.OutputTokens, CostUsd = a.CostUsd,
            }));
            db.PlaygroundRuns.Add(run);
            await db.SaveChangesAsync();
            return run.Id;
        });

    private async Task LinkAsync(Guid comparisonId, Guid runId, TestUser? user = null, HttpStatusCode expected = HttpStatusCode.NoContent) =>
        await (await (user ?? owner).Api.PutAsync(Path(comparisonId, $"/runs/{runId}"), null)).ExpectAsync(expected);

    [Fact]
    public async Task LinkedRunsShowNewestFirstAndEachModelsMediansAndMeansOfItsSuccessfulAnswers()
    {
        var comparison = await CompareAsync("gpt-4o", "glm-4v-9b");
        var gpt = await RouteOfAsync("gpt-4o");
        var glm = await RouteOfAsync("glm-4v-9b");
        // Output tokens per second count from the first token: 200 tokens over 1,000 ms is 200/s.
        var first = await AddRunAsync("First", Monday,
            Succeeded("gpt-4o", gpt, 100, 1_100, 1_000, 200, 0.01m),
            Succeeded("glm-4v-9b", glm, 300, 2_300, 1_000, 100, null),
            Succeeded("gpt-4o-mini", null, 50, 550, 9_999, 9_999, 9m));
        var second = await AddRunAsync("Second", Monday.AddHours(1),
            Succeeded("gpt-4o", gpt, 300, 1_300, 2_000, 400, 0.03m),
            new Answer("glm-4v-9b", glm, RunStatus.Failed, null, null, null, null, null));
        var third = await AddRunAsync("Third", Monday.AddHours(2), Succeeded("gpt-4o", gpt, 200, 1_200, 3_000, 300, 0.02m));

        foreach (var run in new[] { first, second, third })
        {
            await LinkAsync(comparison.Id, run);
        }

        var view = await GetAsync(comparison.Id);

        Assert.Equal([third, second, first], view.LinkedRuns.Select(r => r.RunId));
        Assert.Equal(["gpt-4o · Prod", "glm-4v-9b · Prod", "gpt-4o-mini · Prod"], view.LinkedRuns[2].Targets.Select(t => t.DisplayName));
        Assert.Equal(200, view.LinkedRuns[2].Targets[0].OutputTokensPerSecond);
        // GPT-4o: three answers at 200, 400 and 300 tokens/s; GLM: one, as its failed answer does not count; GPT-4o mini is not compared.
        Assert.Equal(
            [new MeasuredEvidence("gpt-4o", 3, 200, 300, 0.02m, 2_000, 300), new MeasuredEvidence("glm-4v-9b", 1, 300, 50, null, 1_000, 100)],
            view.Measured);
        Assert.Equal("linked run 'Third'", view.Revisions[0].Summary);
    }

    [Fact]
    public async Task TheComparisonsJsonCarriesLinkedRunsAndMeasuredUnderTheirContractNames()
    {
        var comparison = await CompareAsync("gpt-4o", "glm-4v-9b");
        var run = await AddRunAsync("Contract", Monday, Succeeded("gpt-4o", await RouteOfAsync("gpt-4o"), 100, 1_100, 1_000, 200, 0.01m));
        await LinkAsync(comparison.Id, run);

        var json = await (await owner.Api.GetAsync(Path(comparison.Id))).ExpectAsync(HttpStatusCode.OK);

        Assert.Contains($"\"linkedRuns\":[{{\"runId\":\"{run}\",\"title\":\"Contract\"", json);
        Assert.Contains("\"measured\":[{\"modelSlug\":\"gpt-4o\",\"runs\":1,\"medianTimeToFirstTokenMs\":100", json);
    }

    [Fact]
    public async Task LinkingTwiceKeepsOneLinkAndOneHistoryEntry()
    {
        var comparison = await CompareAsync("gpt-4o", "glm-4v-9b");
        var run = await AddRunAsync("Twice", Monday, Succeeded("gpt-4o", null, 100, 1_100, 1_000, 200, 0.01m));

        await LinkAsync(comparison.Id, run);
        await LinkAsync(comparison.Id, run);

        var view = await GetAsync(comparison.Id);
        Assert.Single(view.LinkedRuns);
        Assert.Single(view.Revisions, r => r.Summary == "linked run 'Twice'");
    }

    [Fact]
    public async Task AnotherTeamsRunOrComparisonAnswers404()
    {
        var comparison = await CompareAsync("gpt-4o", "glm-4v-9b");
        var outsider = await app.CreateUserAsync($"outsider-{Guid.NewGuid():N}@example.com");
        var otherTeam = await CreateTeamAsync(outsider, "Elsewhere");
        var theirRun = await AddRunAsync(otherTeam, outsider, "Theirs", Monday, RunStatus.Succeeded, Succeeded("gpt-4o", null, 100, 1_100, 1_000, 200, 0.01m));
        var ourRun = await AddRunAsync("Ours", Monday, Succeeded("gpt-4o", null, 100, 1_100, 1_000, 200, 0.01m));

        var body = await (await owner.Api.PutAsync(Path(comparison.Id, $"/runs/{theirRun}"), null)).ExpectAsync(HttpStatusCode.NotFound);
        await LinkAsync(comparison.Id, ourRun, outsider, HttpStatusCode.NotFound);
        await (await outsider.Api.PutAsync($"/api/v1/teams/{otherTeam}/comparisons/{comparison.Id}/runs/{theirRun}", null)).ExpectAsync(HttpStatusCode.NotFound);
        await (await outsider.Api.GetAsync(Path(comparison.Id, "/runs/candidates"))).ExpectAsync(HttpStatusCode.NotFound);

        Assert.Contains("run does not exist in this team", body);
        Assert.Empty((await GetAsync(comparison.Id)).LinkedRuns);
    }

    [Fact]
    public async Task AViewerCannotLinkOrUnlink()
    {
        var comparison = await CompareAsync("gpt-4o", "glm-4v-9b");
        var run = await AddRunAsync("Viewer's pick", Monday, Succeeded("gpt-4o", null, 100, 1_100, 1_000, 200, 0.01m));
        var viewer = await app.AddMemberAsync(owner, teamId, $"viewer-{Guid.NewGuid():N}@example.com", TeamRole.Viewer);
        var member = await app.AddMemberAsync(owner, teamId, $"member-{Guid.NewGuid():N}@example.com", TeamRole.Member);

        await LinkAsync(comparison.Id, run, viewer, HttpStatusCode.Forbidden);
        await LinkAsync(comparison.Id, run, member);
        await (await viewer.Api.DeleteAsync(Path(comparison.Id, $"/runs/{run}"))).ExpectAsync(HttpStatusCode.Forbidden);

        Assert.Single((await GetAsync(comparison.Id)).LinkedRuns);
    }

    [Fact]
    public async Task ARunThatAskedNoComparedModelIsRefusedWithWhatItUsedAndWhatTheComparisonHas()
    {
        var comparison = await CompareAsync("gpt-4o", "glm-4v-9b");
        var run = await AddRunAsync("Unrelated", Monday, Succeeded("gpt-4o-mini", null, 100, 1_100, 1_000, 200, 0.01m));

        var body = await (await owner.Api.PutAsync(Path(comparison.Id, $"/runs/{run}"), null)).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Contains("gpt-4o-mini · Prod", body);
        Assert.Contains("GPT-4o", body);
        Assert.Contains("GLM-4V-9B", body);
        Assert.Empty((await GetAsync(comparison.Id)).LinkedRuns);
    }

    [Fact]
    public async Task UnlinkingRemovesTheRunAndItsEvidenceAndIsRecorded()
    {
        var comparison = await CompareAsync("gpt-4o", "glm-4v-9b");
        var run = await AddRunAsync("Short-lived", Monday, Succeeded("gpt-4o", null, 100, 1_100, 1_000, 200, 0.01m));
        await LinkAsync(comparison.Id, run);

        await (await owner.Api.DeleteAsync(Path(comparison.Id, $"/runs/{run}"))).ExpectAsync(HttpStatusCode.NoContent);
        await (await owner.Api.DeleteAsync(Path(comparison.Id, $"/runs/{run}"))).ExpectAsync(HttpStatusCode.NoContent);

        var view = await GetAsync(comparison.Id);
        Assert.Empty(view.LinkedRuns);
        Assert.Empty(view.Measured);
        Assert.Equal("unlinked run 'Short-lived'", view.Revisions[0].Summary);
        Assert.Single(view.Revisions, r => r.Summary.StartsWith("unlinked", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMergedModelsAnswersStillCountByTheirRoute()
    {
        var comparison = await CompareAsync("gpt-4o-mini", "glm-4v-9b");
        var miniRoute = await RouteOfAsync("gpt-4o-mini");
        var run = await AddRunAsync("Before the merge", Monday, Succeeded("gpt-4o-mini", miniRoute, 100, 1_100, 1_000, 200, 0.01m));
        await LinkAsync(comparison.Id, run);

        // What a catalog merge does: the model is hidden, its routes move to the model it joined, the run keeps the old slug.
        await app.WithDbAsync(async db =>
        {
            var models = await db.Models.IgnoreQueryFilters().Where(m => m.Slug == "gpt-4o-mini" || m.Slug == "gpt-4o").ToDictionaryAsync(m => m.Slug);
            models["gpt-4o-mini"].MergedIntoId = models["gpt-4o"].Id;
            await db.Routes.Where(r => r.ModelId == models["gpt-4o-mini"].Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.ModelId, models["gpt-4o"].Id));
            return await db.SaveChangesAsync();
        });

        var view = await GetAsync(comparison.Id);

        Assert.Contains(view.Models, m => m.Slug == "gpt-4o");
        Assert.Equal(new MeasuredEvidence("gpt-4o", 1, 100, 200, 0.01m, 1_000, 200), Assert.Single(view.Measured));
    }

    [Fact]
    public async Task CandidatesAreTheTeamsFinishedUnlinkedRunsThatAskedAComparedModel()
    {
        var comparison = await CompareAsync("gpt-4o", "glm-4v-9b");
        var linked = await AddRunAsync("Linked already", Monday, Succeeded("gpt-4o", null, 100, 1_100, 1_000, 200, 0.01m));
        var older = await AddRunAsync("Older", Monday.AddHours(1), Succeeded("glm-4v-9b", null, 100, 1_100, 1_000, 200, 0.01m));
        var newer = await AddRunAsync("Newer, by route", Monday.AddHours(2), Succeeded("renamed-since", await RouteOfAsync("gpt-4o"), 100, 1_100, 1_000, 200, null));
        await AddRunAsync(teamId, owner, "Still running", Monday.AddHours(3), RunStatus.Running, new Answer("gpt-4o", null, RunStatus.Running, null, null, null, null, null));
        await AddRunAsync("Unrelated", Monday.AddHours(4), Succeeded("gpt-4o-mini", null, 100, 1_100, 1_000, 200, 0.01m));
        await LinkAsync(comparison.Id, linked);

        var candidates = await (await owner.Api.GetAsync(Path(comparison.Id, "/runs/candidates"))).ReadAsync<List<RunCandidate>>();

        Assert.Equal([newer, older], candidates.Select(c => c.RunId));
        Assert.Equal(["glm-4v-9b · Prod"], candidates[1].Targets);
    }

    [Fact]
    public async Task TheRunPageListsEachComparisonWithWhetherItIsLinkedAndAsksOneOfItsModels()
    {
        var linkedTo = await CompareAsync("gpt-4o", "glm-4v-9b");
        var alsoFits = await CompareAsync("gpt-4o", "gpt-4o-mini");
        var elsewhere = await CompareAsync("glm-4v-9b", "gpt-4o-mini");
        var run = await AddRunAsync("Run page", Monday, Succeeded("gpt-4o", null, 100, 1_100, 1_000, 200, 0.01m));
        await LinkAsync(linkedTo.Id, run);

        await using var scope = app.Services.CreateAsyncScope();
        var links = scope.ServiceProvider.GetRequiredService<ComparisonRunLinks>();
        var listed = (await links.ComparisonsForRunAsync(new Caller(owner.Id, false), teamId, run)).ToDictionary(c => c.ComparisonId);

        Assert.Equal((true, true), (listed[linkedTo.Id].Linked, listed[linkedTo.Id].HasModelInRun));
        Assert.Equal((false, true), (listed[alsoFits.Id].Linked, listed[alsoFits.Id].HasModelInRun));
        Assert.Equal((false, false), (listed[elsewhere.Id].Linked, listed[elsewhere.Id].HasModelInRun));
    }
}
