using System.Text.Json;
using Microsoft.Playwright;
using ModelHub.FakeProviders;

namespace ModelHub.BrowserTests;

/// <summary>
/// A team's leaderboard built from real run answers: four catalog models answer twelve support questions through
/// the fake provider, two reviewers score the answers and one votes blind, all through the API with the signed-in
/// browser's cookie, and the page ranks them with their intervals.
/// </summary>
public sealed class EvaluationLeaderboardTests(AppServer app)
{
    private static readonly string[] Questions =
    [
        "A customer was charged twice for one order. What do we do?", "How long do refunds take to reach a credit card?",
        "Can a customer change the delivery address after dispatch?", "Explain our 30-day return policy in two sentences.",
        "A parcel shows delivered but never arrived. Next steps?", "How do I reset two-factor authentication for a user?",
        "Draft a polite reply to an angry customer about a late order.", "Which plans include phone support?",
        "Summarise the warranty terms for refurbished laptops.", "A customer wants an invoice in another company's name.",
        "How do we handle a chargeback opened by the bank?", "Write a three-step guide to exporting order history.",
    ];

    /// <summary>How good each model's answers are in this story: mean correctness and how often the format was followed.</summary>
    private static readonly (string ModelId, double Correctness, double FormatRate, int Scored)[] Models =
    [
        ("gpt-4o", 4.4, 0.85, 12), ("gpt-4.1", 4.0, 0.75, 12), ("gpt-4.1-mini", 3.0, 0.55, 11), ("gpt-4o-mini", 3.3, 0.6, 5),
    ];

    [Fact]
    public async Task ScoresAndBlindVotesOnRealAnswersRankModelsWithIntervalsAndMarkTooFewToRank()
    {
        var page = await app.NewPageAsync(1280, 900);
        await page.RegisterAsync(Flows.UniqueEmail("board"));
        await page.CreateTeamAsync("Support desk");
        await AddFakeOpenAiConnectionAsync(page);

        var api = page.APIRequest;
        var teamId = (await GetAsync(api, "/api/v1/teams")).EnumerateArray().Single(t => t.GetProperty("name").GetString() == "Support desk").GetProperty("id").GetString()!;
        var team = $"/api/v1/teams/{teamId}";
        var options = await GetAsync(api, $"{team}/targets");
        var targets = options.EnumerateArray()
            .Where(t => t.GetProperty("routeId").ValueKind == JsonValueKind.Number)
            .ToDictionary(t => t.GetProperty("providerModelId").GetString()!, t => new { connectionId = t.GetProperty("connectionId").GetString(), routeId = t.GetProperty("routeId").GetInt32() });
        var modelIds = Models.Select(m => m.ModelId).ToArray();
        Assert.True(modelIds.All(targets.ContainsKey), $"The connection should serve the catalog's OpenAI routes; the targets are {options}");

        // Twelve runs, each on all four models; every answer is the fake provider's real streamed output.
        var answers = new List<Dictionary<string, string>>();
        var runIds = new List<string>();
        foreach (var question in Questions)
        {
            var run = await PostAsync(api, $"{team}/runs?wait=true", new
            {
                targets = modelIds.Select(id => targets[id]).ToArray(),
                messages = new[] { new { role = "User", text = question } },
            });
            Assert.Equal("Succeeded", run.GetProperty("status").GetString());
            runIds.Add(run.GetProperty("id").GetString()!);
            answers.Add(run.GetProperty("targets").EnumerateArray().ToDictionary(t => t.GetProperty("providerModelId").GetString()!, t =>
            {
                Assert.False(string.IsNullOrWhiteSpace(t.GetProperty("output").GetString()), "An answer came back empty.");
                return t.GetProperty("id").GetString()!;
            }));
        }

        var rubric = (await GetAsync(api, $"{team}/rubrics")).EnumerateArray().Single(r => r.GetProperty("isDefault").GetBoolean());
        var criteria = rubric.GetProperty("criteria").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("id").GetString()!);
        var random = new Random(20261202);

        // Scores: at least ten for three models, five for GPT-4o mini.
        foreach (var (modelId, correctness, formatRate, scored) in Models)
        {
            for (var i = 0; i < scored; i++)
            {
                var score = Math.Clamp(Math.Round(correctness + (random.NextDouble() - 0.5) * 2.2), 1, 5);
                await PostAsync(api, $"{team}/scores", new
                {
                    runTargetId = answers[i][modelId],
                    rubricId = rubric.GetProperty("id").GetString(),
                    values = new Dictionary<string, object>
                    {
                        [criteria["Correctness"]] = score,
                        [criteria["Helpfulness"]] = Math.Clamp(score + random.Next(-1, 2), 1, 5),
                        [criteria["Format followed"]] = random.NextDouble() < formatRate,
                    },
                    comment = "Checked against the help centre article.",
                });
            }
        }

        // Blind votes, each pair shown in a random order: 31 in all, GPT-4o mini in only three.
        (string A, string B, int Runs)[] pairings = [("gpt-4o", "gpt-4.1", 12), ("gpt-4.1", "gpt-4.1-mini", 10), ("gpt-4o", "gpt-4.1-mini", 6), ("gpt-4o-mini", "gpt-4.1-mini", 3)];
        var strength = Models.ToDictionary(m => m.ModelId, m => Math.Pow(m.Correctness, 5));
        foreach (var (a, b, runs) in pairings)
        {
            for (var i = 0; i < runs; i++)
            {
                var (left, right) = random.Next(2) == 0 ? (a, b) : (b, a);
                var roll = random.NextDouble();
                var outcome = roll < 0.1 ? "Tie" : roll < 0.1 + 0.9 * strength[left] / (strength[left] + strength[right]) ? "Left" : "Right";
                await PostAsync(api, $"{team}/votes", new { runId = runIds[i], leftTargetId = answers[i][left], rightTargetId = answers[i][right], outcome });
            }
        }

        // A second reviewer, invited through the API, scores eight of GPT-4.1 mini's answers too and differs once on the format:
        // the board reports how far the two agree.
        var firstOpinion = (await GetAsync(api, $"{team}/scores?model=gpt-4.1-mini")).EnumerateArray().ToDictionary(
            s => s.GetProperty("runTargetId").GetString()!,
            s => s.GetProperty("values").EnumerateArray().Single(v => v.GetProperty("criterion").GetString() == "Format followed").GetProperty("passed").GetBoolean());
        var invite = await PostAsync(api, $"{team}/invites", new { role = "Member" });
        var reviewer = await app.NewPageAsync(1280, 900);
        await reviewer.RegisterAsync(Flows.UniqueEmail("second"));
        var inviteToken = invite.GetProperty("url").GetString()!.Split('/')[^1];
        await PostAsync(reviewer.APIRequest, $"/api/v1/invites/{inviteToken}/accept", new { });
        for (var i = 0; i < 8; i++)
        {
            var answer = answers[i]["gpt-4.1-mini"];
            await PostAsync(reviewer.APIRequest, $"{team}/scores", new
            {
                runTargetId = answer,
                rubricId = rubric.GetProperty("id").GetString(),
                values = new Dictionary<string, object> { [criteria["Correctness"]] = 3, [criteria["Helpfulness"]] = 3, [criteria["Format followed"]] = firstOpinion[answer] ^ (i == 5) },
            });
        }

        await reviewer.Context.CloseAsync();

        await page.GotoAsync("/evaluations");
        await page.WaitForInteractiveAsync();

        var correctnessBoard = page.Locator("[data-criterion='Correctness']");
        await Assertions.Expect(correctnessBoard.Locator("tbody tr")).ToHaveCountAsync(4);
        await Assertions.Expect(page.GetByTestId("leaderboard-summary")).ToContainTextAsync("48 scores of 40 answers and 31 blind votes");
        var mini = correctnessBoard.Locator("tbody tr").Filter(new() { HasText = "GPT-4o mini" });
        await Assertions.Expect(mini).ToContainTextAsync("too few to rank");
        await Assertions.Expect(mini.GetByTestId("rank")).ToHaveTextAsync("—");
        // Every ranked row has a rank, an interval as text and a bar; GPT-4o leads.
        var ranked = correctnessBoard.Locator("tbody tr:not(.mh-unranked)");
        await Assertions.Expect(ranked).ToHaveCountAsync(3);
        await Assertions.Expect(ranked.First).ToContainTextAsync("GPT-4o");
        await Assertions.Expect(ranked.First.GetByTestId("rank")).ToHaveTextAsync("1");
        await Assertions.Expect(ranked.First.GetByTestId("interval")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d\.\d–\d\.\d$"));
        await Assertions.Expect(correctnessBoard.Locator(".mh-ibar")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("[data-criterion='Format followed'] tbody tr").First.GetByTestId("value")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+%$"));

        var votes = page.GetByTestId("vote-board");
        await Assertions.Expect(votes.Locator("tbody tr")).ToHaveCountAsync(4);
        await Assertions.Expect(votes.Locator("tbody tr").Filter(new() { HasText = "GPT-4o mini" })).ToContainTextAsync("too few to rank");
        await Assertions.Expect(page.GetByTestId("agreement").Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("agreement")).ToContainTextAsync("Format followed");

        // Nothing is cut off or scrolls sideways at 1280 wide, and the bars of one table line up.
        Assert.False(await page.EvaluateAsync<bool>(Flows.SidewaysOverflowScript), "The leaderboard scrolls sideways at 1280 wide.");
        var bars = await correctnessBoard.Locator(".mh-ibar").EvaluateAllAsync<double[]>("bars => bars.map(b => b.getBoundingClientRect().left)");
        Assert.Single(bars.Distinct());

        // The whole board in one picture, at the width the README shows.
        await page.SetViewportSizeAsync(1280, await page.EvaluateAsync<int>("Math.min(2000, document.documentElement.scrollHeight)"));
        await page.EvaluateAsync("window.scrollTo(0, 0)");
        await page.DocumentationScreenshotAsync(app, "evaluations-leaderboard");
        await page.ScreenshotAsync(app, "evaluations-leaderboard-full");

        // By route: each provider route has its own row, and the choice is in the address.
        await page.GetByRole(AriaRole.Button, new() { Name = "By route" }).ClickAsync();
        await Assertions.Expect(correctnessBoard.Locator("tbody tr").First).ToContainTextAsync("OpenAI · ");
        Assert.Contains("by=route", page.Url);

        // The export answers the signed-in browser with the team's scores as CSV.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Export scores as CSV" }).ClickAsync());
        var csv = await File.ReadAllLinesAsync((await download.PathAsync())!);
        Assert.StartsWith("score_id,rubric_id,rubric,criterion_id,criterion,kind,value,model_slug", csv[0]);
        Assert.Equal(1 + 48 * 3, csv.Length);
        Assert.Equal(12 * 3, csv.Count(l => l.Contains(",gpt-4o,", StringComparison.Ordinal)));
        Assert.Equal((11 + 8) * 3, csv.Count(l => l.Contains(",gpt-4.1-mini,", StringComparison.Ordinal)));
        // A download, not a navigation: the page is still the leaderboard by route.
        Assert.Contains("by=route", page.Url);
        await Assertions.Expect(correctnessBoard.Locator("tbody tr").First).ToContainTextAsync("OpenAI · ");

        await page.GetByRole(AriaRole.Button, new() { Name = "Dark" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Light" })).ToBeVisibleAsync();
        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(correctnessBoard.Locator("tbody tr")).ToHaveCountAsync(4);
        await page.ScreenshotAsync(app, "evaluations-leaderboard-dark");
    }

    [Fact]
    public async Task AnOwnerDefinesARubricCorrectsWhatWasRefusedAndDeletesItWhileUnused()
    {
        var page = await app.NewPageAsync(1280, 900);
        await page.RegisterAsync(Flows.UniqueEmail("rubric"));
        await page.CreateTeamAsync("Docs team");

        // The menu leads there once the page is interactive (a click before that can be lost under load).
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).GetByRole(AriaRole.Link, new() { Name = "Rubrics" }))
            .ToHaveAttributeAsync("href", "evaluations/rubrics");
        await page.GotoAsync("/evaluations/rubrics");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Rubrics", Level = 1 })).ToBeVisibleAsync();
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("rubric")).ToContainTextAsync("General quality");

        await page.GetByLabel("Rubric name").FillAsync("Release notes");
        await page.GetByLabel("Criterion 1", new() { Exact = true }).FillAsync("Accuracy");
        await page.GetByLabel("Highest").FillAsync("10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add criterion" }).ClickAsync();
        await page.GetByLabel("Criterion 2", new() { Exact = true }).FillAsync("Tone");
        await page.GetByLabel("Kind of criterion 2").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "One of some labels" }).ClickAsync();
        await page.GetByLabel("Labels, comma-separated").FillAsync("warm");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create rubric" }).ClickAsync();

        // One label is refused; the message names the row and everything typed stays.
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Criterion 2, labels:", new() { Timeout = 20_000 });
        await Assertions.Expect(page.GetByLabel("Criterion 1", new() { Exact = true })).ToHaveValueAsync("Accuracy");
        await page.GetByLabel("Labels, comma-separated").FillAsync("warm, neutral, curt");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create rubric" }).ClickAsync();

        var created = page.GetByTestId("rubric").Filter(new() { HasText = "Release notes" });
        await Assertions.Expect(created).ToContainTextAsync("Accuracy");
        await Assertions.Expect(created).ToContainTextAsync("1 to 10");
        await Assertions.Expect(created).ToContainTextAsync("warm, neutral, curt");
        await page.ScreenshotAsync(app, "evaluations-rubrics");

        // Deleting the unused rubric removes it after the confirmation.
        await created.GetByRole(AriaRole.Button, new() { Name = "Delete Release notes" }).ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("rubric")).ToHaveCountAsync(1);
    }

    private async Task AddFakeOpenAiConnectionAsync(IPage page)
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
        await Assertions.Expect(provider).ToHaveValueAsync("OpenAI");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add connection" }).ClickAsync();
        await Assertions.Expect(page.Locator("tr.mh-connection-row")).ToContainTextAsync("Fake OpenAI");
        // The catalog provider is what makes the catalog's OpenAI routes runnable through this connection.
        await Assertions.Expect(page.Locator("tr.mh-connection-row td[data-label='Catalog provider']")).ToContainTextAsync("OpenAI");
    }

    private static async Task<JsonElement> GetAsync(IAPIRequestContext api, string url)
    {
        var response = await api.GetAsync(url);
        Assert.True(response.Ok, $"GET {url} answered {response.Status}: {await response.TextAsync()}");
        return JsonDocument.Parse(await response.TextAsync()).RootElement.Clone();
    }

    private static async Task<JsonElement> PostAsync(IAPIRequestContext api, string url, object body)
    {
        var response = await api.PostAsync(url, new() { DataObject = body });
        Assert.True(response.Ok, $"POST {url} answered {response.Status}: {await response.TextAsync()}");
        var text = await response.TextAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
