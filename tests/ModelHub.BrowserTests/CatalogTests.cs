using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ModelHub.BrowserTests;

public sealed class CatalogTests(AppServer app)
{
    /// <summary>The outermost elements reaching past the screen's right edge, to say what broke a phone layout.</summary>
    private const string TooWideScript =
        "() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !(e.parentElement && e.parentElement.getBoundingClientRect().right > window.innerWidth + 1) && !e.closest('.mh-grid-wrap, .mud-table-container')).slice(0, 5).map(e => e.tagName + '.' + e.className).join(' | ')";

    [Fact]
    public async Task SearchFilterOpenAModelPageWithItsSeedFactsAndExportTheView()
    {
        var page = await app.NewPageAsync(1400, 1000);
        await page.RegisterAsync(Flows.UniqueEmail("catalog"));
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).GetByRole(AriaRole.Link, new() { Name = "Catalog", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Model catalog" }).WaitForAsync();
        var table = page.GetByTestId("catalog-table");

        // Search: the address keeps the view.
        await page.GetByLabel("Search name, lab, provider or model ID").FillAsync("glm");
        await page.GetByLabel("Search name, lab, provider or model ID").PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"models\?q=glm"));
        await Assertions.Expect(table.GetByRole(AriaRole.Link, new() { Name = "GLM-4-9B-Chat", Exact = true })).ToBeVisibleAsync();

        // Filter: vision models only.
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Vision" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("cap=Vision"));
        await Assertions.Expect(table.GetByRole(AriaRole.Link, new() { Name = "GLM-4-9B-Chat", Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(table.GetByRole(AriaRole.Link, new() { Name = "GLM-4V-9B", Exact = true })).ToBeVisibleAsync();

        // Sort by the cheapest input price: GLM-4.1V-9B-Thinking ($0.035) comes before GLM-4V-9B ($0.05).
        var inputPrice = table.GetByRole(AriaRole.Columnheader, new() { Name = "Input $/1M" });
        await inputPrice.GetByText("Input $/1M").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("sort=InputPrice"));
        await Assertions.Expect(inputPrice).ToHaveAttributeAsync("aria-sort", "ascending");
        await Assertions.Expect(table.Locator("tbody tr").First).ToContainTextAsync("GLM-4.1V-9B-Thinking");
        await page.ScreenshotAsync(app, "catalog");

        // Export the view as CSV.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }).ClickAsync());
        var csv = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.StartsWith("slug,name,lab", csv);
        Assert.Contains("glm-4v-9b,GLM-4V-9B", csv);
        Assert.DoesNotContain("glm-4-9b-chat,", csv);

        // The model page shows the seed facts and the sources' disagreement.
        await table.GetByRole(AriaRole.Link, new() { Name = "GLM-4V-9B", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "GLM-4V-9B", Level = 1 }).WaitForAsync();
        await Assertions.Expect(page.Locator(".mh-spec-table")).ToContainTextAsync("131,072 tokens");
        await Assertions.Expect(page.Locator(".mh-spec-table")).ToContainTextAsync("2024-06-05");
        var routes = page.GetByTestId("routes-table");
        await Assertions.Expect(routes).ToContainTextAsync("Replicate");
        await Assertions.Expect(routes).ToContainTextAsync("glm-4v-9b");
        await Assertions.Expect(routes).ToContainTextAsync("$0.050");
        await Assertions.Expect(routes).ToContainTextAsync("$0.25");
        await Assertions.Expect(page.GetByTestId("disagreements")).ToContainTextAsync("Vision");
        await Assertions.Expect(page.Locator("pre.mh-code").First).ToContainTextAsync("REPLICATE_API_TOKEN");
        await page.ScreenshotAsync(app, "model-page");
    }

    [Fact]
    public async Task ModelPageShowsBenchmarksAndMarksTheCheapestRoute()
    {
        var page = await app.NewPageAsync(1400, 1000);
        await page.RegisterAsync(Flows.UniqueEmail("bench"));

        await page.GotoAsync("/models/glm-4.1v-9b-thinking");
        await page.WaitForInteractiveAsync();

        var benchmarks = page.GetByTestId("benchmark-table");
        await Assertions.Expect(benchmarks).ToContainTextAsync("MathVista");
        await Assertions.Expect(benchmarks).ToContainTextAsync("80.7%");
        await Assertions.Expect(page.Locator(".mh-cheapest")).ToContainTextAsync("SiliconFlow");
        await Assertions.Expect(page.GetByTestId("bar-chart").Locator("svg").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Price per route" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(app, "model-page-benchmarks");
    }

    [Fact]
    public async Task SelectedModelsCarryIntoTheCompareView()
    {
        var page = await app.NewPageAsync(1400, 1000);
        await page.RegisterAsync(Flows.UniqueEmail("compare"));
        await page.GotoAsync("/models?q=glm-4");
        await page.WaitForInteractiveAsync();

        await page.GetByLabel("Select GLM-4V-9B for comparison").CheckAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("compare=glm-4v-9b"));
        await page.GetByLabel("Select GLM-4.5V for comparison").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Compare (2)" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex(@"compare\?models=glm-4v-9b%2Cglm-4\.5v|compare\?models=glm-4v-9b,glm-4\.5v"));
        var compare = page.GetByTestId("compare-table");
        await Assertions.Expect(compare).ToContainTextAsync("131K");
        await Assertions.Expect(compare).ToContainTextAsync("64K");
        await page.ScreenshotAsync(app, "compare");
    }

    [Fact]
    public async Task CatalogAndModelPageFitAPhoneScreen()
    {
        var page = await app.NewPageAsync(390, 844);
        await page.RegisterAsync(Flows.UniqueEmail("phonecat"));

        foreach (var (address, shot) in new[] { ("/models", "catalog-phone"), ("/models/glm-4.5v", "model-page-phone") })
        {
            await page.GotoAsync(address);
            await page.WaitForInteractiveAsync();
            await page.ScreenshotAsync(app, shot);
            var overflow = await page.EvaluateAsync<bool>(Flows.SidewaysOverflowScript);
            Assert.False(overflow, $"{address} scrolls sideways at phone width; too wide: {await page.EvaluateAsync<string>(TooWideScript)}");
        }
    }

    [Fact]
    public async Task CatalogPagesLookRightInDarkModeAndOnAPhone()
    {
        var page = await app.NewPageAsync(1280, 900);
        await page.RegisterAsync(Flows.UniqueEmail("darkcat"));
        await page.GotoAsync("/models");
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Dark", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Light", Exact = true })).ToBeVisibleAsync();

        foreach (var (address, shot) in new[] { ("/models", "catalog-dark"), ("/models/glm-4.1v-9b-thinking", "model-page-dark"), ("/compare?models=glm-4v-9b,glm-4.5v", "compare-dark") })
        {
            await page.GotoAsync(address);
            await page.WaitForInteractiveAsync();
            await page.ScreenshotAsync(app, shot);
        }

        await page.SetViewportSizeAsync(390, 844);
        foreach (var (address, shot) in new[] { ("/models", "catalog-phone-dark"), ("/compare?models=glm-4v-9b,glm-4.5v", "compare-phone-dark") })
        {
            await page.GotoAsync(address);
            await page.WaitForInteractiveAsync();
            await page.ScreenshotAsync(app, shot);
            Assert.False(await page.EvaluateAsync<bool>(Flows.SidewaysOverflowScript), $"{address} scrolls sideways at phone width; too wide: {await page.EvaluateAsync<string>(TooWideScript)}");
        }
    }

    [Fact]
    public async Task ACatalogFilterCanBeAppliedWithTheKeyboardAlone()
    {
        var page = await app.NewPageAsync(1400, 1000);
        await page.RegisterAsync(Flows.UniqueEmail("keys"));
        await page.GotoAsync("/models?q=glm");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("catalog-table").GetByRole(AriaRole.Link, new() { Name = "GLM-4-9B-Chat", Exact = true })).ToBeVisibleAsync();

        // Tab from the top of the page to the Vision filter, tick it with Space.
        var vision = page.GetByRole(AriaRole.Checkbox, new() { Name = "Vision" });
        for (var presses = 0; presses < 80 && !await vision.EvaluateAsync<bool>("e => e === document.activeElement"); presses++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await Assertions.Expect(vision).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("cap=Vision"));
        await Assertions.Expect(page.GetByTestId("catalog-table").GetByRole(AriaRole.Link, new() { Name = "GLM-4-9B-Chat", Exact = true })).ToHaveCountAsync(0);
        // Focus stays on the filter just used, not thrown back to the page body.
        await Assertions.Expect(vision).ToBeFocusedAsync();
        await Assertions.Expect(vision).ToBeCheckedAsync();

        // Tab on to the next filter and choose from a dropdown with Enter and the arrow keys.
        await page.Keyboard.PressAsync("Tab");
        Assert.NotEqual("BODY", await page.EvaluateAsync<string>("() => document.activeElement.tagName"));
        await page.ScreenshotAsync(app, "catalog-keyboard");
    }
}
