using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Features.Teams;

namespace ModelHub.IntegrationTests;

/// <summary>Absolute links in mail and invites come from App:PublicBaseUrl, never from a forged Host header.</summary>
public sealed partial class PublicAddressTests : IAsyncLifetime
{
    private const string Forged = "attacker.example";

    // An operator who opened AllowedHosts to every name must still not be poisoned.
    private readonly ModelHubFactory app = new()
    {
        Settings = { ["AllowedHosts"] = "*", ["App:PublicBaseUrl"] = "https://modelhub.example.com/" },
    };

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task ForgottenPasswordMailLinksToThePublicAddressWhenTheHostHeaderIsForged()
    {
        await app.CreateUserAsync("victim@example.com");
        var client = app.CreateBrowserClient();

        using var get = new HttpRequestMessage(HttpMethod.Get, "/Account/ForgotPassword");
        get.Headers.Host = Forged;
        var form = await (await client.SendAsync(get)).ExpectAsync(HttpStatusCode.OK);
        using var post = new HttpRequestMessage(HttpMethod.Post, "/Account/ForgotPassword")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = AntiforgeryToken().Match(form).Groups[1].Value,
                ["_handler"] = "forgot-password",
                ["Input.Email"] = "victim@example.com",
            }),
        };
        post.Headers.Host = Forged;
        var response = await client.SendAsync(post);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var mail = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync());
        Assert.Contains("https://modelhub.example.com/Account/ResetPassword?code=", WebUtility.HtmlDecode(mail.HtmlBody));
        Assert.DoesNotContain(Forged, mail.HtmlBody);
    }

    [Fact]
    public async Task InviteLinkFromTheApiUsesThePublicAddressWhenTheHostHeaderIsForged()
    {
        var owner = await app.CreateUserAsync("owner@example.com");
        var team = await (await owner.Api.PostJsonAsync("/api/v1/teams", new CreateTeamRequest("Lab"))).ReadAsync<TeamSummary>(HttpStatusCode.Created);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/teams/{team.Id}/invites")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new CreateInviteRequest("friend@example.com")),
        };
        request.Headers.Host = Forged;
        var invite = await (await owner.Api.SendAsync(request)).ReadAsync<CreatedInvite>(HttpStatusCode.Created);

        Assert.StartsWith("https://modelhub.example.com/invites/", invite.Url);
        var mail = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync());
        Assert.DoesNotContain(Forged, mail.HtmlBody);
        Assert.Contains("https://modelhub.example.com/invites/", mail.HtmlBody);
    }

    [Fact]
    public async Task ShippedAllowedHostsRefuseAForeignHostName()
    {
        await using var shipped = new ModelHubFactory();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Account/ForgotPassword");
        request.Headers.Host = Forged;

        var response = await shipped.CreateApiClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ThePublicAddressHostIsAllowedBesideTheShippedNames()
    {
        await using var deployed = new ModelHubFactory { Settings = { ["App:PublicBaseUrl"] = "https://modelhub.example.com" } };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health");
        request.Headers.Host = "modelhub.example.com";

        var response = await deployed.CreateApiClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
