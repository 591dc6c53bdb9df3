using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ModelHub.IntegrationTests;

[Trait("Database", "true")]
public sealed class OperationsTests : IntegrationTest
{
    [Fact]
    public async Task HealthReportsTheDatabaseReachable()
    {
        var body = await (await app.CreateApiClient().GetAsync("/health")).ExpectAsync(HttpStatusCode.OK);

        Assert.Contains("\"database\":\"Healthy\"", body);
    }

    [Fact]
    public async Task PagesCarrySecurityHeaders()
    {
        var response = await app.CreateApiClient().GetAsync("/");

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task UnknownAddressGetsAFriendlyNotFoundPage()
    {
        var response = await app.CreateApiClient().GetAsync("/no/such/page");

        var html = await response.ExpectAsync(HttpStatusCode.NotFound);
        Assert.Contains("Page not found", html);
    }

    [Fact]
    public async Task SignInFormCarriesAnAntiforgeryToken()
    {
        var html = await (await app.CreateApiClient().GetAsync("/Account/Login")).ExpectAsync(HttpStatusCode.OK);

        Assert.Contains("__RequestVerificationToken", html);
    }

    [Fact]
    public async Task PagesThatNeedAnAccountRedirectToSignIn()
    {
        var response = await app.CreateApiClient().GetAsync("/team");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task OpenApiDocumentDescribesTheApi()
    {
        var body = await (await app.CreateApiClient().GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);

        Assert.Contains("/api/v1/teams/{teamId}/members/{userId}", body);
        Assert.Contains("/api/v1/tokens", body);
    }

    [Fact]
    public async Task DataProtectionKeysLiveInTheDatabaseAndSurviveARestart()
    {
        var protectedValue = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("secret");
        var keys = await app.WithDbAsync(db => db.DataProtectionKeys.CountAsync());

        await using var restarted = new ModelHubFactory(app.Database);
        var unprotected = restarted.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedValue);

        Assert.True(keys > 0);
        Assert.Equal("secret", unprotected);
    }
}
