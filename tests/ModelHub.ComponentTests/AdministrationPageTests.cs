using Microsoft.Extensions.Options;
using ModelHub.Web.Features.Administration;
using ModelHub.Web.Features.Mail;
using ModelHub.Web.Features.Teams;

namespace ModelHub.ComponentTests;

public sealed class AdministrationPageTests : ComponentTest
{
    private AppServices app = null!;

    public override async ValueTask InitializeAsync()
    {
        app = await AppServices.StartAsync();
        app.Share<InstanceAdministration>(this).Share<IOptions<MailOptions>>(this);
        SignIn(instanceAdmin: true);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task RegistrationSwitchIsNamedByItsVisibleLabelAndClosesRegistration()
    {
        var administration = app.Get<InstanceAdministration>();
        Assert.True(await administration.IsRegistrationOpenAsync());
        var page = Render<AdministrationPage>();
        page.WaitForAssertion(() => Assert.True(page.Find("input[role=switch]").HasAttribute("checked")));

        var registration = page.Find("input[role=switch]");
        Assert.Equal("Open registration", registration.Closest("label")!.TextContent.Trim());
        registration.Change(false);

        page.WaitForAssertion(() => Assert.StartsWith("Registration is invite-only", page.Find("[data-testid=registration-state]").TextContent.Trim()));
        Assert.False(await administration.IsRegistrationOpenAsync());
        Assert.False(page.Find("input[role=switch]").HasAttribute("checked"));
    }

    [Fact]
    public async Task OutboxListsMailSentWithoutSmtpAndLinksToTheCatalogImport()
    {
        var owner = await app.CreateUserAsync("grace@example.com");
        var teams = app.Get<TeamService>();
        var team = await teams.CreateTeamAsync(owner, "Research");
        await teams.CreateInviteAsync(owner, team.Id, "ada@example.com", TeamRole.Member, 7);

        var page = Render<AdministrationPage>();

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("td"), td => td.TextContent.Trim() == "ada@example.com"));
        Assert.Single(page.FindAll("a[href='admin/catalog/import']"));
    }
}
