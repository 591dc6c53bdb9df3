using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ModelHub.BrowserTests;

public sealed class AccountFlowTests(AppServer app)
{
    [Fact]
    public async Task ForgottenPasswordMailReachesTheOutboxAndItsLinkSetsANewPassword()
    {
        var email = Flows.UniqueEmail("forgot");
        var user = await app.NewPageAsync();
        await user.RegisterAsync(email);
        await user.SignOutAsync();

        await user.GotoAsync("/Account/ForgotPassword");
        await user.GetByLabel("Email").FillAsync(email);
        await user.GetByRole(AriaRole.Button, new() { Name = "Reset password" }).ClickAsync();
        await Assertions.Expect(user.GetByRole(AriaRole.Heading, new() { Name = "Forgot password confirmation" })).ToBeVisibleAsync();

        // No SMTP here: the administrator finds the message in the outbox.
        var admin = await app.NewPageAsync();
        await admin.SignInAsync(AppServer.AdminEmail);
        await admin.GotoAsync("/admin");
        await admin.WaitForInteractiveAsync();
        // Registration sent a confirmation mail too; the reset is its own row.
        var row = admin.Locator("tr", new() { HasText = email }).Filter(new() { HasText = "Reset your ModelHub password" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await row.GetByText("Show").ClickAsync();
        await admin.ScreenshotAsync(app, "admin-outbox");
        var resetLink = await row.Locator(".mh-outbox-body a").GetAttributeAsync("href");

        await user.GotoAsync(resetLink!);
        await user.GetByLabel("Email").FillAsync(email);
        await user.GetByLabel("Password", new() { Exact = true }).FillAsync("Br4nd-new-pass!");
        await user.GetByLabel("Confirm password").FillAsync("Br4nd-new-pass!");
        await user.GetByRole(AriaRole.Button, new() { Name = "Reset" }).ClickAsync();
        await Assertions.Expect(user.GetByText("Your password has been reset")).ToBeVisibleAsync();

        await user.SignInAsync(email, "Br4nd-new-pass!");
        await Assertions.Expect(user.GetByRole(AriaRole.Heading, new() { Name = "Welcome to ModelHub" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ChangedPasswordIsTheOneThatSignsIn()
    {
        var email = Flows.UniqueEmail("change");
        var page = await app.NewPageAsync();
        await page.RegisterAsync(email);

        await page.GotoAsync("/Account/Manage/ChangePassword");
        await page.GetByLabel("Old password").FillAsync(Flows.Password);
        await page.GetByLabel("New password").FillAsync("Ch4nged-pass!");
        await page.GetByLabel("Confirm password").FillAsync("Ch4nged-pass!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Update password" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Your password has been changed")).ToBeVisibleAsync();
        await page.ScreenshotAsync(app, "account-change-password");

        await page.GotoAsync("/");
        await page.WaitForInteractiveAsync();
        await page.SignOutAsync();
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Flows.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText("Invalid login attempt")).ToBeVisibleAsync();
        await page.SignInAsync(email, "Ch4nged-pass!");
    }

    [Fact]
    public async Task AccessTokenIsShownOnceAndWorksForTheApiWithoutACookie()
    {
        var email = Flows.UniqueEmail("token");
        var page = await app.NewPageAsync();
        await page.RegisterAsync(email);
        await page.GotoAsync("/settings/tokens");
        await page.WaitForInteractiveAsync();

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Nightly evaluations");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        var shown = page.GetByLabel("New token", new() { Exact = true });
        await Assertions.Expect(shown).ToHaveValueAsync(new Regex("^mh_pat_"));
        var token = await shown.InputValueAsync();
        await page.ScreenshotAsync(app, "tokens");

        var api = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl,
            ExtraHTTPHeaders = new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" },
        });
        var me = await api.APIRequest.GetAsync("/api/v1/me");
        Assert.Equal(200, me.Status);
        Assert.Contains(email, await me.TextAsync());

        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Nightly evaluations", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("New token", new() { Exact = true })).ToHaveCountAsync(0);
        Assert.DoesNotContain(token, await page.ContentAsync());
    }

    [Fact]
    public async Task AdministratorClosesRegistrationAndVisitorsAreToldItIsInviteOnly()
    {
        var admin = await app.NewPageAsync();
        await admin.SignInAsync(AppServer.AdminEmail);
        await admin.GotoAsync("/admin");
        await admin.WaitForInteractiveAsync();
        var registrationSwitch = admin.GetByRole(AriaRole.Switch, new() { Name = "Open registration" });
        await Assertions.Expect(registrationSwitch).ToBeCheckedAsync();
        try
        {
            await registrationSwitch.ClickAsync();
            await Assertions.Expect(registrationSwitch).Not.ToBeCheckedAsync();
            await Assertions.Expect(admin.GetByText("Registration is invite-only")).ToBeVisibleAsync();
            await admin.ScreenshotAsync(app, "admin-registration-closed");

            var visitor = await app.NewPageAsync();
            await visitor.GotoAsync("/Account/Register");
            await Assertions.Expect(visitor.GetByText("Registration on this ModelHub is by invitation only")).ToBeVisibleAsync();
            await Assertions.Expect(visitor.GetByRole(AriaRole.Button, new() { Name = "Create account" })).ToHaveCountAsync(0);
            await visitor.ScreenshotAsync(app, "register-invite-only");
        }
        finally
        {
            // The app is shared by every browser test: open registration again.
            await registrationSwitch.ClickAsync();
            await Assertions.Expect(registrationSwitch).ToBeCheckedAsync();
            await Assertions.Expect(admin.GetByText("Registration is open")).ToBeVisibleAsync();
        }
    }

    [Fact]
    public async Task NonAdministratorIsToldTheAdminPageIsNotForThem()
    {
        var page = await app.NewPageAsync();
        await page.RegisterAsync(Flows.UniqueEmail("plain"));

        await page.GotoAsync("/admin");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "No access" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = "Administration" })).ToHaveCountAsync(0);
        await page.ScreenshotAsync(app, "no-access");

        await page.GotoAsync("/no-such-page");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Go to the home page" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(app, "not-found");
    }

    [Fact]
    public async Task RegistrationMistakesAreExplainedATakenAddressRevealsNothingAndNobodyIsSignedIn()
    {
        var taken = Flows.UniqueEmail("taken");
        var first = await app.NewPageAsync();
        await first.RegisterAsync(taken);

        var page = await app.NewPageAsync();
        await page.GotoAsync("/Account/Register");
        await page.GetByLabel("Email").FillAsync(Flows.UniqueEmail("weak"));
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync("weakpass");
        await page.GetByLabel("Confirm password").FillAsync("weakpass");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Passwords must have at least one digit")).ToBeVisibleAsync();
        await page.ScreenshotAsync(app, "register-weak-password");

        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Flows.Password);
        await page.GetByLabel("Confirm password").FillAsync(Flows.Password + "x");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Assertions.Expect(page.GetByText("The password and confirmation password do not match.").First).ToBeVisibleAsync();

        await page.GetByLabel("Email").FillAsync(taken);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Flows.Password);
        await page.GetByLabel("Confirm password").FillAsync(Flows.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        // A taken address gets the same page as a new one: the form does not tell who has an account.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your email", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("already taken")).ToHaveCountAsync(0);

        // None of these attempts signed anyone in.
        var me = await page.Context.APIRequest.GetAsync("/api/v1/me");
        Assert.Equal(401, me.Status);
    }
}
