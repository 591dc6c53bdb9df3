using System.Net;
using ModelHub.Web.Features.Playground;
using ModelHub.Web.Features.Playground.Runs;

namespace ModelHub.IntegrationTests;

/// <summary>What a run may not do: too often, too big, too expensive, or on the wrong target. Each refusal says why.</summary>
[Trait("Database", "true")]
public sealed class PlaygroundLimitTests : PlaygroundTest
{
    public PlaygroundLimitTests()
    {
        app.Settings["Playground:RunsPerMinutePerUser"] = "3";
        app.Settings["Playground:MaxPromptCharacters"] = "200";
        app.Settings["Playground:MaxAttachmentBytes"] = "1024";
        app.Settings["Playground:MaxAttachments"] = "2";
    }

    [Fact]
    public async Task TheRunsPerMinuteLimitAnswers429WithRetryAfter()
    {
        for (var i = 0; i < 3; i++)
        {
            await RunAsync(Prompt($"Run {i}", new RunTargetRequest(openAi.Id, ModelId: "echo")));
        }

        var refused = await owner.Api.PostJsonAsync($"/api/v1/teams/{teamId}/runs", Prompt("One too many", new RunTargetRequest(openAi.Id, ModelId: "echo")));

        Assert.Contains("You have started 3 runs in the last minute", await refused.ExpectAsync(HttpStatusCode.TooManyRequests));
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        var history = await (await owner.Api.GetAsync($"/api/v1/teams/{teamId}/runs")).ReadAsync<RunPage>();
        Assert.Equal(3, history.Total);
    }

    [Fact]
    public async Task APromptOverTheSizeLimitIsRefusedWithItsSize()
    {
        var response = await owner.Api.PostJsonAsync($"/api/v1/teams/{teamId}/runs", Prompt(new string('x', 201), new RunTargetRequest(openAi.Id, ModelId: "echo")));

        Assert.Contains("The prompt is 201 characters; the most a run takes is 200", await response.ExpectAsync(HttpStatusCode.BadRequest));
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task AttachmentsOverTheSizeOrCountLimitAreRefused()
    {
        var big = new ImageAttachment("image/png", Convert.ToBase64String(new byte[2048]), "big.png");
        var small = new ImageAttachment("image/png", Convert.ToBase64String(new byte[16]), "small.png");

        var tooBig = await owner.Api.PostJsonAsync($"/api/v1/teams/{teamId}/runs",
            new RunRequest([new RunTargetRequest(openAi.Id, RouteId: echoRouteId)], [new ChatMessage(ChatRole.User, "Look", [big])]));
        Assert.Contains("big.png is 2 KB; images may be at most 1 KB", await tooBig.ExpectAsync(HttpStatusCode.BadRequest));

        var tooMany = await owner.Api.PostJsonAsync($"/api/v1/teams/{teamId}/runs",
            new RunRequest([new RunTargetRequest(openAi.Id, RouteId: echoRouteId)], [new ChatMessage(ChatRole.User, "Look", [small, small, small])]));
        Assert.Contains("Attach at most 2 images", await tooMany.ExpectAsync(HttpStatusCode.BadRequest));

        var notAnImage = await owner.Api.PostJsonAsync($"/api/v1/teams/{teamId}/runs",
            new RunRequest([new RunTargetRequest(openAi.Id, RouteId: echoRouteId)], [new ChatMessage(ChatRole.User, "Look", [small with { MediaType = "application/pdf", FileName = "doc.pdf" }])]));
        Assert.Contains("doc.pdf is application/pdf", await notAnImage.ExpectAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task ImagesAreRefusedForAModelThatCannotReadThem()
    {
        var image = new ImageAttachment("image/png", Convert.ToBase64String(new byte[16]), "chart.png");

        var response = await owner.Api.PostJsonAsync($"/api/v1/teams/{teamId}/runs",
            new RunRequest([new RunTargetRequest(openAi.Id, RouteId: textOnlyRouteId)], [new ChatMessage(ChatRole.User, "Read this chart", [image])]));

        Assert.Contains("Fake Text does not accept images", await response.ExpectAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task TheMonthlySpendCapBlocksRunsOnceReached()
    {
        await (await owner.Api.PutJsonAsync($"/api/v1/teams/{teamId}/spend", new SpendCapRequest(0.00001m))).ExpectAsync(HttpStatusCode.NoContent);
        var priced = await RunAsync(Prompt("Costs money", new RunTargetRequest(openAi.Id, RouteId: echoRouteId)));
        Assert.True(priced.TotalCostUsd >= 0.00001m);

        var spend = await (await owner.Api.GetAsync($"/api/v1/teams/{teamId}/spend")).ReadAsync<SpendStatus>();
        Assert.Equal(priced.TotalCostUsd, spend.SpentThisMonthUsd);
        Assert.True(spend.CapReached);

        var blocked = await owner.Api.PostJsonAsync($"/api/v1/teams/{teamId}/runs", Prompt("One more", new RunTargetRequest(openAi.Id, RouteId: echoRouteId)));
        Assert.Contains("has reached its monthly spend cap of $0.00001", await blocked.ExpectAsync(HttpStatusCode.Conflict));

        await (await owner.Api.PutJsonAsync($"/api/v1/teams/{teamId}/spend", new SpendCapRequest(null))).ExpectAsync(HttpStatusCode.NoContent);
        await RunAsync(Prompt("Uncapped again", new RunTargetRequest(openAi.Id, RouteId: echoRouteId)));
    }

    [Theory]
    [InlineData(0, "Choose 1 to 4 targets")]
    [InlineData(5, "Choose 1 to 4 targets")]
    public async Task TheNumberOfTargetsIsOneToFour(int count, string message)
    {
        var targets = Enumerable.Repeat(new RunTargetRequest(openAi.Id, ModelId: "echo"), count).ToArray();

        var response = await owner.Api.PostJsonAsync($"/api/v1/teams/{teamId}/runs", Prompt("Hi", targets));

        Assert.Contains(message, await response.ExpectAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task ARouteOfAnotherProviderCannotBeRunThroughAConnection()
    {
        var response = await owner.Api.PostJsonAsync($"/api/v1/teams/{teamId}/runs", Prompt("Hi", new RunTargetRequest(anthropic.Id, RouteId: echoRouteId)));

        Assert.Contains("cannot be reached through Fake Anthropic", await response.ExpectAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task BadParametersAreRefusedByName()
    {
        var response = await owner.Api.PostJsonAsync($"/api/v1/teams/{teamId}/runs",
            Prompt("Hi", new RunTargetRequest(openAi.Id, ModelId: "echo")) with { Parameters = new RunParameters(Temperature: 3) });

        Assert.Contains("Temperature (parameters.temperature) must be a number from 0 to 2", await response.ExpectAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task AConversationMustEndWithAUserMessage()
    {
        var response = await owner.Api.PostJsonAsync($"/api/v1/teams/{teamId}/runs",
            new RunRequest([new RunTargetRequest(openAi.Id, ModelId: "echo")], [new ChatMessage(ChatRole.User, "Hi"), new ChatMessage(ChatRole.Assistant, "Hello")]));

        Assert.Contains("must end with a user message", await response.ExpectAsync(HttpStatusCode.BadRequest));
    }
}
