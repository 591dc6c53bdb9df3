using System.Net;
using ModelHub.FakeProviders;
using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Playground.Connections;
using ModelHub.Web.Features.Playground.Runs;
using ModelHub.Web.Features.Teams;

namespace ModelHub.IntegrationTests;

/// <summary>
/// A team with one connection per API style, all pointing at a fake provider on 127.0.0.1 (allowed
/// through <c>Outbound:AllowedHosts</c>), and a priced catalog route for the OpenAI-compatible one.
/// </summary>
public abstract class PlaygroundTest : IntegrationTest
{
    public const decimal InputPrice = 1.50m;
    public const decimal OutputPrice = 6.00m;

    protected FakeProviderServer fake = null!;
    protected TestUser owner = null!;
    protected Guid teamId;
    protected ConnectionView openAi = null!;
    protected ConnectionView anthropic = null!;
    protected ConnectionView replicate = null!;
    protected int echoRouteId;
    protected int textOnlyRouteId;

    protected PlaygroundTest()
    {
        app.Settings["Outbound:AllowedHosts:0"] = "127.0.0.1";
        app.Settings["Playground:FirstTokenTimeoutSeconds"] = "2";
        app.Settings["Playground:StallTimeoutSeconds"] = "2";
        // Failing providers are retried; quick backoff keeps the retries inside the short first-token limit above.
        app.Settings["Playground:Resilience:RetryBaseDelayMilliseconds"] = "10";
    }

    public override async ValueTask InitializeAsync()
    {
        fake = await FakeProviderServer.StartAsync();
        owner = await app.CreateUserAsync("owner@example.com");
        teamId = (await (await owner.Api.PostJsonAsync("/api/v1/teams", new CreateTeamRequest("Evals"))).ReadAsync<TeamSummary>(HttpStatusCode.Created)).Id;
        var providerId = await AddFakeCatalogProviderAsync();
        openAi = await CreateConnectionAsync(new ConnectionInput("Fake OpenAI", ApiStyle.OpenAiCompatible, fake.OpenAiBaseUrl, FakeProviderServer.ApiKey, CatalogProviderId: providerId));
        anthropic = await CreateConnectionAsync(new ConnectionInput("Fake Anthropic", ApiStyle.Anthropic, fake.BaseUrl, FakeProviderServer.ApiKey));
        replicate = await CreateConnectionAsync(new ConnectionInput("Fake Replicate", ApiStyle.Replicate, fake.BaseUrl, FakeProviderServer.ApiKey));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await fake.DisposeAsync();
    }

    protected async Task<ConnectionView> CreateConnectionAsync(ConnectionInput input, TestUser? as_ = null) =>
        await (await (as_ ?? owner).Api.PostJsonAsync($"/api/v1/teams/{teamId}/connections", input)).ReadAsync<ConnectionView>(HttpStatusCode.Created);

    /// <summary>Starts a run and waits for it to finish.</summary>
    protected async Task<RunView> RunAsync(RunRequest request, TestUser? as_ = null) =>
        await (await (as_ ?? owner).Api.PostJsonAsync($"/api/v1/teams/{teamId}/runs?wait=true", request)).ReadAsync<RunView>(HttpStatusCode.Created);

    protected static RunRequest Prompt(string text, params RunTargetRequest[] targets) =>
        new(targets, [new ChatMessage(ChatRole.User, text)]);

    protected static string ExpectedAnswer(string model, string prompt) => string.Concat(FakeProviderServer.AnswerChunks(model, prompt));

    /// <summary>A provider "Fake Cloud" serving "echo" (reads images, priced) and "text-only" (no images).</summary>
    private async Task<int> AddFakeCatalogProviderAsync() => await app.WithDbAsync(async db =>
    {
        var source = db.CatalogSources.OrderBy(s => s.Id).First();
        var provider = new CatalogProvider { Slug = "fake-cloud", Name = "Fake Cloud", ApiStyle = ApiStyle.OpenAiCompatible, Source = source };
        var vision = new CatalogModel
        {
            Slug = "fake-echo", Name = "Fake Echo", Lab = "Tests", Source = source,
            InputModalities = Modality.Text | Modality.Image, OutputModalities = Modality.Text,
        };
        var text = new CatalogModel
        {
            Slug = "fake-text", Name = "Fake Text", Lab = "Tests", Source = source,
            InputModalities = Modality.Text, OutputModalities = Modality.Text,
        };
        var echo = new CatalogRoute { Model = vision, Provider = provider, ProviderModelId = "echo", InputPricePerMillion = InputPrice, OutputPricePerMillion = OutputPrice, Source = source };
        var textOnly = new CatalogRoute { Model = text, Provider = provider, ProviderModelId = "text-only", InputPricePerMillion = 0.1m, OutputPricePerMillion = 0.2m, Source = source };
        db.AddRange(provider, vision, text, echo, textOnly);
        await db.SaveChangesAsync();
        echoRouteId = echo.Id;
        textOnlyRouteId = textOnly.Id;
        return provider.Id;
    });

    protected Task<TestUser> AddMemberAsync(string email, TeamRole role) => app.AddMemberAsync(owner, teamId, email, role);
}
