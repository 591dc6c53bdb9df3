using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ModelHub.IntegrationTests;

/// <summary>API errors are problem+json; a path under /api that does not exist answers 404, whatever the method.</summary>
public sealed class ApiErrorTests : IntegrationTest
{
    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task AnUnknownApiPathAnswers404ProblemJsonForEveryMethod(string method)
    {
        var user = await app.CreateUserAsync($"{method.ToLowerInvariant()}@example.com");
        using var request = new HttpRequestMessage(new HttpMethod(method), "/api/v1/no-such-thing")
        {
            Content = method is "GET" or "DELETE" ? null : JsonContent.Create(new { a = 1 }),
        };

        var response = await user.Api.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Contains("/api/v1/no-such-thing", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AnUnknownApiPathAnswers404EvenWithoutSigningIn()
    {
        var response = await app.CreateApiClient().GetAsync("/api/v2/models");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnUnknownPageStillGetsTheFriendlyNotFoundPage()
    {
        var response = await app.CreateApiClient().GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
