using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Comparisons;
using ModelHub.Web.Features.Playground.Runs;
using ModelHub.Web.Features.Teams;

namespace ModelHub.ComponentTests.Comparisons;

public sealed class LinkedRunsSectionTests : ComponentTest
{
    private const string Email = "lin@example.com";
    private AppServices app = null!;
    private Caller owner = null!;
    private Guid teamId;

    public override async ValueTask InitializeAsync()
    {
        app = await AppServices.StartAsync();
        app.Share<ComparisonRunLinks>(this);
        owner = await app.CreateUserAsync(Email);
        teamId = (await app.Get<TeamService>().CreateTeamAsync(owner, "Platform")).Id;
        SignIn(owner.UserId, Email);
        RenderPopovers();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await app.DisposeAsync();
    }

    /// <summary>A finished run of the team with one successful answer per (model, input tokens, output tokens).</summary>
    private async Task<Guid> AddRunAsync(string title, params (string Slug, int InputTokens, int OutputTokens)[] answers)
    {
        await using var db = await app.Get<IDbContextFactory<ModelHubDbContext>>().CreateDbContextAsync();
        var run = new PlaygroundRun
        {
            TeamId = teamId, AuthorUserId = owner.UserId, Title = title, MessagesJson = "[]", ParametersJson = "{}", Status = RunStatus.Succeeded,
        };
        run.Targets.AddRange(answers.Select((a, i) => new RunTarget
        {
            Position = i, ConnectionName = "Prod", ProviderModelId = a.Slug, DisplayName = a.Slug, ModelSlug = a.Slug, Status = RunStatus.Succeeded,
            TimeToFirstTokenMs = 100, TotalMs = 1_100, InputTokens = a.InputTokens, OutputTokens = a.OutputTokens, CostUsd = 0.01m,
        }));
        db.PlaygroundRuns.Add(run);
        await db.SaveChangesAsync();
        return run.Id;
    }

    [Fact]
    public async Task UseMeasuredTokensRaisesTheWorkloadAtTheMeasuredMeansWeightedByAnswers()
    {
        var workload = new ComparisonWorkload(1_000, 500, 50, 0.25m, 30);
        var comparison = await app.Get<ComparisonService>().CreateAsync(owner, teamId, new ComparisonInput("Support bot", ["gpt-4o", "glm-4v-9b"], workload));
        var links = app.Get<ComparisonRunLinks>();
        await links.LinkAsync(owner, teamId, comparison.Id, await AddRunAsync("Both", ("gpt-4o", 2_000, 400), ("glm-4v-9b", 1_000, 100)));
        await links.LinkAsync(owner, teamId, comparison.Id, await AddRunAsync("GPT again", ("gpt-4o", 3_000, 200)));
        var view = await app.Get<ComparisonService>().GetAsync(owner, teamId, comparison.Id);
        ComparisonWorkload? raised = null;

        var section = Render<LinkedRunsSection>(p => p
            .Add(s => s.TeamId, teamId)
            .Add(s => s.View, view)
            .Add(s => s.CanEdit, false)
            .Add(s => s.UseMeasuredTokens, (ComparisonWorkload w) => raised = w));
        section.WaitForAssertion(() => Assert.Contains("GPT again", section.Find("[data-testid=linked-runs]").TextContent));
        section.FindAll("button").Single(b => b.TextContent.Trim() == "Use measured tokens").Click();

        // Input: GPT-4o's mean 2,500 over two answers and GLM's 1,000 over one, so (2,500 × 2 + 1,000) / 3 = 2,000; output (300 × 2 + 100) / 3 ≈ 233.
        Assert.Equal(workload with { InputTokensPerRequest = 2_000, OutputTokensPerRequest = 233 }, raised);
    }

    [Fact]
    public async Task WithoutLinkedRunsItExplainsWhatLinkingAddsAndOffersTheTeamsRuns()
    {
        var comparison = await app.Get<ComparisonService>().CreateAsync(owner, teamId, new ComparisonInput("Support bot", ["gpt-4o", "glm-4v-9b"]));
        await AddRunAsync("Try GPT-4o", ("gpt-4o", 1_000, 100));

        var section = Render<LinkedRunsSection>(p => p.Add(s => s.TeamId, teamId).Add(s => s.View, comparison).Add(s => s.CanEdit, true));

        Assert.Contains("No playground run is linked yet", section.Find("[data-testid=no-linked-runs]").TextContent);
        section.WaitForAssertion(() => Assert.Single(section.FindAll("button"), b => b.TextContent.Trim() == "Link run"));
        Assert.Empty(section.FindAll("[data-testid=no-candidates]"));
    }
}
