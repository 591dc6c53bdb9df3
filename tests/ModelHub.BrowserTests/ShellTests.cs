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
        const string Background = "getComputedStyle(document.body).backgroundColor";
        var light = await page.EvaluateAsync<string>(Background);

        await page.GetByRole(AriaRole.Button, new() { Name = "Dark" }).ClickAsync();

        // Only a live circuit can change the palette: the click went through SignalR to the server and back.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Light" })).ToBeVisibleAsync();
        var dark = await page.EvaluateAsync<string>(Background);
        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Light" })).ToBeVisibleAsync();
        Assert.Equal(dark, await page.EvaluateAsync<string>(Background));
        Assert.NotEqual(light, dark);
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
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).GetByRole(AriaRole.Link, new() { Name = "Team" })).ToBeVisibleAsync();
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

        var switcher = page.GetByRole(AriaRole.Combobox, new() { Name = "Team", Exact = true });
        await Assertions.Expect(switcher).ToHaveValueAsync(await page.GetByRole(AriaRole.Option, new() { Name = "Beta" }).GetAttributeAsync("value") ?? "");
        await switcher.SelectOptionAsync(new SelectOptionValue { Label = "Alpha" });

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Alpha", Level = 1 })).ToBeVisibleAsync();
        await page.ScreenshotAsync(app, "shell-team");
    }

    [Fact]
    public async Task KeyboardUsersSkipToTheContentAndTheAccountMenuClosesOnEscape()
    {
        var page = await app.NewPageAsync();
        await page.RegisterAsync(Flows.UniqueEmail("keys"));

        // The skip link is the page's first stop; focused, it shows itself above the app bar.
        var skip = page.GetByRole(AriaRole.Button, new() { Name = "Skip to main content" });
        await page.EvaluateAsync("() => document.activeElement?.blur()");
        await skip.FocusAsync();
        Assert.True(await skip.EvaluateAsync<bool>("e => e.getBoundingClientRect().top >= 0"), "The focused skip link stays off screen.");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("main#main-content")).ToBeFocusedAsync();

        var menu = page.GetByRole(AriaRole.Button, new() { Name = "account menu" });
        await menu.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        // Opened by keyboard, the menu puts focus on its first item; Escape then closes it.
        await Assertions.Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = "Account settings" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");

        await Assertions.Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = "Access tokens" })).ToBeHiddenAsync();
        await Assertions.Expect(menu).ToBeFocusedAsync();
        await Assertions.Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
    }
}
