using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Catalog.Editing;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Playground;
using ModelHub.Web.Features.Playground.Connections;
using ModelHub.Web.Features.Playground.Prompts;
using ModelHub.Web.Features.Playground.Runs;
using ModelHub.Web.Features.Teams;

namespace ModelHub.IntegrationTests;

/// <summary>Every free-text field has a documented maximum; one over it answers 400 naming the field, and a body over the cap 413.</summary>
[Trait("Database", "true")]
public sealed class SizeLimitTests : PlaygroundTest
{
    private static string Over(int limit) => new('x', limit + 1);

    // These tests are about sizes, not speed: a 4 MB request on a loaded machine may take longer
    // than the playground tests' 2-second first-token limit to reach the fake provider and back.
    public SizeLimitTests() => app.Settings["Playground:FirstTokenTimeoutSeconds"] = "60";

    [Fact]
    public async Task ASavedPromptOverTheLimitIsRefusedNamingTheFieldAndNothingIsStored()
    {
        var systemTooLong = await owner.Api.PostJsonAsync($"/api/v1/teams/{teamId}/prompts",
            new SavedPromptInput("Big", Over(PlaygroundRules.MaxSystemPromptLength), "Hello"));
        var userTooLong = await owner.Api.PostJsonAsync($"/api/v1/teams/{teamId}/prompts",
            new SavedPromptInput("Big", null, Over(PlaygroundRules.MaxMessageLength)));

        Assert.Contains("systemPrompt: at most 100,000 characters", await systemTooLong.ExpectAsync(HttpStatusCode.BadRequest));
        Assert.Contains("userPrompt: at most 100,000 characters", await userTooLong.ExpectAsync(HttpStatusCode.BadRequest));
        Assert.Equal(0, await app.WithDbAsync(db => db.SavedPrompts.CountAsync()));
    }

    [Fact]
    public async Task ARunMessageOverTheLimitIsRefusedNamingTheFieldAndNothingIsSent()
    {
        var response = await owner.Api.PostJsonAsync($"/api/v1/teams/{teamId}/runs",
            new RunRequest([new RunTargetRequest(openAi.Id, ModelId: "echo")], [new ChatMessage(ChatRole.User, Over(PlaygroundRules.MaxMessageLength))]));

        Assert.Contains("messages[0].text: at most 100,000 characters", await response.ExpectAsync(HttpStatusCode.BadRequest));
        Assert.Empty(fake.Requests);
        Assert.Equal(0, await app.WithDbAsync(db => db.PlaygroundRuns.CountAsync()));
    }

    [Fact]
    public async Task AConnectionNameOrHeaderValueOverTheLimitIsRefusedAndNothingIsStored()
    {
        var longName = await owner.Api.PostJsonAsync($"/api/v1/teams/{teamId}/connections",
            new ConnectionInput(Over(PlaygroundRules.MaxConnectionNameLength), ApiStyle.OpenAiCompatible, fake.OpenAiBaseUrl, "sk-test-key"));
        var longHeader = await owner.Api.PostJsonAsync($"/api/v1/teams/{teamId}/connections",
            new ConnectionInput("Headers", ApiStyle.OpenAiCompatible, fake.OpenAiBaseUrl, "sk-test-key",
                new Dictionary<string, string> { ["X-Tenant"] = Over(PlaygroundRules.MaxHeaderValueLength) }));

        Assert.Contains("name: give the connection a name of 1 to 100 characters", await longName.ExpectAsync(HttpStatusCode.BadRequest));
        Assert.Contains("extraHeaders.X-Tenant: at most 4,000 characters", await longHeader.ExpectAsync(HttpStatusCode.BadRequest));
        Assert.Equal(3, await app.WithDbAsync(db => db.ProviderConnections.CountAsync()));
    }

    [Fact]
    public async Task ATeamNameOrInviteEmailOverTheLimitIsRefusedAndNothingIsStored()
    {
        var teams = await app.WithDbAsync(db => db.Teams.CountAsync());

        var longName = await owner.Api.PostJsonAsync("/api/v1/teams", new CreateTeamRequest(Over(TeamRules.MaxNameLength)));
        var longEmail = await owner.Api.PostJsonAsync($"/api/v1/teams/{teamId}/invites",
            new CreateInviteRequest(new string('a', TeamRules.MaxInviteEmailLength) + "@example.com", TeamRole.Member));

        Assert.Contains("name: at most 80 characters", await longName.ExpectAsync(HttpStatusCode.BadRequest));
        Assert.Contains("email: at most 256 characters", await longEmail.ExpectAsync(HttpStatusCode.BadRequest));
        Assert.Equal(teams, await app.WithDbAsync(db => db.Teams.CountAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.TeamInvites.CountAsync()));
    }

    [Fact]
    public async Task ACatalogDescriptionOverTheLimitIsRefusedNamingTheFieldAndNothingIsStored()
    {
        var admin = await app.CreateUserAsync("admin@example.com", true);
        await using var scope = app.Services.CreateAsyncScope();
        var editor = scope.ServiceProvider.GetRequiredService<CatalogEditor>();

        var refused = await Assert.ThrowsAsync<InvalidInputException>(() => editor.SaveModelAsync(new Caller(admin.Id, true), null,
            new ModelForm { Slug = "long-story", Name = "Long Story", Lab = "Tests", Description = Over(CatalogRules.MaxDescriptionLength) }));

        Assert.Contains("description: at most 4,000 characters", refused.Message);
        Assert.False(await app.WithDbAsync(db => db.Models.AnyAsync(m => m.Slug == "long-story")));
    }

    [Fact]
    public async Task ABodyOverTheRequestCapAnswers413ProblemAndNothingIsStored()
    {
        var tenMegabytes = new string('x', 10 * 1024 * 1024);

        // With a Content-Length the cap answers before the body is read; sent in chunks it answers once 2 MB have arrived.
        var declared = await owner.Api.PostAsync($"/api/v1/teams/{teamId}/prompts",
            new StringContent($$"""{"name":"Huge","userPrompt":"{{tenMegabytes}}"}""", Encoding.UTF8, "application/json"));
        var chunked = await owner.Api.PostJsonAsync($"/api/v1/teams/{teamId}/prompts", new SavedPromptInput("Huge", null, tenMegabytes));

        Assert.Contains("larger than 2 MB", await declared.ExpectAsync(HttpStatusCode.RequestEntityTooLarge));
        Assert.Equal("application/problem+json", declared.Content.Headers.ContentType?.MediaType);
        Assert.Contains("larger than 2 MB", await chunked.ExpectAsync(HttpStatusCode.RequestEntityTooLarge));
        Assert.Equal(0, await app.WithDbAsync(db => db.SavedPrompts.CountAsync()));
    }

    [Fact]
    public async Task ARunWithImagesMayBeLargerThanTheUsualCap()
    {
        var image = new ImageAttachment("image/png", Convert.ToBase64String(new byte[3 * 1024 * 1024]), "large.png");

        var run = await RunAsync(new RunRequest([new RunTargetRequest(openAi.Id, RouteId: echoRouteId)], [new ChatMessage(ChatRole.User, "Look", [image])]));

        Assert.True(run.Status == RunStatus.Succeeded, $"The run ended {run.Status}: {run.Targets[0].ErrorMessage}");
    }
}
