using Microsoft.Playwright;

namespace ModelHub.BrowserTests;

public sealed class TeamFlowTests(AppServer app)
{
    [Fact]
    public async Task OwnerInvitesColleagueByLinkChangesTheirRoleAndTheySignOut()
    {
        var ownerEmail = Flows.UniqueEmail("owner");
        var colleagueEmail = Flows.UniqueEmail("colleague");
        var owner = await app.NewPageAsync();

        // The owner registers, creates a team and makes an invite link.
        await owner.RegisterAsync(ownerEmail);
        await owner.CreateTeamAsync("Research");
        await Assertions.Expect(owner.GetByTestId("my-role")).ToHaveTextAsync("Owner");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Create invite link" }).ClickAsync();
        var inviteLink = owner.GetByLabel("Invite link", new() { Exact = true });
        await Assertions.Expect(inviteLink).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/invites/inv_"));
        var inviteUrl = await inviteLink.InputValueAsync();
        await owner.ScreenshotAsync(app, "team-owner-invite");

        // The colleague opens the link signed out, creates an account from the sign-in page and joins.
        var colleague = await app.NewPageAsync();
        await colleague.GotoAsync(inviteUrl);
        await colleague.GetByRole(AriaRole.Link, new() { Name = "Create an account" }).ClickAsync();
        await colleague.RegisterAsync(colleagueEmail, returnUrl: inviteUrl);
        await Assertions.Expect(colleague.GetByText("You are invited to join")).ToBeVisibleAsync();
        await colleague.GetByRole(AriaRole.Button, new() { Name = "Join Research" }).ClickAsync();
        await Assertions.Expect(colleague.GetByTestId("my-role")).ToHaveTextAsync("Member");

        // The owner sees the new member and makes them a Viewer.
        await owner.ReloadAsync();
        await owner.WaitForInteractiveAsync();
        await owner.GetByRole(AriaRole.Combobox, new() { Name = $"Role for {colleagueEmail}" }).ClickAsync();
        await owner.GetByRole(AriaRole.Option, new() { Name = "Viewer" }).ClickAsync();
        await Assertions.Expect(owner.GetByRole(AriaRole.Combobox, new() { Name = $"Role for {colleagueEmail}" })).ToHaveTextAsync("Viewer");
        await Assertions.Expect(owner.GetByText($"{colleagueEmail} is now Viewer.")).ToBeVisibleAsync();

        // The change takes effect for the colleague: Viewer, and no invite form.
        await colleague.ReloadAsync();
        await colleague.WaitForInteractiveAsync();
        await Assertions.Expect(colleague.GetByTestId("my-role")).ToHaveTextAsync("Viewer");
        await Assertions.Expect(colleague.GetByRole(AriaRole.Heading, new() { Name = "Invite people" })).ToHaveCountAsync(0);
        await colleague.ScreenshotAsync(app, "team-viewer");

        // The reused link is refused with a message.
        var third = await app.NewPageAsync();
        await third.RegisterAsync(Flows.UniqueEmail("third"));
        await third.GotoAsync(inviteUrl);
        await Assertions.Expect(third.GetByText("already been used")).ToBeVisibleAsync();

        await colleague.SignOutAsync();
        await Assertions.Expect(colleague.GetByRole(AriaRole.Link, new() { Name = "Create an account" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TeamTeamsTokensAndAdministrationPagesFitAPhoneScreenInLightAndDark()
    {
        var page = await app.NewPageAsync();
        await page.RegisterAsync(Flows.UniqueEmail("narrow"));
        await page.CreateTeamAsync("Pocket");
        await page.ScreenshotAsync(app, "team-owner-light");
        await page.GetByRole(AriaRole.Button, new() { Name = "Dark" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Light" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create invite link" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Invite link", new() { Exact = true })).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/invites/inv_"));
        await page.ScreenshotAsync(app, "team-owner-dark");

        await page.SetViewportSizeAsync(390, 844);
        foreach (var (path, name) in new[] { ("/team", "team"), ("/teams", "teams"), ("/settings/tokens", "tokens") })
        {
            await page.GotoAsync(path);
            await page.WaitForInteractiveAsync();
            await page.ScreenshotAsync(app, $"{name}-phone-dark");
            Assert.False(await page.EvaluateAsync<bool>(Flows.SidewaysOverflowScript), $"{path} scrolls sideways at phone width.");
        }

        var admin = await app.NewPageAsync(390, 844);
        await admin.SignInAsync(AppServer.AdminEmail);
        await admin.GotoAsync("/admin");
        await admin.WaitForInteractiveAsync();
        await admin.ScreenshotAsync(app, "admin-phone");
        Assert.False(await admin.EvaluateAsync<bool>(Flows.SidewaysOverflowScript), "/admin scrolls sideways at phone width.");
    }

    [Fact]
    public async Task SignedInBrowserCallsTheApiWithItsCookie()
    {
        var page = await app.NewPageAsync();
        var email = Flows.UniqueEmail("api");
        await page.RegisterAsync(email);

        var response = await page.Context.APIRequest.GetAsync("/api/v1/me");

        Assert.Equal(200, response.Status);
        Assert.Contains(email, await response.TextAsync());
    }

    [Fact]
    public async Task WrongPasswordSaysSoAndSignInWorksWithTheRightOne()
    {
        var page = await app.NewPageAsync();
        var email = Flows.UniqueEmail("signin");
        await page.RegisterAsync(email);
        await page.SignOutAsync();

        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("not-my-password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText("Invalid login attempt")).ToBeVisibleAsync();

        await page.SignInAsync(email);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome to ModelHub" })).ToBeVisibleAsync();
    }
}
