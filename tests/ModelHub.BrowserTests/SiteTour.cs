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
        await page.Context.CloseAsync();

        return new SiteTour(
            [
                "/", "/models", "/models/glm-4v-9b", "/compare?models=glm-4v-9b,qwen3.5-4b", "/playground", "/playground/history",
                $"/playground/runs/{runId}", "/playground/connections", "/team", "/teams", "/settings/tokens", "/not-a-page",
                "/comparisons", $"/comparisons/{comparisonId}",
            ],
            ["/admin", "/admin/catalog/import", "/admin/catalog/identity", "/admin/catalog/models/new", "/admin/catalog/models/glm-4v-9b/edit"],
            email,
            runId!);
    }

    private static async Task<JsonElement> PostAsync(IAPIRequestContext api, AppServer app, string path, object body)
    {
        var response = await api.PostAsync(app.BaseUrl + path, new() { DataObject = body });
        var text = await response.TextAsync();
        Assert.True(response.Ok, $"POST {path} answered {response.Status}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
