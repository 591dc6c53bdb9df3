using Microsoft.Playwright;
using ModelHub.FakeProviders;

namespace ModelHub.BrowserTests;

public sealed class PlaygroundTests(AppServer app)
{
    [Fact]
    public async Task TwoModelsStreamSideBySideOneIsCancelledAndBothRunsAreInHistory()
    {
        app.FakeProvider.SlowChunkDelay = TimeSpan.FromMilliseconds(25);
        var page = await app.NewPageAsync(1400, 1000);
        await page.RegisterAsync(Flows.UniqueEmail("runner"));
        await page.CreateTeamAsync("Model evals");

        await page.AddConnectionAsync("Fake OpenAI", app.FakeProvider.OpenAiBaseUrl);
        Assert.DoesNotContain(FakeProviderServer.ApiKey, await page.ContentAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Test Fake OpenAI" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Fake OpenAI: Connected; the key lists 2 model(s).")).ToBeVisibleAsync();
        await page.ScreenshotAsync(app, "playground-connections");

        await page.GotoAsync("/playground");
        await page.WaitForInteractiveAsync();
        await page.ChooseTargetAsync(0, "Fake OpenAI: type a model ID", "slow-stream");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add target" }).ClickAsync();
        await page.ChooseTargetAsync(1, "Fake OpenAI: type a model ID", "slow-stream");
        await page.GetByLabel("Message 1", new() { Exact = true }).FillAsync("Count to four hundred, please.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();

        // Both panels show text while both are still streaming.
        var first = page.GetByTestId("panel-0");
        var second = page.GetByTestId("panel-1");
        await Assertions.Expect(first.GetByTestId("output")).ToContainTextAsync("word5");
        await Assertions.Expect(second.GetByTestId("output")).ToContainTextAsync("word5");
        await Assertions.Expect(first.GetByTestId("status")).ToHaveTextAsync("Streaming…");
        await Assertions.Expect(second.GetByTestId("status")).ToHaveTextAsync("Streaming…");
        await page.ScreenshotAsync(app, "playground-streaming");

        await second.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(second.GetByTestId("status")).ToHaveTextAsync("Cancelled");
        await Assertions.Expect(second.GetByTestId("error")).ToContainTextAsync("output up to that moment is kept");
        var cancelledText = await second.GetByTestId("output").InnerTextAsync();
        Assert.Contains("word5", cancelledText);
        Assert.DoesNotContain("word400", cancelledText);

        await Assertions.Expect(first.GetByTestId("status")).ToHaveTextAsync("Done", new() { Timeout = 40_000 });
        await Assertions.Expect(first.GetByTestId("output")).ToContainTextAsync("word400");
        await Assertions.Expect(first.GetByTestId("tokens")).ToContainTextAsync("/ 400");
        await page.ScreenshotAsync(app, "playground-finished");

        // A second, quick run on one target; then both runs are in the team's history.
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove target 2" }).ClickAsync();
        await page.ChooseTargetAsync(0, "Fake OpenAI: type a model ID", "echo");
        await page.GetByLabel("Message 1", new() { Exact = true }).FillAsync("Say hello");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("panel-0").GetByTestId("status")).ToHaveTextAsync("Done");
        await Assertions.Expect(page.GetByTestId("panel-0").GetByTestId("output")).ToHaveTextAsync("Hello from the fake. You said: Say hello");
        await Assertions.Expect(page.GetByTestId("panel-1")).ToHaveCountAsync(0);

        await page.GotoAsync("/playground/history");
        await page.WaitForInteractiveAsync();
        var rows = page.Locator("tr.mh-history-row");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("Count to four hundred, please.");
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("Cancelled");
        await page.ScreenshotAsync(app, "playground-history");

        await rows.Nth(1).GetByRole(AriaRole.Link, new() { Name = "Count to four hundred, please." }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("panel-0").GetByTestId("status")).ToHaveTextAsync("Done");
        await Assertions.Expect(page.GetByTestId("panel-1").GetByTestId("status")).ToHaveTextAsync("Cancelled");
        await page.ScreenshotAsync(app, "run-details");
        Assert.DoesNotContain(FakeProviderServer.ApiKey, app.Log);
    }

    [Fact]
    public async Task ProviderErrorIsExplainedInItsPanelAndThePromptStaysInTheEditor()
    {
        var page = await app.NewPageAsync(1280, 900);
        await page.RegisterAsync(Flows.UniqueEmail("limited"));
        await page.CreateTeamAsync("Rate limited");
        await page.AddConnectionAsync("Fake Anthropic", app.FakeProvider.BaseUrl, style: "Anthropic messages");

        await page.GotoAsync("/playground");
        await page.WaitForInteractiveAsync();
        await page.ChooseTargetAsync(0, "Fake Anthropic: type a model ID", "fault-429");
        await page.GetByLabel("Message 1", new() { Exact = true }).FillAsync("This will be rate limited");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();

        var panel = page.GetByTestId("panel-0");
        await Assertions.Expect(panel.GetByTestId("status")).ToHaveTextAsync("Failed");
        await Assertions.Expect(panel.GetByTestId("error")).ToContainTextAsync("Wait 30 seconds before running again");
        await Assertions.Expect(panel.GetByTestId("error")).ToContainTextAsync("HTTP 429");
        await Assertions.Expect(page.GetByLabel("Message 1", new() { Exact = true })).ToHaveValueAsync("This will be rate limited");
        await page.ScreenshotAsync(app, "playground-error");
    }

    [Fact]
    public async Task ATypedPromptSurvivesAReloadBeforeItIsRun()
    {
        var page = await app.NewPageAsync(1280, 900);
        await page.RegisterAsync(Flows.UniqueEmail("drafter"));
        await page.CreateTeamAsync("Drafts");
        await page.AddConnectionAsync("Fake OpenAI", app.FakeProvider.OpenAiBaseUrl);

        await page.GotoAsync("/playground");
        await page.WaitForInteractiveAsync();
        await page.ChooseTargetAsync(0, "Fake OpenAI: type a model ID", "echo");
        await page.GetByLabel("System prompt").FillAsync("You are a careful reviewer.");
        await page.GetByLabel("Message 1", new() { Exact = true }).FillAsync("Review {{document}} for tone.");
        await page.GetByLabel("document").FillAsync("the launch email");
        await page.GetByLabel("document").PressAsync("Tab");
        await page.WaitForTimeoutAsync(1500);

        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();

        await Assertions.Expect(page.GetByText("Your unsaved prompt is back as you left it.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Message 1", new() { Exact = true })).ToHaveValueAsync("Review {{document}} for tone.");
        await Assertions.Expect(page.GetByLabel("System prompt")).ToHaveValueAsync("You are a careful reviewer.");
        await Assertions.Expect(page.GetByLabel("Model ID for target 1")).ToHaveValueAsync("echo");
        await Assertions.Expect(page.GetByLabel("document")).ToHaveValueAsync("the launch email");

        await page.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("panel-0").GetByTestId("output")).ToHaveTextAsync("Hello from the fake. You said: Review the launch email for tone.");
    }

    [Fact]
    public async Task PlaygroundPagesFitAPhoneScreenInTheDarkTheme()
    {
        var page = await app.NewPageAsync(1280, 900);
        await page.RegisterAsync(Flows.UniqueEmail("phone"));
        await page.CreateTeamAsync("On the go");
        await page.AddConnectionAsync("Fake Replicate", app.FakeProvider.BaseUrl, style: "Replicate predictions");
        await page.GetByRole(AriaRole.Button, new() { Name = "Dark" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Light" })).ToBeVisibleAsync();
        await page.SetViewportSizeAsync(390, 844);

        await page.GotoAsync("/playground");
        await page.WaitForInteractiveAsync();
        await page.ChooseTargetAsync(0, "Fake Replicate: type a model ID", "meta/reasoning");
        await page.GetByLabel("Message 1", new() { Exact = true }).FillAsync("Explain **Markdown** in a `code` span");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("panel-0").GetByTestId("status")).ToHaveTextAsync("Done");
        await Assertions.Expect(page.GetByTestId("panel-0").GetByTestId("output").Locator("strong")).ToHaveTextAsync("Markdown");
        await page.GetByTestId("panel-0").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(app, "playground-phone-dark");
        Assert.False(await page.EvaluateAsync<bool>(Flows.SidewaysOverflowScript), "/playground scrolls sideways at phone width.");

        foreach (var (address, shot) in new[] { ("/playground/history", "history-phone-dark"), ("/playground/connections", "connections-phone-dark") })
        {
            await page.GotoAsync(address);
            await page.WaitForInteractiveAsync();
            await page.ScreenshotAsync(app, shot);
            Assert.False(await page.EvaluateAsync<bool>(Flows.SidewaysOverflowScript), $"{address} scrolls sideways at phone width.");
        }
    }

    [Fact]
    public async Task AKeyboardUserStartsARunAndCancelsItWithFocusWhereTheyExpect()
    {
        app.FakeProvider.SlowChunkDelay = TimeSpan.FromMilliseconds(60);
        var page = await app.NewPageAsync(1280, 900);
        await page.RegisterAsync(Flows.UniqueEmail("keys"));
        await page.CreateTeamAsync("Keyboard");
        await page.AddConnectionAsync("Fake OpenAI", app.FakeProvider.OpenAiBaseUrl);
        await page.GotoAsync("/playground");
        await page.WaitForInteractiveAsync();
        await page.ChooseTargetAsync(0, "Fake OpenAI: type a model ID", "slow-stream");
        var message = page.GetByLabel("Message 1", new() { Exact = true });
        await message.FillAsync("Count slowly, please.");

        // A dropdown opened from the keyboard and closed with Escape gives focus back to itself.
        var role = page.GetByRole(AriaRole.Combobox, new() { Name = "Role of message 1" });
        await role.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Option, new() { Name = "Assistant" })).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByRole(AriaRole.Option, new() { Name = "Assistant" })).ToBeHiddenAsync();
        await Assertions.Expect(role).ToBeFocusedAsync();

        // From the prompt, Tab until the Run button has focus; Enter starts the run.
        var run = page.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true });
        await message.FocusAsync();
        for (var presses = 0; presses < 60 && !await IsFocusedAsync(run); presses++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        Assert.True(await IsFocusedAsync(run), "Tab never reached the Run button.");
        await page.Keyboard.PressAsync("Enter");

        // While it streams, focus is on the control that stops it, never on the page's body.
        var cancelAll = page.GetByRole(AriaRole.Button, new() { Name = "Cancel all" });
        await Assertions.Expect(cancelAll).ToBeFocusedAsync();
        await Assertions.Expect(page.GetByTestId("run-announcement")).ToHaveTextAsync("Run started");
        await Assertions.Expect(page.GetByTestId("panel-0").GetByTestId("output")).ToContainTextAsync("word3");
        await page.Keyboard.PressAsync("Space");

        await Assertions.Expect(page.GetByTestId("panel-0").GetByTestId("status")).ToHaveTextAsync("Cancelled");
        await Assertions.Expect(page.GetByTestId("run-announcement")).ToHaveTextAsync("Run cancelled");
        await Assertions.Expect(run).ToBeFocusedAsync();
        Assert.NotEqual("BODY", await page.EvaluateAsync<string>("() => document.activeElement.tagName"));

        // The output is not a live region: only the announcement is.
        Assert.Equal(1, await page.Locator("[aria-live]").Filter(new() { HasText = "Run cancelled" }).CountAsync());
        Assert.Equal(0, await page.GetByTestId("output").Locator("xpath=ancestor-or-self::*[@aria-live]").CountAsync());
    }

    private static Task<bool> IsFocusedAsync(ILocator locator) => locator.EvaluateAsync<bool>("element => element === document.activeElement");

    [Fact]
    public async Task AFinishedRunChartsEachTargetsFirstTokenAndSpeedInLightAndDarkOnAnyScreen()
    {
        var page = await app.NewPageAsync(1280, 900);
        await page.RegisterAsync(Flows.UniqueEmail("charts"));
        await page.CreateTeamAsync("Charts");
        await page.AddConnectionAsync("Fake OpenAI", app.FakeProvider.OpenAiBaseUrl);
        await page.GotoAsync("/playground");
        await page.WaitForInteractiveAsync();
        await page.ChooseTargetAsync(0, "Fake OpenAI: type a model ID", "echo");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add target" }).ClickAsync();
        await page.ChooseTargetAsync(1, "Fake OpenAI: type a model ID", "delay-300");
        await page.GetByLabel("Message 1", new() { Exact = true }).FillAsync("Say hello twice");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("panel-1").GetByTestId("status")).ToHaveTextAsync("Done");
        await Assertions.Expect(page.GetByTestId("run-announcement")).ToHaveTextAsync("Run finished");

        var chart = page.GetByTestId("run-chart");
        await Assertions.Expect(chart).ToBeVisibleAsync();
        await Assertions.Expect(chart.Locator("div[role=img]")).ToHaveCountAsync(2);
        await Assertions.Expect(chart.Locator("table").First).ToContainTextAsync("delay-300 · Fake OpenAI");
        var runAddress = page.Url;
        var details = await page.GetByTestId("run-summary").GetByRole(AriaRole.Link).GetAttributeAsync("href");

        foreach (var theme in new[] { "light", "dark" })
        {
            if (theme == "dark")
            {
                await page.SetViewportSizeAsync(1280, 900);
                await page.GetByRole(AriaRole.Button, new() { Name = "Dark" }).ClickAsync();
                await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Light" })).ToBeVisibleAsync();
            }

            foreach (var (width, height) in new[] { (1280, 900), (390, 844) })
            {
                await page.SetViewportSizeAsync(width, height);
                foreach (var (address, name) in new[] { (runAddress, "playground-two-finished"), ("/" + details, "run-details"), ("/playground/history", "history"), ("/playground/connections", "connections") })
                {
                    await page.GotoAsync(address);
                    await page.WaitForInteractiveAsync();
                    if (name != "history" && name != "connections")
                    {
                        await Assertions.Expect(page.GetByTestId("run-chart")).ToBeVisibleAsync();
                    }

                    await page.ScreenshotAsync(app, $"{name}-{width}-{theme}");
                    Assert.False(await page.EvaluateAsync<bool>(Flows.SidewaysOverflowScript), $"{address} scrolls sideways at {width} px in the {theme} theme.");
                }
            }
        }
    }
}
