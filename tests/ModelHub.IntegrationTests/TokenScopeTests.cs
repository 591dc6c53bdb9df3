using System.Net;
using ModelHub.Web.Features.AccessTokens;
using ModelHub.Web.Features.Teams;

namespace ModelHub.IntegrationTests;

/// <summary>A token can do only what its scopes allow, and can only grant scopes it has.</summary>
[Trait("Database", "true")]
public sealed class TokenScopeTests : IntegrationTest
{
    private async Task<HttpClient> TokenAsync(TestUser user, params string[] scopes)
    {
        var created = await (await user.Api.PostJsonAsync("/api/v1/tokens", new CreateAccessTokenRequest($"t-{Guid.NewGuid():N}", 30, scopes)))
            .ReadAsync<CreatedAccessToken>(HttpStatusCode.Created);
        return app.CreateApiClient(created.Token);
    }

    [Fact]
    public async Task ReadTokenCanReadButWritingAnswers403NamingTheWriteScope()
    {
        var user = await app.CreateUserAsync("reader@example.com");
        var read = await TokenAsync(user, "read");

        await (await read.GetAsync("/api/v1/me")).ExpectAsync(HttpStatusCode.OK);
        var write = await read.PostJsonAsync("/api/v1/teams", new CreateTeamRequest("Lab"));

        var body = await write.ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Equal("application/problem+json", write.Content.Headers.ContentType?.MediaType);
        Assert.Contains("'write' scope", body);
    }

    [Fact]
    public async Task WriteTokenCannotManageTokensButAnAdminTokenCan()
    {
        var user = await app.CreateUserAsync("writer@example.com");
        var write = await TokenAsync(user, "read", "write");
        var admin = await TokenAsync(user, "admin");

        await (await write.PostJsonAsync("/api/v1/teams", new CreateTeamRequest("Lab"))).ExpectAsync(HttpStatusCode.Created);
        await (await write.PostJsonAsync("/api/v1/tokens", new CreateAccessTokenRequest("more", 30, ["read"]))).ExpectAsync(HttpStatusCode.Forbidden);
        await (await write.GetAsync("/api/v1/tokens")).ExpectAsync(HttpStatusCode.Forbidden);
        await (await admin.GetAsync("/api/v1/tokens")).ExpectAsync(HttpStatusCode.OK);
        await (await admin.PostJsonAsync("/api/v1/tokens", new CreateAccessTokenRequest("minted", 30, ["admin"]))).ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task TokenCannotMintATokenWithMoreScopesThanItHas()
    {
        var user = await app.CreateUserAsync("minter@example.com");
        var admin = await TokenAsync(user, "admin");

        var wider = await admin.PostJsonAsync("/api/v1/tokens", new CreateAccessTokenRequest("wider", 366, ["read", "write", "admin"]));

        Assert.Contains("write", await wider.ExpectAsync(HttpStatusCode.Forbidden));
    }

    [Fact]
    public async Task TokenWithoutNamedScopesCanReadAndWriteButNotManageTokens()
    {
        var user = await app.CreateUserAsync("default@example.com");
        var created = await (await user.Api.PostJsonAsync("/api/v1/tokens", new CreateAccessTokenRequest("plain", 30)))
            .ReadAsync<CreatedAccessToken>(HttpStatusCode.Created);
        var client = app.CreateApiClient(created.Token);

        Assert.Equal(["read", "write"], created.View.Scopes);
        await (await client.PostJsonAsync("/api/v1/teams", new CreateTeamRequest("Lab"))).ExpectAsync(HttpStatusCode.Created);
        await (await client.GetAsync("/api/v1/tokens")).ExpectAsync(HttpStatusCode.Forbidden);
    }
}
