using Microsoft.Playwright;

namespace ModelHub.BrowserTests;

public sealed class ShellTests(AppServer app)
{
    [Fact]
    public async Task ThemeToggleWorksThroughTheCircuitAndIsRememberedAfterReload()
    {
        var page = await app.NewPageAsync();
        await page.RegisterAsync(Flows.UniqueEmail("theme"));
        await page.CreateTeamAsync("Theming");
        var themeLink = page.Locator("#radzen-theme-link");
        await Assertions.Expect(themeLink).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("standard-base"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Dark" }).ClickAsync();

        // Only a live circuit can change the stylesheet: the click went through SignalR to the server and back.
        await Assertions.Expect(themeLink).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("standard-dark"));
        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("#radzen-theme-link")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("standard-dark"));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Light" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(app, "shell-dark");
    }

    [Fact]
    public async Task ShellFitsAPhoneScreenAndItsMenuOpens()
    {
        var page = await app.NewPageAsync(390, 844);
        await page.RegisterAsync(Flows.UniqueEmail("phone"));
        await page.CreateTeamAsync("Mobile");

        var overflow = await page.EvaluateAsync<bool>(Flows.SidewaysOverflowScript);
        await page.ScreenshotAsync(app, "shell-phone");
        await page.GetByLabel("Show or hide navigation").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = "Team" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(app, "shell-phone-menu");

        Assert.False(overflow, "The page scrolls sideways at phone width.");
    }

    [Fact]
    public async Task SwitchingTheActiveTeamChangesTheTeamPage()
    {
        var page = await app.NewPageAsync();
        await page.RegisterAsync(Flows.UniqueEmail("switch"));
        await page.CreateTeamAsync("Alpha");
        await page.CreateTeamAsync("Beta");

        await page.Locator(".mh-team-switcher .rz-dropdown").ClickAsync();
        await page.Locator(".rz-dropdown-item:visible", new() { HasTextString = "Alpha" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Alpha", Level = 1 })).ToBeVisibleAsync();
        await page.ScreenshotAsync(app, "shell-team");
    }
}
