using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModelHub.Web.Features.Accounts;
using ModelHub.Web.Features.Administration;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Teams;

namespace ModelHub.IntegrationTests;

[Trait("Database", "true")]
public sealed class AccountTests : IntegrationTest
{
    [Fact]
    public async Task FirstAccountBecomesInstanceAdministratorAndLaterOnesDoNot()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var administration = scope.ServiceProvider.GetRequiredService<InstanceAdministration>();
        var first = new ApplicationUser { UserName = "first@example.com", Email = "first@example.com" };
        var second = new ApplicationUser { UserName = "second@example.com", Email = "second@example.com" };

        await users.CreateAsync(first, TestUser.Password);
        await administration.PromoteIfFirstUserAsync(first);
        await users.CreateAsync(second, TestUser.Password);
        await administration.PromoteIfFirstUserAsync(second);

        Assert.True((await users.FindByEmailAsync("first@example.com"))!.IsInstanceAdmin);
        Assert.False((await users.FindByEmailAsync("second@example.com"))!.IsInstanceAdmin);
    }

    [Fact]
    public async Task RegisterPageIsOpenByDefault()
    {
        var html = await (await app.CreateApiClient().GetAsync("/Account/Register")).ExpectAsync(HttpStatusCode.OK);

        Assert.Contains("Create account", html);
        Assert.DoesNotContain("by invitation only", html);
    }

    [Fact]
    public async Task ClosedRegistrationShowsInviteOnlyMessageUnlessAValidInviteIsCarried()
    {
        var admin = await app.CreateUserAsync("admin@example.com", admin: true);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<InstanceAdministration>().SetRegistrationOpenAsync(new Caller(admin.Id, true), false);
        }

        var teamId = (await (await admin.Api.PostJsonAsync("/api/v1/teams", new CreateTeamRequest("Lab"))).ReadAsync<TeamSummary>(HttpStatusCode.Created)).Id;
        var invite = await (await admin.Api.PostJsonAsync($"/api/v1/teams/{teamId}/invites", new CreateInviteRequest(null))).ReadAsync<CreatedInvite>(HttpStatusCode.Created);
        var token = invite.Url[(invite.Url.LastIndexOf('/') + 1)..];
        var client = app.CreateApiClient();

        var closed = await (await client.GetAsync("/Account/Register")).ExpectAsync(HttpStatusCode.OK);
        var withInvite = await (await client.GetAsync($"/Account/Register?ReturnUrl=%2Finvites%2F{token}")).ExpectAsync(HttpStatusCode.OK);
        var withBogusInvite = await (await client.GetAsync("/Account/Register?ReturnUrl=%2Finvites%2Finv_bogus")).ExpectAsync(HttpStatusCode.OK);

        Assert.Contains("by invitation only", closed);
        Assert.DoesNotContain("by invitation only", withInvite);
        Assert.Contains("Create account", withInvite);
        Assert.Contains("by invitation only", withBogusInvite);
    }

    [Fact]
    public async Task OnlyAnAdministratorCanCloseRegistration()
    {
        var user = await app.CreateUserAsync("user@example.com");
        await using var scope = app.Services.CreateAsyncScope();
        var administration = scope.ServiceProvider.GetRequiredService<InstanceAdministration>();

        await Assert.ThrowsAsync<ForbiddenException>(() => administration.SetRegistrationOpenAsync(new Caller(user.Id, false), false));

        Assert.True(await administration.IsRegistrationOpenAsync());
    }

    [Fact]
    public async Task AccountLocksAfterFiveFailedSignIns()
    {
        await app.CreateUserAsync("lock@example.com");
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<ApplicationUser>>();
        var user = (await users.FindByEmailAsync("lock@example.com"))!;

        for (var attempt = 0; attempt < 4; attempt++)
        {
            Assert.False((await signIn.CheckPasswordSignInAsync(user, "wrong-password", lockoutOnFailure: true)).IsLockedOut);
        }

        var fifth = await signIn.CheckPasswordSignInAsync(user, "wrong-password", lockoutOnFailure: true);
        var rightPasswordAfterwards = await signIn.CheckPasswordSignInAsync(user, TestUser.Password, lockoutOnFailure: true);

        Assert.True(fifth.IsLockedOut);
        Assert.True(rightPasswordAfterwards.IsLockedOut);
    }

    [Fact]
    public async Task EmailConfirmationIsNotRequiredByDefaultButASettingRequiresIt()
    {
        await using var defaults = new ModelHubFactory();
        await using var strict = new ModelHubFactory();
        strict.Settings["Accounts:RequireConfirmedEmail"] = "true";

        var defaultOptions = defaults.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdentityOptions>>().Value;
        var strictOptions = strict.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<IdentityOptions>>().Value;

        Assert.False(defaultOptions.SignIn.RequireConfirmedAccount);
        Assert.True(strictOptions.SignIn.RequireConfirmedAccount);
    }

    [Fact]
    public async Task PasswordResetMailLandsInTheOutboxWithoutSmtp()
    {
        await app.CreateUserAsync("forgot@example.com");
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var sender = scope.ServiceProvider.GetRequiredService<IEmailSender<ApplicationUser>>();

        await sender.SendPasswordResetLinkAsync((await users.FindByEmailAsync("forgot@example.com"))!, "forgot@example.com", "https://example.test/reset?code=abc");

        var mail = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync());
        Assert.Equal("forgot@example.com", mail.To);
        Assert.Contains("https://example.test/reset?code=abc", mail.HtmlBody);
    }

    [Fact]
    public async Task ThemePreferenceIsRememberedPerUser()
    {
        var dark = await app.CreateUserAsync("dark@example.com");
        var light = await app.CreateUserAsync("light@example.com");
        await using var scope = app.Services.CreateAsyncScope();
        var preferences = scope.ServiceProvider.GetRequiredService<UserPreferences>();

        await preferences.SetThemeAsync(new Caller(dark.Id, false), UiTheme.Dark);

        Assert.Equal(UiTheme.Dark, await preferences.GetThemeAsync(dark.Id));
        Assert.Equal(UiTheme.Light, await preferences.GetThemeAsync(light.Id));
    }
}
