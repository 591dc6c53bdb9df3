using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Evaluations;
using ModelHub.Web.Features.Evaluations.Blind;
using ModelHub.Web.Features.Playground.Connections;
using ModelHub.Web.Features.Playground.Runs;
using ModelHub.Web.Features.Teams;
using MudBlazor;

namespace ModelHub.ComponentTests.Evaluations;

public sealed class BlindTestPageTests : ComponentTest
{
    private const string Email = "blind@example.com";
    private const string ConnectionName = "Acme Cloud";
    private AppServices app = null!;
    private Caller owner = null!;
    private Guid teamId;
    private IRenderedComponent<MudPopoverProvider> popovers = null!;

    public override async ValueTask InitializeAsync()
    {
        app = await AppServices.StartAsync();
        app.Share<TeamService>(this).Share<ActiveTeamState>(this).Share<RunService>(this).Share<RunHistoryService>(this)
            .Share<VoteService>(this).Share<RubricService>(this).Share<ScoreService>(this);
        owner = await app.CreateUserAsync(Email);
        teamId = (await app.Get<TeamService>().CreateTeamAsync(owner, "Platform")).Id;
        SignIn(owner.UserId, Email);
        popovers = RenderPopovers();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await app.DisposeAsync();
    }

    /// <summary>A connection whose host never resolves (.invalid), so every answer fails at once without any network.</summary>
    private async Task AddUnreachableConnectionAsync()
    {
        await using var db = await app.Get<IDbContextFactory<ModelHubDbContext>>().CreateDbContextAsync();
        db.ProviderConnections.Add(new ProviderConnection
        {
            TeamId = teamId, Name = ConnectionName, ApiStyle = ApiStyle.OpenAiCompatible, BaseUrl = "https://acme.invalid/v1",
            ApiKey = "sk-test-unreachable-1234", ApiKeyHint = "1234", CreatedByUserId = owner.UserId,
        });
        await db.SaveChangesAsync();
    }

    private void ChooseTarget(IRenderedComponent<BlindTestPage> page, int index, string modelId)
    {
        page.WaitForAssertion(() => page.Find($"#blind-target-{index}").Input(ConnectionName));
        popovers.WaitForAssertion(() => popovers.FindAll("[role=option]").First(o => o.TextContent.Contains($"{ConnectionName}: type a model ID")).Click());
        page.WaitForAssertion(() => page.Find($"#blind-model-id-{index}").Input(modelId));
    }

    private static AngleSharp.Dom.IElement Button(IRenderedComponent<BlindTestPage> page, string text) =>
        page.FindAll("button").Single(b => b.TextContent.Trim() == text);

    [Fact]
    public async Task TheAnswersShowNoNamesUntilTheVoteWhichRecordsAnswerAAsLeftAndThenRevealsThem()
    {
        await AddUnreachableConnectionAsync();
        var page = Render<BlindTestPage>();
        page.WaitForAssertion(() => page.Find("#blind-prompt"));

        ChooseTarget(page, 0, "alpha-model");
        ChooseTarget(page, 1, "beta-model");
        // The autocompletes re-render on their own timers: an event on an element they just replaced is tried again.
        page.WaitForAssertion(() => page.Find("#blind-prompt").Input("Name the capital of France."));
        page.WaitForAssertion(() => page.Find("[data-testid=blind-run]").Click());

        // Both answers fail (the host does not exist); the page says so without naming a model, route or connection.
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=blind-failed]")), TimeSpan.FromSeconds(20));
        Assert.Equal("Failed", page.Find("[data-testid=answer-a] [data-testid=status]").TextContent.Trim());
        Assert.Equal("Failed", page.Find("[data-testid=answer-b] [data-testid=status]").TextContent.Trim());
        foreach (var secret in new[] { "alpha-model", "beta-model", ConnectionName, "acme.invalid" })
        {
            Assert.DoesNotContain(secret, page.Markup, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Empty(page.FindAll("[data-testid=revealed-metrics]"));
        Assert.True(Button(page, "A is better").HasAttribute("disabled"));
        Assert.True(Button(page, "Tie").HasAttribute("disabled"));
        Assert.False(Button(page, "Both bad").HasAttribute("disabled"));
        Assert.False(Button(page, "Run again").HasAttribute("disabled"));

        page.WaitForAssertion(() => Button(page, "Both bad").Click());

        page.WaitForAssertion(() => Assert.Contains("You voted Both bad", page.Find("[data-testid=blind-result]").TextContent));
        var shownAsA = page.Find("[data-testid=answer-a] [data-testid=revealed-model]").TextContent.Trim();
        var shownAsB = page.Find("[data-testid=answer-b] [data-testid=revealed-model]").TextContent.Trim();
        Assert.Equal(["alpha-model", "beta-model"], new[] { shownAsA, shownAsB }.Order());
        Assert.Contains(ConnectionName, page.Find("[data-testid=answer-a] [data-testid=revealed-name]").TextContent);
        Assert.NotEmpty(page.FindAll("[data-testid=answer-a] [data-testid=revealed-metrics]"));

        var vote = Assert.Single(await app.Get<VoteService>().ListAsync(owner, teamId, null));
        Assert.Equal("BothBad", vote.Outcome);
        var run = await app.Get<RunHistoryService>().GetAsync(owner, teamId, vote.RunId);
        Assert.Equal(shownAsA, run.Targets.Single(t => t.Id == vote.LeftTargetId).ProviderModelId);
        Assert.Equal(shownAsB, run.Targets.Single(t => t.Id == vote.RightTargetId).ProviderModelId);
        Assert.Equal($"playground/runs/{run.Id}", page.FindAll("a").Single(a => a.TextContent.Trim() == "Open the run").GetAttribute("href"));

        // Next prompt: the same two targets, an empty prompt.
        page.WaitForAssertion(() => Button(page, "Next prompt").Click());
        page.WaitForAssertion(() => Assert.Equal("", page.Find("#blind-prompt").GetAttribute("value") ?? page.Find("#blind-prompt").TextContent));
        Assert.Equal("alpha-model", page.Find("#blind-model-id-0").GetAttribute("value"));
        Assert.Equal("beta-model", page.Find("#blind-model-id-1").GetAttribute("value"));
    }

    [Fact]
    public async Task AViewerIsToldTheyCannotRunBlindTests()
    {
        await AddUnreachableConnectionAsync();
        var viewer = await app.CreateUserAsync("viewer@example.com");
        await app.JoinAsync(owner, teamId, viewer, TeamRole.Viewer);
        SignIn(viewer.UserId, "viewer@example.com");

        var page = Render<BlindTestPage>();

        page.WaitForAssertion(() => Assert.Contains("Viewers can read the team's runs and votes but not run blind tests", page.Markup));
        Assert.Empty(page.FindAll("#blind-prompt"));
    }
}
