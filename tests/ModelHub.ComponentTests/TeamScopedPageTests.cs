using Microsoft.Extensions.DependencyInjection;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Common.Pages;
using ModelHub.Web.Features.Teams;

namespace ModelHub.ComponentTests;

/// <summary>
/// A page's team data is loaded once per team: a second load would reset what the user had started to do
/// on the page (a playground target chosen while the app bar was still loading the teams was lost so).
/// </summary>
public sealed class TeamScopedPageTests : ComponentTest
{
    private AppServices app = null!;
    private Caller owner = null!;
    private Guid research;
    private Guid platform;

    public override async ValueTask InitializeAsync()
    {
        app = await AppServices.StartAsync();
        app.Share<TeamService>(this);
        Services.AddScoped<ActiveTeamState>();
        owner = await app.CreateUserAsync(UserEmail);
        platform = (await app.Get<TeamService>().CreateTeamAsync(owner, "Platform")).Id;
        research = (await app.Get<TeamService>().CreateTeamAsync(owner, "Research")).Id;
        SignIn(owner.UserId, UserEmail);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task APageOpenedWhileTheAppBarLoadsTheTeamsLoadsItsTeamOnceBeforeItsStartUpEndsAndAReloadOfTheSameTeamDoesNotLoadAgain()
    {
        var teams = Services.GetRequiredService<ActiveTeamState>();

        // The app bar starts loading the teams; the page opens before that finished and loads them too.
        var appBarLoad = Renderer.Dispatcher.InvokeAsync(() => teams.LoadAsync(owner));
        var page = Render<CountingTeamPage>();
        await appBarLoad;

        page.WaitForAssertion(() => Assert.Equal([research], page.Instance.Loads));
        // Start-up ends with the data, whichever of the two loads started it: a prerendered page shows it.
        Assert.True(page.Instance.StartedUpWithData);
        // Whatever else raises Changed for the same team (a rename, the bell) does not load again.
        await page.InvokeAsync(() => teams.LoadAsync(owner));
        Assert.Equal([research], page.Instance.Loads);
    }

    [Fact]
    public async Task SwitchingTeamLoadsTheNewTeamOnce()
    {
        var page = Render<CountingTeamPage>();
        page.WaitForAssertion(() => Assert.Equal([research], page.Instance.Loads));

        await page.InvokeAsync(() => Services.GetRequiredService<ActiveTeamState>().SwitchAsync(owner, platform));

        page.WaitForAssertion(() => Assert.Equal([research, platform], page.Instance.Loads));
    }

    /// <summary>A team page that notes each team it loads data for.</summary>
    private sealed class CountingTeamPage : TeamScopedPage
    {
        public List<Guid> Loads { get; } = [];

        public bool StartedUpWithData { get; private set; }

        protected override async Task OnInitializedAsync()
        {
            await base.OnInitializedAsync();
            StartedUpWithData = Loads.Count > 0;
        }

        protected override async Task OnTeamChangedAsync()
        {
            // Loading takes a moment, as a page's database queries do.
            await Task.Delay(50);
            Loads.Add(Team!.Id);
        }
    }
}
