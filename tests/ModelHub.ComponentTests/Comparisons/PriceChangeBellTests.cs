using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Comparisons;
using ModelHub.Web.Features.Teams;

namespace ModelHub.ComponentTests.Comparisons;

public sealed class PriceChangeBellTests : ComponentTest
{
    private const string Email = "noor@example.com";
    private AppServices app = null!;
    private Caller owner = null!;
    private Guid teamId;

    public override async ValueTask InitializeAsync()
    {
        app = await AppServices.StartAsync();
        app.Share<TeamService>(this).Share<ActiveTeamState>(this).Share<PriceChangeNotifications>(this);
        owner = await app.CreateUserAsync(Email);
        teamId = (await app.Get<TeamService>().CreateTeamAsync(owner, "Platform")).Id;
        await app.Get<ActiveTeamState>().LoadAsync(owner);
        SignIn(owner.UserId, Email);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await app.DisposeAsync();
    }

    private Task<ComparisonView> SaveAsync(string name, params string[] models) =>
        app.Get<ComparisonService>().CreateAsync(owner, teamId, new ComparisonInput(name, models));

    /// <summary>Doubles the input price of every route of <paramref name="modelSlug"/>, dated now.</summary>
    private async Task RepriceAsync(string modelSlug)
    {
        await using var db = await app.Get<IDbContextFactory<ModelHubDbContext>>().CreateDbContextAsync();
        foreach (var route in await db.Routes.Where(r => r.Model.Slug == modelSlug && r.InputPricePerMillion != null).ToListAsync())
        {
            route.InputPricePerMillion *= 2;
            route.UpdatedAtUtc = DateTime.UtcNow;
        }

        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task TheBadgeCountsComparisonsWithUnseenChangesAndTheMenuLinksToThem()
    {
        var vision = await SaveAsync("Vision bot", "glm-4v-9b", "gpt-4o");
        var chat = await SaveAsync("Chat", "glm-4v-9b", "gpt-4o-mini");
        await SaveAsync("Untouched", "gpt-4o", "gpt-4o-mini");
        await RepriceAsync("glm-4v-9b");

        var bell = Render<PriceChangeBell>();

        bell.WaitForAssertion(() => Assert.Equal("2", bell.Find(".mh-badge").TextContent.Trim()));
        var button = bell.Find("button[data-mh-menu]");
        Assert.Equal("Price changes: 2 comparisons", button.GetAttribute("aria-label"));
        // The menu opens in the browser (shell.js); its items are the server's.
        var menu = bell.Find($"#{button.GetAttribute("aria-controls")}[role=menu]");
        Assert.Equal(2, menu.QuerySelectorAll("a[role=menuitem]").Length);
        var link = menu.QuerySelectorAll("a[role=menuitem]").Single(a => a.TextContent.Contains("Vision bot"));
        Assert.Equal($"comparisons/{vision.Id}", link.GetAttribute("href"));
        Assert.Matches(@"^Platform · Vision bot — \d+ changes?, latest \d{4}-\d{2}-\d{2}$", link.TextContent.Trim());
        Assert.Contains(menu.QuerySelectorAll("a[role=menuitem]"), a => a.GetAttribute("href") == $"comparisons/{chat.Id}");
    }

    [Fact]
    public async Task OpeningAComparisonTakesItOffTheBell()
    {
        var vision = await SaveAsync("Vision bot", "glm-4v-9b", "gpt-4o");
        await RepriceAsync("glm-4v-9b");
        var bell = Render<PriceChangeBell>();
        bell.WaitForAssertion(() => Assert.Equal("Price changes: 1 comparison", bell.Find("button[data-mh-menu]").GetAttribute("aria-label")));

        await bell.InvokeAsync(() => app.Get<PriceChangeNotifications>().MarkSeenAsync(owner, teamId, vision.Id));

        bell.WaitForAssertion(() => Assert.Equal("No price changes", bell.Find("button[data-mh-menu]").GetAttribute("aria-label")));
        Assert.Empty(bell.FindAll(".mh-badge"));
    }

    [Fact]
    public async Task AnotherTeamsComparisonIsOpenedBySwitchingToThatTeam()
    {
        var research = (await app.Get<TeamService>().CreateTeamAsync(owner, "Research")).Id;
        await app.Get<TeamService>().SetActiveTeamAsync(owner, teamId);
        await app.Get<ActiveTeamState>().LoadAsync(owner);
        var theirs = await app.Get<ComparisonService>().CreateAsync(owner, research, new ComparisonInput("Embeddings", ["glm-4v-9b", "gpt-4o"]));
        await RepriceAsync("glm-4v-9b");
        var bell = Render<PriceChangeBell>();
        bell.WaitForAssertion(() => Assert.Equal("Price changes: 1 comparison", bell.Find("button[data-mh-menu]").GetAttribute("aria-label")));

        bell.FindAll("[role=menuitem]").Single(i => i.TextContent.Contains("Research · Embeddings")).Click();

        bell.WaitForAssertion(() => Assert.Equal(research, app.Get<ActiveTeamState>().Active?.Id));
        Assert.EndsWith($"comparisons/{theirs.Id}", Services.GetRequiredService<NavigationManager>().Uri);
    }
}
