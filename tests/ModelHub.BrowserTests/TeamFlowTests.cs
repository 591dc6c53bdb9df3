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
        var inviteLink = owner.Locator("input[name='invite-link']");
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
        var row = owner.Locator("tr", new() { HasText = colleagueEmail });
        await row.Locator(".rz-dropdown").ClickAsync();
        await owner.Locator(".rz-dropdown-item:visible", new() { HasTextString = "Viewer" }).ClickAsync();
        await Assertions.Expect(row.Locator(".rz-dropdown-label")).ToHaveTextAsync("Viewer");

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
        await Assertions.Expect(colleague.GetByRole(AriaRole.Button, new() { Name = "Create an account" })).ToBeVisibleAsync();
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
