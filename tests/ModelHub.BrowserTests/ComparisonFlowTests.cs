using Microsoft.Playwright;

namespace ModelHub.BrowserTests;

public sealed class ComparisonFlowTests(AppServer app)
{
    [Fact]
    public async Task MemberSavesACompareViewChangesTheWorkloadAndExportsMarkdown()
    {
        var page = await app.NewPageAsync(1280, 900);
        await page.RegisterAsync(Flows.UniqueEmail("cmp"));
        await page.CreateTeamAsync("Platform");

        // From the catalog's Compare to a saved comparison.
        await page.GotoAsync("/compare?models=glm-4v-9b,gpt-4o");
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Save for my team" }).ClickAsync();
        await page.WaitForInteractiveAsync();
        await page.GetByLabel("Name").FillAsync("Vision for support");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create comparison" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vision for support", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("monthly-cost")).ToContainTextAsync("GLM-4V-9B");
        var verdict = await page.GetByTestId("verdict").TextContentAsync();

        // A preset recomputes at once; saving it is recorded.
        await page.GetByRole(AriaRole.Button, new() { Name = "Batch extraction" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("verdict")).Not.ToHaveTextAsync(verdict!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save workload" }).ClickAsync();
        await Assertions.Expect(page.GetByText("workload 20,000 requests/day")).ToBeVisibleAsync();
        await page.ScreenshotAsync(app, "comparison-2-models");

        // Markdown export of what is on screen.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export as Markdown" }).ClickAsync());
        var markdown = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("# Vision for support", markdown);
        Assert.Contains("20,000 requests a day", markdown);
        Assert.Contains("| GLM-4V-9B |", markdown);

        // The team's list has it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Comparisons" }).First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("comparison-list")).ToContainTextAsync("Vision for support");
    }
}
