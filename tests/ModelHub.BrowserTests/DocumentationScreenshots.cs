using Microsoft.Playwright;

namespace ModelHub.BrowserTests;

/// <summary>
/// The README's screenshots: catalog, model page, playground with two finished targets, connections and
/// team page, light and dark. They land beside the other screenshots; with MODELHUB_DOCS_SCREENSHOTS set
/// to a folder (docs/screenshots) they are written there instead.
/// </summary>
public sealed class DocumentationScreenshots(AppServer app)
{
    [Fact]
    public async Task MainPagesAreCapturedInBothThemes()
    {
        var tour = await SiteTour.PrepareAsync(app);
        var folder = Environment.GetEnvironmentVariable("MODELHUB_DOCS_SCREENSHOTS") is { Length: > 0 } docs ? docs : app.ScreenshotDirectory;
        Directory.CreateDirectory(folder);
        var page = await app.NewPageAsync(1280, 900);
        await page.SignInAsync(tour.Email);
        (string Name, string Path)[] shots =
        [
            ("catalog", "/models"),
            ("model-page", "/models/glm-4v-9b"),
            ("playground", $"/playground?run={tour.RunId}"),
            ("connections", "/playground/connections"),
            ("team", "/team"),
        ];

        foreach (var theme in new[] { "light", "dark" })
        {
            if (theme == "dark")
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "Dark" }).ClickAsync();
                await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Light" })).ToBeVisibleAsync();
            }

            foreach (var (name, path) in shots)
            {
                await page.GotoAsync(path);
                await page.WaitForInteractiveAsync();
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                var file = System.IO.Path.Combine(folder, $"{name}-{theme}.png");
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
                Assert.True(new FileInfo(file).Length > 10_000, $"{file} looks empty.");
            }
        }
    }
}
