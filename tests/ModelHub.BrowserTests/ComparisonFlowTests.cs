using Microsoft.Playwright;
using ModelHub.FakeProviders;

namespace ModelHub.BrowserTests;

public sealed class ComparisonFlowTests(AppServer app)
{
    [Fact]
    public async Task MemberBuildsAComparisonChangesTheWorkloadLinksARunDecidesAndExportsMarkdown()
    {
        var page = await app.NewPageAsync(1280, 900);
        await page.RegisterAsync(Flows.UniqueEmail("cmp"));
        await page.CreateTeamAsync("Platform");

        // A run on GPT-4o through a connection that serves the catalog's OpenAI routes (the fake provider on loopback).
        await page.GotoAsync("/playground/connections");
        await page.WaitForInteractiveAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Fake OpenAI");
        await page.GetByLabel("Base URL").FillAsync(app.FakeProvider.OpenAiBaseUrl);
        await page.GetByLabel("API key", new() { Exact = true }).FillAsync(FakeProviderServer.ApiKey);
        var provider = page.GetByLabel("Catalog provider (optional)");
        await provider.ClickAsync();
        await provider.FillAsync("OpenAI");
        await page.GetByRole(AriaRole.Option, new() { Name = "OpenAI", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add connection" }).ClickAsync();
        await Assertions.Expect(page.Locator("tr.mh-connection-row")).ToContainTextAsync("Fake OpenAI");

        await page.GotoAsync("/playground");
        await page.WaitForInteractiveAsync();
        var target = page.GetByLabel("Target 1", new() { Exact = true });
        await target.ClickAsync();
        await target.FillAsync("GPT-4o · Fake OpenAI");
        await page.GetByRole(AriaRole.Option, new() { Name = "GPT-4o · Fake OpenAI (gpt-4o)" }).ClickAsync();
        await page.GetByLabel("Message 1", new() { Exact = true }).FillAsync("Summarise our refund policy in two sentences.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("panel-0").GetByTestId("status")).ToHaveTextAsync("Done");

        // From the catalog's Compare to a saved comparison.
        await page.GotoAsync("/compare?models=glm-4v-9b,gpt-4o");
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Save for my team" }).ClickAsync();
        await page.WaitForInteractiveAsync();
        await page.GetByLabel("Name").FillAsync("Vision for support");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create comparison" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vision for support", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("monthly-cost")).ToContainTextAsync("GLM-4V-9B");
        await Assertions.Expect(page.GetByTestId("scorecard")).ToContainTextAsync("Context window");
        await Assertions.Expect(page.GetByTestId("tradeoffs")).ToContainTextAsync("Choose GPT-4o when");
        await Assertions.Expect(page.GetByTestId("switch-friction")).ToContainTextAsync("GLM-4V-9B → GPT-4o");
        var costs = await page.GetByTestId("monthly-cost").TextContentAsync();

        // A preset recomputes at once; saving it is recorded.
        await page.GetByRole(AriaRole.Button, new() { Name = "Batch extraction" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("monthly-cost")).Not.ToHaveTextAsync(costs!);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save workload" }).ClickAsync();
        await Assertions.Expect(page.GetByText("workload 20,000 requests/day")).ToBeVisibleAsync();

        // Link the run: its measurements stand beside the catalog's facts and can set the workload's tokens.
        await page.Locator(".mud-select").Filter(new() { Has = page.GetByLabel("Run to link") }).First.ClickAsync();
        await page.GetByRole(AriaRole.Option).Filter(new() { HasText = "Summarise our refund policy" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Link run" }).ClickAsync();
        var measured = page.GetByTestId("measured");
        await Assertions.Expect(measured.Locator("tr").Filter(new() { HasText = "GPT-4o" })).ToContainTextAsync("1");
        await Assertions.Expect(page.GetByTestId("linked-runs")).ToContainTextAsync("Summarise our refund policy");
        await page.GetByRole(AriaRole.Button, new() { Name = "Use measured tokens" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save workload" })).ToBeVisibleAsync();
        Assert.NotEqual("3000", await page.GetByLabel("Input tokens per request").InputValueAsync());

        // The decision record sits at the top with who and when.
        await page.GetByRole(AriaRole.Button, new() { Name = "Record a decision" }).ClickAsync();
        await page.GetByLabel("Rationale").FillAsync("Cheapest at our batch volume; vision is enough for receipts.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("decision")).ToContainTextAsync("Decision: GLM-4V-9B");
        await Assertions.Expect(page.GetByTestId("decision")).ToContainTextAsync("Decided by cmp");
        await page.SetViewportSizeAsync(1440, 1200);
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await page.DocumentationScreenshotAsync(app, "comparison-2-models");

        // Markdown export of what is on screen, decision and sections included.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export as Markdown" }).ClickAsync());
        var markdown = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.StartsWith("# Vision for support", markdown);
        Assert.Contains("**Decision: GLM-4V-9B**", markdown);
        Assert.Contains("20,000 requests a day", markdown);
        Assert.Contains("| GLM-4V-9B |", markdown);
        Assert.Contains("## Switch friction", markdown);
        Assert.Contains("## Team evidence", markdown);

        // The team's list has it, with the decision.
        await page.GetByRole(AriaRole.Link, new() { Name = "Comparisons" }).First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("comparison-list")).ToContainTextAsync("Vision for support");
        await Assertions.Expect(page.GetByTestId("comparison-list")).ToContainTextAsync("GLM-4V-9B");
    }

    [Fact]
    public async Task SixModelComparisonShowsEverySectionWithThirtySwitchPairs()
    {
        var page = await app.NewPageAsync(1440, 1200);
        await page.RegisterAsync(Flows.UniqueEmail("six"));
        await page.CreateTeamAsync("Platform");

        await page.GotoAsync("/comparisons?models=gpt-4o,claude-sonnet-4,gemini-2.5-flash,llama-3.3-70b-instruct,deepseek-v3,glm-4v-9b");
        await page.WaitForInteractiveAsync();
        await page.GetByLabel("Name").FillAsync("General assistant shortlist");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create comparison" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "General assistant shortlist", Level = 1 })).ToBeVisibleAsync();

        await Assertions.Expect(page.GetByTestId("scorecard").Locator("thead th")).ToHaveCountAsync(7);
        await Assertions.Expect(page.GetByTestId("tradeoffs").Locator("h3")).ToHaveCountAsync(6);
        await Assertions.Expect(page.GetByTestId("ranking").Locator("tbody tr")).ToHaveCountAsync(6);
        // Six groups of five pairs; only the first is open.
        var groups = page.GetByTestId("switch-friction").Locator(".mud-expand-panel");
        await Assertions.Expect(groups).ToHaveCountAsync(6);
        await Assertions.Expect(page.GetByTestId("switch-friction").Locator(".mh-switch")).ToHaveCountAsync(5);
        foreach (var from in new[] { "Claude Sonnet 4", "Gemini 2.5 Flash", "Llama 3.3 70B Instruct", "DeepSeek-V3", "GLM-4V-9B" })
        {
            await page.GetByTestId("switch-friction").GetByText($"Moving from {from}", new() { Exact = true }).ClickAsync();
        }

        await Assertions.Expect(page.GetByTestId("switch-friction").Locator(".mh-switch")).ToHaveCountAsync(30);
        await Assertions.Expect(page.GetByTestId("faq")).ToContainTextAsync("largest context window");
        await Assertions.Expect(page.GetByTestId("line-chart")).ToBeVisibleAsync();

        // A must-have recomputes the ranking at once.
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Reasoning" }).CheckAsync();
        await Assertions.Expect(page.GetByTestId("ranking")).ToContainTextAsync("Fails");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save must-haves and weights" }).ClickAsync();
        await Assertions.Expect(page.GetByText("requirements changed")).ToBeVisibleAsync();
        await page.Locator("#scorecard").ScrollIntoViewIfNeededAsync();
        await page.DocumentationScreenshotAsync(app, "comparison-6-models");
    }
}
