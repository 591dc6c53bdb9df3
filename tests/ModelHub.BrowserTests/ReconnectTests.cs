using Microsoft.Playwright;

namespace ModelHub.BrowserTests;

/// <summary>What a person sees when the server goes away under an open page. Uses its own app, since it stops it.</summary>
public sealed class ReconnectTests
{
    [Fact]
    public async Task LostServerShowsReconnectingAndARestartAsksForAReloadThatKeepsTheSignIn()
    {
        await using var app = new AppServer();
        await app.InitializeAsync();
        var page = await app.NewPageAsync();
        await page.SignInAsync(AppServer.AdminEmail);
        var overlay = page.Locator("#components-reconnect-modal");
        await Assertions.Expect(overlay).ToBeHiddenAsync();

        await app.StopAppAsync();

        await Assertions.Expect(page.GetByText("Reconnecting…")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await page.ScreenshotAsync(app, "reconnecting");

        // The new process knows nothing of the old session: the page says so instead of hanging.
        await app.StartAppAsync();
        await Assertions.Expect(page.GetByText("The server restarted")).ToBeVisibleAsync(new() { Timeout = 45_000 });
        await page.ScreenshotAsync(app, "reconnect-rejected");

        await page.GetByRole(AriaRole.Button, new() { Name = "Reload the page" }).ClickAsync();
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(overlay).ToBeHiddenAsync();
        // Still signed in: the cookie's keys live in the database, not in the process that died.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome to ModelHub" })).ToBeVisibleAsync();
    }
}
