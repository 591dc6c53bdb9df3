using System.Text.Json;
using Microsoft.Playwright;
using ModelHub.FakeProviders;

namespace ModelHub.BrowserTests;

/// <summary>
/// Every main page of the app, with the data that makes each one show its real content: a team, a
/// connection to the fake provider and a finished run with two targets. Made once per test class.
/// </summary>
internal sealed record SiteTour(IReadOnlyList<string> MemberPages, IReadOnlyList<string> AdminPages, string Email, string RunId)
{
    public static async Task<SiteTour> PrepareAsync(AppServer app)
    {
        var page = await app.NewPageAsync();
        var email = Flows.UniqueEmail("tour");
        await page.RegisterAsync(email);
        var api = page.APIRequest;

        var team = await PostAsync(api, app, "/api/v1/teams", new { name = "Tour" });
        var teamId = team.GetProperty("id").GetString();
        var connection = await PostAsync(api, app, $"/api/v1/teams/{teamId}/connections", new
        {
            name = "Fake OpenAI",
            apiStyle = "OpenAiCompatible",
            baseUrl = app.FakeProvider.OpenAiBaseUrl,
            apiKey = FakeProviderServer.ApiKey,
        });
        var connectionId = connection.GetProperty("id").GetString();
        var run = await PostAsync(api, app, $"/api/v1/teams/{teamId}/runs?wait=true", new
        {
            targets = new[] { new { connectionId, modelId = "gpt-4o-mini" }, new { connectionId, modelId = "fake-model-b" } },
            messages = new[] { new { role = "User", text = "Name three prime numbers." } },
        });
        var runId = run.GetProperty("id").GetString();
        var comparison = await PostAsync(api, app, $"/api/v1/teams/{teamId}/comparisons", new
        {
            name = "GLM or Qwen",
            models = new[] { "glm-4v-9b", "qwen3.5-4b", "gpt-4o" },
            workload = new { requestsPerDay = 2_000, inputTokensPerRequest = 1_500, outputTokensPerRequest = 400, cachedInputShare = 0.2, daysPerMonth = 30 },
        });
        var comparisonId = comparison.GetProperty("id").GetString();

        // The team's evaluations: a note on a model, a score of each answer, a blind vote, so the
        // evaluation pages show their real content.
        await PostAsync(api, app, $"/api/v1/teams/{teamId}/notes", new
        {
            target = new { kind = "model", id = "glm-4v-9b" },
            body = "Reads **invoices** well; slow on long tables.",
            verdict = "Acceptable",
            tags = new[] { "invoices" },
        });
        var answers = run.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("id").GetString()).ToList();
        var rubric = (await GetAsync(api, app, $"/api/v1/teams/{teamId}/rubrics"))[0];
        var criteria = rubric.GetProperty("criteria").EnumerateArray().ToList();
        foreach (var (answer, score) in answers.Zip([4, 3]))
        {
            await PostAsync(api, app, $"/api/v1/teams/{teamId}/scores", new
            {
                runTargetId = answer,
                rubricId = rubric.GetProperty("id").GetString(),
                values = new Dictionary<string, object>
                {
                    [criteria[0].GetProperty("id").GetString()!] = score,
                    [criteria[1].GetProperty("id").GetString()!] = score,
                    [criteria[2].GetProperty("id").GetString()!] = true,
                },
                comment = "Correct primes.",
            });
        }

        await PostAsync(api, app, $"/api/v1/teams/{teamId}/votes", new { runId, leftTargetId = answers[0], rightTargetId = answers[1], outcome = "Left" });
        await page.Context.CloseAsync();

        return new SiteTour(
            [
                "/", "/models", "/models/glm-4v-9b", "/compare?models=glm-4v-9b,qwen3.5-4b", "/playground", "/playground/history",
                $"/playground/runs/{runId}", "/playground/connections", "/team", "/teams", "/settings/tokens", "/not-a-page",
                "/comparisons", $"/comparisons/{comparisonId}", "/evaluations", "/evaluations/blind", "/evaluations/rubrics", "/notes",
            ],
            ["/admin", "/admin/catalog/import", "/admin/catalog/identity", "/admin/catalog/models/new", "/admin/catalog/models/glm-4v-9b/edit"],
            email,
            runId!);
    }

    private static async Task<JsonElement> GetAsync(IAPIRequestContext api, AppServer app, string path)
    {
        var response = await api.GetAsync(app.BaseUrl + path);
        var text = await response.TextAsync();
        Assert.True(response.Ok, $"GET {path} answered {response.Status}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<JsonElement> PostAsync(IAPIRequestContext api, AppServer app, string path, object body)
    {
        var response = await api.PostAsync(app.BaseUrl + path, new() { DataObject = body });
        var text = await response.TextAsync();
        Assert.True(response.Ok, $"POST {path} answered {response.Status}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
