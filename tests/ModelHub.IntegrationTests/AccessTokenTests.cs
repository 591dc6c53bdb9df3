using System.Net;
using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Features.AccessTokens;
using ModelHub.Web.Features.Accounts;

namespace ModelHub.IntegrationTests;

[Trait("Database", "true")]
public sealed class AccessTokenTests : IntegrationTest
{
    [Fact]
    public async Task ApiWithoutCredentialsAnswers401InsteadOfRedirecting()
    {
        var response = await app.CreateApiClient().GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task TokenAuthenticatesAsItsUser()
    {
        var user = await app.CreateUserAsync("pat@example.com");

        var me = await (await user.Api.GetAsync("/api/v1/me")).ReadAsync<MeResponse>();

        Assert.Equal("pat@example.com", me.Email);
    }

    [Fact]
    public async Task UnknownTokenIsRejected()
    {
        var response = await app.CreateApiClient("mh_pat_not-a-real-token").GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task RevokedTokenStopsWorkingAtOnce()
    {
        var user = await app.CreateUserAsync("pat@example.com");
        var tokenId = await app.WithDbAsync(db => db.PersonalAccessTokens.Select(t => t.Id).SingleAsync());

        await (await user.Api.DeleteAsync($"/api/v1/tokens/{tokenId}")).ExpectAsync(HttpStatusCode.NoContent);

        Assert.Equal(HttpStatusCode.Unauthorized, (await user.Api.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task ExpiredTokenIsRejected()
    {
        var user = await app.CreateUserAsync("pat@example.com");
        await app.WithDbAsync(db => db.PersonalAccessTokens.ExecuteUpdateAsync(t => t.SetProperty(x => x.ExpiresAtUtc, DateTime.UtcNow.AddSeconds(-1))));

        Assert.Equal(HttpStatusCode.Unauthorized, (await user.Api.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task TokenIsShownOnceAndStoredOnlyAsAHash()
    {
        var user = await app.CreateUserAsync("pat@example.com");

        var created = await (await user.Api.PostJsonAsync("/api/v1/tokens", new CreateAccessTokenRequest("CI", 30))).ReadAsync<CreatedAccessToken>(HttpStatusCode.Created);
        var listed = await (await user.Api.GetAsync("/api/v1/tokens")).ExpectAsync(HttpStatusCode.OK);
        var stored = await app.WithDbAsync(db => db.PersonalAccessTokens.Where(t => t.Name == "CI").SingleAsync());

        Assert.StartsWith(AccessTokenRules.TokenPrefix, created.Token);
        Assert.DoesNotContain(created.Token, listed);
        Assert.DoesNotContain(user.Token, listed);
        Assert.Equal(ModelHub.Web.Features.Common.SecretTokens.Hash(created.Token), stored.TokenHash);
        Assert.StartsWith(stored.DisplayPrefix, created.Token, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UserCannotRevokeAnotherUsersToken()
    {
        var owner = await app.CreateUserAsync("owner@example.com");
        var other = await app.CreateUserAsync("other@example.com");
        var ownerTokenId = await app.WithDbAsync(db => db.PersonalAccessTokens.Where(t => t.UserId == owner.Id).Select(t => t.Id).SingleAsync());

        await (await other.Api.DeleteAsync($"/api/v1/tokens/{ownerTokenId}")).ExpectAsync(HttpStatusCode.NotFound);

        Assert.Equal(HttpStatusCode.OK, (await owner.Api.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task TokenOfAnAccountLockedOutOfPasswordSignInKeepsWorking()
    {
        // Anyone who knows an email can cause a lockout; it must not switch off that person's automation.
        var user = await app.CreateUserAsync("pat@example.com");
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutEnd, DateTimeOffset.UtcNow.AddHours(1))));

        Assert.Equal(HttpStatusCode.OK, (await user.Api.GetAsync("/api/v1/me")).StatusCode);
    }

    [Fact]
    public async Task TokenLifetimeOverAYearIsRefused()
    {
        var user = await app.CreateUserAsync("pat@example.com");

        var response = await user.Api.PostJsonAsync("/api/v1/tokens", new CreateAccessTokenRequest("forever", 5000));

        Assert.Contains("1 to 366 days", await response.ExpectAsync(HttpStatusCode.BadRequest));
    }
}
