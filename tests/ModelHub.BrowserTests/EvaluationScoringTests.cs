using Microsoft.Playwright;
using ModelHub.FakeProviders;

namespace ModelHub.BrowserTests;

public sealed class EvaluationScoringTests(AppServer app)
{
    /// <summary>Answers stream from the fake provider; on a busy machine they take longer than the default five seconds.</summary>
    private static readonly LocatorAssertionsToHaveTextOptions Streamed = new() { Timeout = 30_000 };

    private static readonly string[] Identifying = ["GPT-4o", "gpt-4o", "GPT-4.1", "gpt-4.1", "Fake OpenAI"];

    [Fact]
    public async Task ABlindVoteShowsNeitherModelUntilTheVoteAndThenNamesBoth()
    {
        var page = await app.NewPageAsync(1280, 900);
        await page.RegisterAsync(Flows.UniqueEmail("blind"));
        await page.CreateTeamAsync("Arena");
        await AddOpenAiConnectionAsync(page);

        await page.GotoAsync("/evaluations/blind");
        await page.WaitForInteractiveAsync();
        await ChooseAsync(page, "First target", "GPT-4o · Fake OpenAI (gpt-4o)");
        await ChooseAsync(page, "Second target", "GPT-4.1 · Fake OpenAI (gpt-4.1)");
        await page.GetByLabel("Prompt", new() { Exact = true }).FillAsync("Summarise our refund policy in two sentences.");
        await Shot(page, "blind-1-setup");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("answer-a").GetByTestId("status")).ToHaveTextAsync("Done", Streamed);
        await Assertions.Expect(page.GetByTestId("answer-b").GetByTestId("status")).ToHaveTextAsync("Done", Streamed);
        await Assertions.Expect(page.GetByTestId("answer-a").GetByTestId("output")).ToContainTextAsync("You said: Summarise our refund policy");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "A is better" })).ToBeEnabledAsync();

        // Neither the page's text nor its markup names a model, a provider model ID or the connection.
        var text = await page.Locator("body").InnerTextAsync();
        var markup = await page.ContentAsync();
        foreach (var secret in Identifying)
        {
            Assert.DoesNotContain(secret, text);
            Assert.DoesNotContain(secret, markup);
        }

        await Shot(page, "blind-2-before-vote");

        await page.GetByRole(AriaRole.Button, new() { Name = "A is better" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("blind-result")).ToContainTextAsync("You voted A is better");
        var shownAsA = (await page.GetByTestId("answer-a").GetByTestId("revealed-model").InnerTextAsync()).Trim();
        var shownAsB = (await page.GetByTestId("answer-b").GetByTestId("revealed-model").InnerTextAsync()).Trim();
        Assert.Equal(["gpt-4.1", "gpt-4o"], new[] { shownAsA, shownAsB }.Order());
        await Assertions.Expect(page.GetByTestId("answer-a").GetByTestId("revealed-name")).ToContainTextAsync("· Fake OpenAI");
        await Assertions.Expect(page.GetByTestId("answer-a").GetByTestId("revealed-metrics")).ToContainTextAsync("Cost");
        await Assertions.Expect(page.GetByTestId("blind-result")).ToContainTextAsync($"Answer A was {(shownAsA == "gpt-4o" ? "GPT-4o" : "GPT-4.1")} · Fake OpenAI");

        // Scoring the revealed answers uses the same form as the run page.
        await page.GetByRole(AriaRole.Button, new() { Name = "Score these answers" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("answer-a").GetByTestId("score-form")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("answer-b").GetByTestId("score-form")).ToBeVisibleAsync();
        await Shot(page, "blind-3-revealed");

        // Next prompt keeps the two targets and empties the prompt.
        await page.GetByRole(AriaRole.Button, new() { Name = "Next prompt" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Prompt", new() { Exact = true })).ToHaveValueAsync("");
        await Assertions.Expect(page.GetByLabel("First target", new() { Exact = true })).ToHaveValueAsync("GPT-4o · Fake OpenAI (gpt-4o)");
        await Assertions.Expect(page.GetByLabel("Second target", new() { Exact = true })).ToHaveValueAsync("GPT-4.1 · Fake OpenAI (gpt-4.1)");
    }

    [Fact]
    public async Task AMemberScoresAnAnswerWithTheDefaultRubricAndSeesItListedOnTheRunPage()
    {
        var page = await app.NewPageAsync(1280, 900);
        await page.RegisterAsync(Flows.UniqueEmail("scorer"));
        await page.CreateTeamAsync("Reviewers");
        await AddOpenAiConnectionAsync(page);

        await page.GotoAsync("/playground");
        await page.WaitForInteractiveAsync();
        var target = page.GetByLabel("Target 1", new() { Exact = true });
        await target.ClickAsync();
        await target.FillAsync("GPT-4o · Fake OpenAI");
        await page.GetByRole(AriaRole.Option, new() { Name = "GPT-4o · Fake OpenAI (gpt-4o)" }).ClickAsync();
        await page.GetByLabel("Message 1", new() { Exact = true }).FillAsync("Explain our refund policy.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();
        var panel = page.GetByTestId("panel-0");
        await Assertions.Expect(panel.GetByTestId("status")).ToHaveTextAsync("Done", Streamed);

        // Collapsed under the answer until asked for.
        await Assertions.Expect(panel.GetByTestId("score-form")).ToHaveCountAsync(0);
        await panel.GetByRole(AriaRole.Button, new() { Name = "Score this answer" }).ClickAsync();
        await Assertions.Expect(panel.GetByTestId("score-form")).ToContainTextAsync("General quality");
        await panel.GetByRole(AriaRole.Group, new() { Name = "Correctness" }).GetByRole(AriaRole.Radio, new() { Name = "4", Exact = true }).CheckAsync();
        await panel.GetByRole(AriaRole.Group, new() { Name = "Helpfulness" }).GetByRole(AriaRole.Radio, new() { Name = "5", Exact = true }).CheckAsync();
        await panel.GetByRole(AriaRole.Group, new() { Name = "Format followed" }).GetByRole(AriaRole.Radio, new() { Name = "Yes", Exact = true }).CheckAsync();
        await panel.GetByLabel("Comment (optional)").FillAsync("Clear, and it kept to two sentences.");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Save score" }).ClickAsync();

        await Assertions.Expect(panel.GetByTestId("score-saved")).ToContainTextAsync("Your score is saved: Correctness 4 / 5 · Helpfulness 5 / 5 · Format followed yes.");
        await Assertions.Expect(panel.GetByTestId("score-item")).ToContainTextAsync("You");
        await Assertions.Expect(panel.GetByTestId("score-item")).ToContainTextAsync("Clear, and it kept to two sentences.");
        await Shot(page, "score-1-playground");

        // The run's own page lists it too, and the form comes back filled with the reviewer's score.
        await page.GetByTestId("run-summary").GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForInteractiveAsync();
        panel = page.GetByTestId("panel-0");
        await Assertions.Expect(panel.GetByTestId("score-count")).ToHaveTextAsync("you scored it");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Change your score" }).ClickAsync();
        await Assertions.Expect(panel.GetByTestId("score-item")).ToContainTextAsync("Correctness: 4 / 5");
        await Assertions.Expect(panel.GetByRole(AriaRole.Group, new() { Name = "Correctness" }).GetByRole(AriaRole.Radio, new() { Name = "4", Exact = true })).ToBeCheckedAsync();
        await Assertions.Expect(panel.GetByRole(AriaRole.Button, new() { Name = "Update my score" })).ToBeVisibleAsync();
        await Shot(page, "score-2-run-page");
    }

    private async Task AddOpenAiConnectionAsync(IPage page)
    {
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
    }

    private static async Task ChooseAsync(IPage page, string label, string option)
    {
        var field = page.GetByLabel(label, new() { Exact = true });
        await field.ClickAsync();
        await field.FillAsync(option[..option.IndexOf(" (", StringComparison.Ordinal)]);
        await page.GetByRole(AriaRole.Option, new() { Name = option }).ClickAsync();
    }

    private Task Shot(IPage page, string name) => page.ScreenshotAsync(app, "evaluation-" + name);
}
