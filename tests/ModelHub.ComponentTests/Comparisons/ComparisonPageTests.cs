using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Comparisons;
using ModelHub.Web.Features.Evaluations;
using ModelHub.Web.Features.Teams;

namespace ModelHub.ComponentTests.Comparisons;

public sealed class ComparisonPageTests : ComponentTest
{
    private const string Email = "lin@example.com";
    private AppServices app = null!;
    private Caller owner = null!;
    private Guid teamId;

    public override async ValueTask InitializeAsync()
    {
        app = await AppServices.StartAsync();
        app.Share<TeamService>(this).Share<ActiveTeamState>(this).Share<ComparisonService>(this).Share<CatalogQueries>(this)
            .Share<ComparisonRunLinks>(this).Share<PriceChangeNotifications>(this).Share<NoteService>(this).Share<TimeProvider>(this);
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

    private Task<ComparisonView> SaveAsync(params string[] models) =>
        app.Get<ComparisonService>().CreateAsync(owner, teamId, new ComparisonInput("Support bot", models, new ComparisonWorkload(1_000, 1_000, 200, 0, 30)));

    [Fact]
    public async Task TheListShowsTheTeamsComparisons()
    {
        var saved = await SaveAsync("glm-4v-9b", "gpt-4o");

        var page = Render<ComparisonsPage>();

        page.WaitForAssertion(() => Assert.Contains("Support bot", page.Find("[data-testid=comparison-list]").TextContent));
        Assert.Equal($"comparisons/{saved.Id}", page.Find("[data-testid=comparison-list] a").GetAttribute("href"));
    }

    [Fact]
    public async Task MonthlyCostsFollowTheFormulaAndAPresetRecomputesThemWithoutSaving()
    {
        var saved = await SaveAsync("glm-4v-9b", "gpt-4o");
        var glm = saved.Models.Single(m => m.Slug == "glm-4v-9b").MonthlyCost!;

        var page = Render<ComparisonPage>(p => p.Add(c => c.Id, saved.Id));

        page.WaitForAssertion(() => Assert.Contains("GLM-4V-9B", page.Find("[data-testid=monthly-cost]").TextContent));
        var before = page.Find("[data-testid=monthly-cost]").TextContent;
        Assert.Contains(glm.ProviderModelId, before);
        Assert.StartsWith("GLM-4V-9B ranks first", page.Find("[data-testid=verdict]").TextContent.Trim());

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Batch extraction").Click();

        page.WaitForAssertion(() => Assert.NotEqual(before, page.Find("[data-testid=monthly-cost]").TextContent));
        Assert.Contains("Save workload", page.Markup);
        var stored = await app.Get<ComparisonService>().GetAsync(owner, teamId, saved.Id);
        Assert.Equal(1_000, stored.Workload.RequestsPerDay);
    }

    [Fact]
    public async Task SavingTheWorkloadIsRecordedInTheHistory()
    {
        var saved = await SaveAsync("glm-4v-9b", "gpt-4o");
        var page = Render<ComparisonPage>(p => p.Add(c => c.Id, saved.Id));
        page.WaitForAssertion(() => Assert.Contains("Batch extraction", page.Markup));

        page.FindAll("button").Single(b => b.TextContent.Trim() == "Batch extraction").Click();
        page.WaitForAssertion(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Save workload").Click());

        page.WaitForAssertion(() => Assert.Contains("workload 20,000 requests/day", page.Markup));
        Assert.Equal(20_000, (await app.Get<ComparisonService>().GetAsync(owner, teamId, saved.Id)).Workload.RequestsPerDay);
    }

    [Fact]
    public async Task EditedNotesAreSavedAndRenderedAsSanitisedMarkdown()
    {
        var saved = await SaveAsync("glm-4v-9b", "gpt-4o");
        var page = Render<ComparisonPage>(p => p.Add(c => c.Id, saved.Id));
        page.WaitForAssertion(() => page.FindAll("button").Single(b => b.TextContent.Trim() == "Edit").Click());

        page.WaitForAssertion(() => page.Find("[data-testid=comparison-edit] textarea").Input("**EU hosting** needed <script>alert(1)</script> [x](javascript:alert(2))"));
        page.FindAll("button").Single(b => b.TextContent.Trim() == "Save changes").Click();

        page.WaitForAssertion(() => Assert.Contains("<strong>EU hosting</strong>", page.Find("[data-testid=comparison-notes]").InnerHtml));
        var notes = page.Find("[data-testid=comparison-notes]").InnerHtml;
        Assert.DoesNotContain("<script", notes);
        Assert.DoesNotContain("javascript:", notes);
        Assert.Empty(page.FindAll("[data-testid=comparison-edit]"));
        var stored = await app.Get<ComparisonService>().GetAsync(owner, teamId, saved.Id);
        Assert.StartsWith("**EU hosting**", stored.Notes);
        Assert.Contains("notes edited", stored.Revisions[0].Summary);
    }

    [Fact]
    public async Task AViewerSeesTheComparisonWithoutAnyWayToChangeIt()
    {
        var saved = await SaveAsync("glm-4v-9b", "gpt-4o");
        var viewer = await app.CreateUserAsync("viewer@example.com");
        await app.JoinAsync(owner, teamId, viewer, TeamRole.Viewer);
        SignIn(viewer.UserId, "viewer@example.com");

        var page = Render<ComparisonPage>(p => p.Add(c => c.Id, saved.Id));

        page.WaitForAssertion(() => Assert.Contains("GLM-4V-9B", page.Find("[data-testid=monthly-cost]").TextContent));
        var buttons = page.FindAll("button").Select(b => b.TextContent.Trim()).ToList();
        Assert.DoesNotContain("Edit", buttons);
        Assert.DoesNotContain("Delete", buttons);
        Assert.DoesNotContain("Record a decision", buttons);
        Assert.DoesNotContain("Link run", buttons);
    }
}
