using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModelHub.Web.Features.Playground;
using ModelHub.Web.Features.Playground.Prompts;
using ModelHub.Web.Features.Playground.Runs;

namespace ModelHub.IntegrationTests;

/// <summary>Runs as a whole: several targets at once, cancelling, history, restarts, saved prompts.</summary>
[Trait("Database", "true")]
public sealed class PlaygroundRunTests : PlaygroundTest
{
    [Fact]
    public async Task FourTargetsOnThreeApiStylesRunInOneRunAndKeepTheirOrder()
    {
        var run = await RunAsync(Prompt("All at once",
            new RunTargetRequest(openAi.Id, RouteId: echoRouteId),
            new RunTargetRequest(anthropic.Id, ModelId: "echo"),
            new RunTargetRequest(replicate.Id, ModelId: "meta/echo"),
            new RunTargetRequest(openAi.Id, ModelId: "fault-500")));

        Assert.Equal([0, 1, 2, 3], run.Targets.Select(t => t.Position));
        Assert.Equal([RunStatus.Succeeded, RunStatus.Succeeded, RunStatus.Succeeded, RunStatus.Failed], run.Targets.Select(t => t.Status));
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.NotNull(run.FinishedAtUtc);
        Assert.Equal(run.Targets[0].CostUsd, run.TotalCostUsd);
    }

    [Fact]
    public async Task StartingWithoutWaitingAnswersAtOnceAndTheRunCanBeReadWhileItStreams()
    {
        fake.SlowChunkDelay = TimeSpan.FromMilliseconds(20);
        var started = await (await owner.Api.PostJsonAsync($"/api/v1/teams/{teamId}/runs", Prompt("Go slowly", new RunTargetRequest(openAi.Id, ModelId: "slow-stream"))))
            .ReadAsync<RunView>(HttpStatusCode.Accepted);
        Assert.Equal(RunStatus.Running, started.Status);

        RunView during;
        do
        {
            await Task.Delay(50);
            during = await (await owner.Api.GetAsync($"/api/v1/teams/{teamId}/runs/{started.Id}")).ReadAsync<RunView>();
        }
        while (!during.Targets[0].Output.Contains("word3", StringComparison.Ordinal) && during.Status == RunStatus.Running);

        Assert.Equal(RunStatus.Running, during.Status);
        Assert.NotNull(during.Targets[0].TimeToFirstTokenMs);

        await (await owner.Api.PostAsync($"/api/v1/teams/{teamId}/runs/{started.Id}/cancel", null)).ExpectAsync(HttpStatusCode.NoContent);
        var after = await WaitUntilFinishedAsync(started.Id);
        Assert.Equal(RunStatus.Cancelled, after.Status);
    }

    [Fact]
    public async Task CancellingOneTargetKeepsItsPartialOutputAndLetsTheOthersFinish()
    {
        fake.SlowChunkDelay = TimeSpan.FromMilliseconds(20);
        var started = await (await owner.Api.PostJsonAsync($"/api/v1/teams/{teamId}/runs", Prompt("Two",
            new RunTargetRequest(openAi.Id, ModelId: "slow-stream"),
            new RunTargetRequest(anthropic.Id, ModelId: "slow-stream")))).ReadAsync<RunView>(HttpStatusCode.Accepted);

        RunView during;
        do
        {
            await Task.Delay(30);
            during = await (await owner.Api.GetAsync($"/api/v1/teams/{teamId}/runs/{started.Id}")).ReadAsync<RunView>();
        }
        while (!during.Targets[1].Output.Contains("word2", StringComparison.Ordinal));

        await (await owner.Api.PostAsync($"/api/v1/teams/{teamId}/runs/{started.Id}/cancel?targetId={started.Targets[1].Id}", null)).ExpectAsync(HttpStatusCode.NoContent);
        var finished = await WaitUntilFinishedAsync(started.Id);

        Assert.Equal(RunStatus.Succeeded, finished.Targets[0].Status);
        Assert.Contains("word400", finished.Targets[0].Output);
        Assert.Equal(RunStatus.Cancelled, finished.Targets[1].Status);
        Assert.Contains("word2", finished.Targets[1].Output);
        Assert.DoesNotContain("word400", finished.Targets[1].Output);
        Assert.True(finished.Targets[1].UsageEstimated);
        Assert.Equal(RunStatus.Cancelled, finished.Status);

        await (await owner.Api.PostAsync($"/api/v1/teams/{teamId}/runs/{started.Id}/cancel", null)).ExpectAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task RunsLeftRunningByARestartAreMarkedInterruptedAndKeepTheirSavedOutput()
    {
        var runId = Guid.CreateVersion7();
        await app.WithDbAsync(async db =>
        {
            db.PlaygroundRuns.Add(new PlaygroundRun
            {
                Id = runId, TeamId = teamId, AuthorUserId = owner.Id, Title = "Cut short", MessagesJson = "[]", ParametersJson = "{}", Status = RunStatus.Running,
                Targets = [new RunTarget { ConnectionName = "Fake OpenAI", ProviderModelId = "echo", DisplayName = "echo", Status = RunStatus.Running, Output = "Half an ans" }],
            });
            return await db.SaveChangesAsync();
        });

        var marker = app.Services.GetServices<IHostedService>().OfType<InterruptedRuns>().Single();
        await marker.StartAsync(CancellationToken.None);

        var run = await (await owner.Api.GetAsync($"/api/v1/teams/{teamId}/runs/{runId}")).ReadAsync<RunView>();
        Assert.Equal(RunStatus.Interrupted, run.Status);
        Assert.Equal(RunStatus.Interrupted, run.Targets[0].Status);
        Assert.Equal("Half an ans", run.Targets[0].Output);
        Assert.Contains("stopped or restarted", run.Targets[0].ErrorMessage);
    }

    [Fact]
    public async Task HistoryListsNewestFirstFiltersInTheDatabaseAndPages()
    {
        await RunAsync(Prompt("First about cats", new RunTargetRequest(openAi.Id, ModelId: "echo")));
        await RunAsync(Prompt("Second about dogs", new RunTargetRequest(anthropic.Id, ModelId: "fault-500")));
        await RunAsync(Prompt("Third about cats", new RunTargetRequest(replicate.Id, ModelId: "meta/echo")));
        var member = await AddMemberAsync("member@example.com", ModelHub.Web.Features.Teams.TeamRole.Member);
        await RunAsync(Prompt("Fourth by a member", new RunTargetRequest(openAi.Id, ModelId: "echo")), member);

        var all = await (await owner.Api.GetAsync($"/api/v1/teams/{teamId}/runs")).ReadAsync<RunPage>();
        Assert.Equal(4, all.Total);
        Assert.Equal(["Fourth by a member", "Third about cats", "Second about dogs", "First about cats"], all.Items.Select(r => r.Title));
        Assert.Equal("member@example.com", all.Items[0].AuthorEmail);

        var cats = await (await owner.Api.GetAsync($"/api/v1/teams/{teamId}/runs?search=cats")).ReadAsync<RunPage>();
        Assert.Equal(["Third about cats", "First about cats"], cats.Items.Select(r => r.Title));
        var byModel = await (await owner.Api.GetAsync($"/api/v1/teams/{teamId}/runs?search=meta/echo")).ReadAsync<RunPage>();
        Assert.Equal(["Third about cats"], byModel.Items.Select(r => r.Title));
        var failed = await (await owner.Api.GetAsync($"/api/v1/teams/{teamId}/runs?status=Failed")).ReadAsync<RunPage>();
        Assert.Equal(["Second about dogs"], failed.Items.Select(r => r.Title));
        var mine = await (await owner.Api.GetAsync($"/api/v1/teams/{teamId}/runs?mine=true")).ReadAsync<RunPage>();
        Assert.Equal(3, mine.Total);
        var second = await (await owner.Api.GetAsync($"/api/v1/teams/{teamId}/runs?skip=2&take=2")).ReadAsync<RunPage>();
        Assert.Equal(["Second about dogs", "First about cats"], second.Items.Select(r => r.Title));
        Assert.Equal(4, second.Total);
    }

    [Fact]
    public async Task ARunsRequestRunsAgainAsANewRunWithANewId()
    {
        var request = Prompt("Repeat me", new RunTargetRequest(openAi.Id, RouteId: echoRouteId), new RunTargetRequest(anthropic.Id, ModelId: "echo")) with
        {
            SystemPrompt = "Be brief.",
            Parameters = new RunParameters(Temperature: 0.5, MaxOutputTokens: 100),
        };
        var first = await RunAsync(request);

        var again = await RunAsync(first.ToRequest());

        Assert.NotEqual(first.Id, again.Id);
        Assert.Equal(first.Targets.Select(t => t.DisplayName), again.Targets.Select(t => t.DisplayName));
        Assert.Equal("Be brief.", again.SystemPrompt);
        Assert.Equal(0.5, again.Parameters.Temperature);
        Assert.Equal(first.Targets.Select(t => t.Output), again.Targets.Select(t => t.Output));
        // The first run is unchanged and still found by its id.
        Assert.Equal(first.Id, (await (await owner.Api.GetAsync($"/api/v1/teams/{teamId}/runs/{first.Id}")).ReadAsync<RunView>()).Id);
    }

    [Fact]
    public async Task SavedPromptsKeepTheirVariablesAndAreReplacedByName()
    {
        var saved = await (await owner.Api.PostJsonAsync($"/api/v1/teams/{teamId}/prompts",
            new SavedPromptInput("Summarise", "You write for {{audience}}.", "Summarise {{topic}} in {{ words }} words for {{audience}}."))).ReadAsync<SavedPromptView>();
        Assert.Equal(["audience", "topic", "words"], saved.Variables);

        await (await owner.Api.PostJsonAsync($"/api/v1/teams/{teamId}/prompts", new SavedPromptInput("Summarise", null, "Summarise {{topic}}."))).ReadAsync<SavedPromptView>();
        var prompts = await (await owner.Api.GetAsync($"/api/v1/teams/{teamId}/prompts")).ReadAsync<List<SavedPromptView>>();
        var only = Assert.Single(prompts);
        Assert.Equal(["topic"], only.Variables);

        var viewer = await AddMemberAsync("viewer@example.com", ModelHub.Web.Features.Teams.TeamRole.Viewer);
        await (await viewer.Api.PostJsonAsync($"/api/v1/teams/{teamId}/prompts", new SavedPromptInput("Mine", null, "x"))).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Single(await (await viewer.Api.GetAsync($"/api/v1/teams/{teamId}/prompts")).ReadAsync<List<SavedPromptView>>());
    }

    private async Task<RunView> WaitUntilFinishedAsync(Guid runId)
    {
        for (var i = 0; i < 600; i++)
        {
            var run = await (await owner.Api.GetAsync($"/api/v1/teams/{teamId}/runs/{runId}")).ReadAsync<RunView>();
            if (run.Status != RunStatus.Running)
            {
                return run;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Run {runId} did not finish.");
    }
}
