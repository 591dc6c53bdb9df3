using System.Net;

namespace ModelHub.IntegrationTests;

public sealed class ApiThrottlingTests : IAsyncLifetime
{
    private readonly ModelHubFactory app = new() { Settings = { ["RateLimits:Api:PermitLimit"] = "3" } };

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task ATokenOverItsAllowanceGets429ProblemWithRetryAfterWhileAnotherTokenStillWorks()
    {
        var busy = await app.CreateUserAsync("busy@example.com");
        var quiet = await app.CreateUserAsync("quiet@example.com");

        for (var call = 0; call < 3; call++)
        {
            await (await busy.Api.GetAsync("/api/v1/me")).ExpectAsync(HttpStatusCode.OK);
        }

        var throttled = await busy.Api.GetAsync("/api/v1/me");
        var other = await quiet.Api.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Equal("application/problem+json", throttled.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Try again in", await throttled.Content.ReadAsStringAsync());
        var retryAfter = Assert.Single(throttled.Headers.GetValues("Retry-After"));
        Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
