using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ModelHub.Web.Features.Playground.Runs;
using ModelHub.Web.Features.Teams;

namespace ModelHub.ComponentTests;

public sealed class RunHistoryTests : ComponentTest
{
    private AppServices app = default!;
    private PlaygroundTestData data = default!;

    public override async ValueTask InitializeAsync()
    {
        app = await AppServices.StartAsync();
        data = await PlaygroundTestData.CreateAsync(app);
        app.Share<RunHistoryService>(this).Share<RunService>(this).Share<TeamService>(this);
        Services.AddScoped<ActiveTeamState>();
        SignIn(data.Caller.UserId, data.Email);
        RenderPopovers();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public void AnEmptyHistoryInvitesAFirstRun()
    {
        var page = Render<RunHistoryPage>();

        page.WaitForAssertion(() => Assert.Contains("No runs yet. Start one in the playground.", page.Markup));
    }

    [Fact]
    public async Task TheGridShowsTheTeamsRunsNewestFirstAndSortsByTitleInTheDatabase()
    {
        var start = new DateTime(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);
        await data.AddRunAsync("Beta prompt", RunStatus.Succeeded, start);
        await data.AddRunAsync("Alpha prompt", RunStatus.Failed, start.AddMinutes(5));
        await data.AddRunAsync("Gamma prompt", RunStatus.Cancelled, start.AddMinutes(10));

        var page = Render<RunHistoryPage>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("tr.mh-history-row").Count));
        Assert.Equal(["Gamma prompt", "Alpha prompt", "Beta prompt"], Titles(page));
        Assert.Equal("playground/runs/", page.Find("tr.mh-history-row a").GetAttribute("href")![..16]);

        // Sorting by the prompt column asks the database for that order.
        ClickSort(page, "Prompt");
        page.WaitForAssertion(() => Assert.Equal(["Alpha prompt", "Beta prompt", "Gamma prompt"], Titles(page)));
    }

    [Fact]
    public async Task FiltersComeFromTheAddressGoBackIntoItAndSayWhenNothingMatches()
    {
        await data.AddRunAsync("Cats and dogs", RunStatus.Succeeded, DateTime.UtcNow.AddMinutes(-2));
        await data.AddRunAsync("Failed attempt", RunStatus.Failed, DateTime.UtcNow.AddMinutes(-1));
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("status", "Failed"));

        var page = Render<RunHistoryPage>();
        page.WaitForAssertion(() => Assert.Equal(["Failed attempt"], Titles(page)));

        // Typing a search keeps the status and puts both in the address, so the view can be shared.
        page.Find("#history-search").Change("nothing like this");
        page.WaitForAssertion(() =>
        {
            Assert.Contains("q=nothing%20like%20this", navigation.Uri);
            Assert.Contains("status=Failed", navigation.Uri);
        });
        page.WaitForAssertion(() => Assert.Contains("No runs match these filters.", page.Markup));
    }

    /// <summary>Clicks whichever part of a column header MudDataGrid listens on for sorting.</summary>
    private static void ClickSort(IRenderedComponent<RunHistoryPage> page, string column)
    {
        var header = page.FindAll("th").First(th => th.TextContent.Contains(column));
        foreach (var element in header.QuerySelectorAll("*"))
        {
            try
            {
                element.Click();
                return;
            }
            catch (MissingEventHandlerException)
            {
                // Not this element; MudBlazor puts the handler on an inner one.
            }
        }

        Assert.Fail($"No clickable sort control in the {column} header.");
    }

    private static List<string> Titles(IRenderedComponent<RunHistoryPage> page) =>
        [.. page.FindAll("tr.mh-history-row").Select(row => row.QuerySelector("a")!.TextContent.Trim())];
}
