using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ModelHub.FakeProviders;
using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Playground.Connections;
using ModelHub.Web.Features.Playground.Runs;

namespace ModelHub.IntegrationTests;

/// <summary>Numbers that are not numbers, out of range or too large answer 400 problem+json naming the field, never 405 or 500.</summary>
[Trait("Database", "true")]
public sealed class ApiInputTests : PlaygroundTest
{
    [Theory]
    [InlineData("\"NaN\"")]
    [InlineData("\"Infinity\"")]
    [InlineData("1e400")]
    [InlineData("\"abc\"")]
    [InlineData("-1")]
    public async Task ABadTemperatureAnswers400NamingTheField(string temperature)
    {
        var targets = $"[{{\"connectionId\":\"{openAi.Id}\",\"modelId\":\"echo\"}}]";
        var response = await SendRawAsync(HttpMethod.Post, $"/api/v1/teams/{teamId}/runs",
            $"{{\"targets\":{targets},\"messages\":[{{\"role\":\"User\",\"text\":\"Hi\"}}],\"parameters\":{{\"temperature\":{temperature}}}}}");

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("parameters.temperature", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("1e308")]
    [InlineData("\"abc\"")]
    [InlineData("true")]
    [InlineData("{")]
    public async Task ABadSpendCapAnswers400NamingTheField(string cap)
    {
        var response = await SendRawAsync(HttpMethod.Put, $"/api/v1/teams/{teamId}/spend", $"{{\"monthlySpendCapUsd\":{cap}}}");

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("monthlySpendCapUsd", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AQueryNumberTooLargeForItsTypeAnswers400NamingIt()
    {
        var response = await owner.Api.GetAsync($"/api/v1/teams/{teamId}/runs?take=99999999999");

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("take", problem.GetProperty("detail").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("take", out _));
    }

    [Theory]
    [InlineData("page=2147483647")]
    [InlineData("page=2147483647&size=100")]
    [InlineData("page=21474837&size=100")]
    public async Task AHugeCatalogPageIsEmptyNotTheFirstPage(string paging)
    {
        Assert.NotEmpty((await (await owner.Api.GetAsync("/api/v1/models")).ReadAsync<ModelListResponse>()).Items);

        var list = await (await owner.Api.GetAsync($"/api/v1/models?{paging}")).ReadAsync<ModelListResponse>();

        Assert.Empty(list.Items);
        Assert.NotEqual(1, list.Page);
    }

    [Fact]
    public async Task AHugeRunHistorySkipIsEmpty()
    {
        await RunAsync(Prompt("Hi", new RunTargetRequest(openAi.Id, ModelId: "echo")));

        var page = await (await owner.Api.GetAsync($"/api/v1/teams/{teamId}/runs?skip=2147483647&take=200")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(0, JsonDocument.Parse(page).RootElement.GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("PATCH", "/spend")]
    [InlineData("DELETE", "/spend")]
    [InlineData("POST", "/targets")]
    [InlineData("PUT", "/runs")]
    [InlineData("POST", "/no-such-thing")]
    [InlineData("PUT", "/no-such-thing")]
    [InlineData("DELETE", "/no-such-thing")]
    public async Task AnotherMethodOnAnApiPathAnswersProblemJson(string method, string path)
    {
        var response = await SendRawAsync(new HttpMethod(method), $"/api/v1/teams/{teamId}{path}", method == "DELETE" ? null : "{}");

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed });
        var problem = await ProblemAsync(response, response.StatusCode);
        Assert.Contains(path, problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("Authorization")]
    [InlineData("authorization")]
    [InlineData("Host")]
    [InlineData("COOKIE")]
    [InlineData("Proxy-Authorization")]
    [InlineData("Content-Length")]
    [InlineData("Transfer-Encoding")]
    [InlineData("Connection")]
    [InlineData("X-Bad\u0001Name")]
    [InlineData("X-Bad Name")]
    [InlineData("X-Bad\r\nName")]
    [InlineData("X-Bad:Name")]
    public async Task AnExtraHeaderThatIsReservedOrNotATokenIsRefusedByName(string name)
    {
        var response = await owner.Api.PostJsonAsync($"/api/v1/teams/{teamId}/connections",
            new ConnectionInput("Headers", ApiStyle.OpenAiCompatible, fake.OpenAiBaseUrl, FakeProviderServer.ApiKey, ExtraHeaders: new Dictionary<string, string> { [name] = "x" }));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("Extra header '", detail);
        Assert.DoesNotContain('\r', detail);
        Assert.DoesNotContain('\n', detail);
        Assert.DoesNotContain('\u0001', detail);
    }

    [Theory]
    [InlineData("one\r\nX-Injected: yes")]
    [InlineData("one\ntwo")]
    [InlineData("nul\0")]
    public async Task AnExtraHeaderValueWithControlCharactersIsRefusedByName(string value)
    {
        var response = await owner.Api.PostJsonAsync($"/api/v1/teams/{teamId}/connections",
            new ConnectionInput("Headers", ApiStyle.OpenAiCompatible, fake.OpenAiBaseUrl, FakeProviderServer.ApiKey, ExtraHeaders: new Dictionary<string, string> { ["X-Team"] = value }));

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("X-Team", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AnOrdinaryExtraHeaderIsStillAccepted()
    {
        var created = await CreateConnectionAsync(new ConnectionInput("Headers", ApiStyle.OpenAiCompatible, fake.OpenAiBaseUrl, FakeProviderServer.ApiKey,
            ExtraHeaders: new Dictionary<string, string> { ["X-Team"] = "evals\tone" }));

        Assert.Equal(["X-Team"], created.ExtraHeaderNames);
    }

    private Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string url, string? json)
    {
        var request = new HttpRequestMessage(method, url) { Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json") };
        return owner.Api.SendAsync(request);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
