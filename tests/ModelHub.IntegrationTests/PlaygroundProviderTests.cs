using System.Text.Json.Nodes;
using ModelHub.FakeProviders;
using ModelHub.Web.Features.Playground.Runs;

namespace ModelHub.IntegrationTests;

/// <summary>Each wire format against the fake provider: what is sent, what is streamed back, what is measured.</summary>
[Trait("Database", "true")]
public sealed class PlaygroundProviderTests : PlaygroundTest
{
    [Fact]
    public async Task OpenAiCompatibleRunStreamsTheAnswerWithProviderUsageAndRoutePrice()
    {
        var run = await RunAsync(Prompt("What is two plus two?", new RunTargetRequest(openAi.Id, RouteId: echoRouteId)));

        var target = Assert.Single(run.Targets);
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Equal(RunStatus.Succeeded, target.Status);
        Assert.Equal(ExpectedAnswer("echo", "What is two plus two?"), target.Output);
        Assert.Equal("Fake Echo · Fake OpenAI", target.DisplayName);
        Assert.False(target.UsageEstimated);
        Assert.Equal(11 + "What is two plus two?".Length / 4, target.InputTokens);
        Assert.Equal(FakeProviderServer.AnswerChunks("echo", "What is two plus two?").Count, target.OutputTokens);
        Assert.Equal(Math.Round((target.InputTokens!.Value * InputPrice + target.OutputTokens!.Value * OutputPrice) / 1_000_000m, 6), target.CostUsd);
        Assert.True(target.TimeToFirstTokenMs > 0);
        Assert.True(target.TotalMs >= target.TimeToFirstTokenMs);
        Assert.True(target.OutputTokensPerSecond > 0);
        Assert.Equal("stop", target.FinishReason);

        var sent = fake.Requests.Single(r => r.Path == "/v1/chat/completions");
        var body = JsonNode.Parse(sent.Body)!;
        Assert.True(body["stream"]!.GetValue<bool>());
        Assert.True(body["stream_options"]!["include_usage"]!.GetValue<bool>());
        Assert.Equal("echo", body["model"]!.GetValue<string>());
        Assert.Equal($"Bearer {FakeProviderServer.ApiKey}", sent.Headers["Authorization"]);
    }

    [Fact]
    public async Task ParametersAndSystemPromptReachTheProvider()
    {
        var request = Prompt("Give me JSON", new RunTargetRequest(openAi.Id, ModelId: "echo")) with
        {
            SystemPrompt = "You are terse.",
            Parameters = new RunParameters(Temperature: 0.2, TopP: 0.9, MaxOutputTokens: 64, Stop: ["END"], Seed: 7, JsonResponse: true),
        };

        var run = await RunAsync(request);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        var body = JsonNode.Parse(fake.Requests.Single(r => r.Path == "/v1/chat/completions").Body)!;
        Assert.Equal("system", body["messages"]![0]!["role"]!.GetValue<string>());
        Assert.Equal("You are terse.", body["messages"]![0]!["content"]!.GetValue<string>());
        Assert.Equal(0.2, body["temperature"]!.GetValue<double>());
        Assert.Equal(0.9, body["top_p"]!.GetValue<double>());
        Assert.Equal(64, body["max_tokens"]!.GetValue<int>());
        Assert.Equal("END", body["stop"]![0]!.GetValue<string>());
        Assert.Equal(7, body["seed"]!.GetValue<long>());
        Assert.Equal("json_object", body["response_format"]!["type"]!.GetValue<string>());
        // A typed model ID that matches a route of the linked provider is priced from it.
        Assert.NotNull(run.Targets[0].CostUsd);
    }

    [Fact]
    public async Task ReasoningContentDeltasAreKeptApartFromTheAnswer()
    {
        var run = await RunAsync(Prompt("Think first", new RunTargetRequest(openAi.Id, ModelId: "reasoning")));

        var target = Assert.Single(run.Targets);
        Assert.Equal("Let me think about it.", target.Reasoning);
        Assert.Equal(ExpectedAnswer("reasoning", "Think first"), target.Output);
    }

    [Fact]
    public async Task ThinkBlocksSplitAcrossChunksAreMovedIntoReasoning()
    {
        var run = await RunAsync(Prompt("Think in tags", new RunTargetRequest(openAi.Id, ModelId: "think-tags")));

        var target = Assert.Single(run.Targets);
        Assert.Equal("Weighing the options.", target.Reasoning);
        Assert.Equal("The answer is 42.", target.Output);
    }

    [Fact]
    public async Task AnthropicRunSendsItsHeadersAndReadsUsageAndThinkingFromEvents()
    {
        var run = await RunAsync(Prompt("Hello Claude", new RunTargetRequest(anthropic.Id, ModelId: "reasoning")) with { SystemPrompt = "Be kind." });

        var target = Assert.Single(run.Targets);
        Assert.Equal(RunStatus.Succeeded, target.Status);
        Assert.Equal(ExpectedAnswer("reasoning", "Hello Claude"), target.Output);
        Assert.Equal("Considering the question.", target.Reasoning);
        Assert.Equal(20 + "Hello Claude".Length / 4, target.InputTokens);
        Assert.Equal(FakeProviderServer.AnswerChunks("reasoning", "Hello Claude").Count, target.OutputTokens);
        Assert.False(target.UsageEstimated);
        Assert.Equal("end_turn", target.FinishReason);
        Assert.Null(target.CostUsd);

        var sent = fake.Requests.Single(r => r.Path == "/v1/messages");
        Assert.Equal(FakeProviderServer.ApiKey, sent.Headers["x-api-key"]);
        Assert.Equal("2023-06-01", sent.Headers["anthropic-version"]);
        var body = JsonNode.Parse(sent.Body)!;
        Assert.Equal("Be kind.", body["system"]!.GetValue<string>());
        Assert.Equal(1024, body["max_tokens"]!.GetValue<int>());
        Assert.True(body["stream"]!.GetValue<bool>());
    }

    [Fact]
    public async Task ReplicateRunStreamsFromTheStreamUrlAndReadsTokenCountsFromMetrics()
    {
        var run = await RunAsync(Prompt("Hi Llama", new RunTargetRequest(replicate.Id, ModelId: "meta/echo")));

        var target = Assert.Single(run.Targets);
        Assert.Equal(RunStatus.Succeeded, target.Status);
        Assert.Equal(ExpectedAnswer("meta/echo", "Hi Llama"), target.Output);
        Assert.Equal(9 + "Hi Llama".Length / 4, target.InputTokens);
        Assert.False(target.UsageEstimated);
        Assert.Contains(fake.Requests, r => r.Path == "/v1/models/meta/echo/predictions" && JsonNode.Parse(r.Body)!["input"]!["prompt"]!.GetValue<string>() == "Hi Llama");
        Assert.Contains(fake.Requests, r => r.Path.StartsWith("/stream/", StringComparison.Ordinal) && r.Headers["Accept"].Contains("text/event-stream"));
    }

    [Fact]
    public async Task ReplicateVersionFormPostsToPredictionsWithTheVersion()
    {
        var run = await RunAsync(Prompt("Versioned", new RunTargetRequest(replicate.Id, ModelId: "meta/echo:5c7d5dc6dd8b")));

        Assert.Equal(RunStatus.Succeeded, run.Status);
        var sent = fake.Requests.Single(r => r.Path == "/v1/predictions" && r.Method == "POST");
        Assert.Equal("5c7d5dc6dd8b", JsonNode.Parse(sent.Body)!["version"]!.GetValue<string>());
    }

    [Fact]
    public async Task ReplicateModelWithoutStreamIsPolledUntilItSucceeds()
    {
        var run = await RunAsync(Prompt("Poll me", new RunTargetRequest(replicate.Id, ModelId: "meta/polling-only")));

        var target = Assert.Single(run.Targets);
        Assert.Equal(RunStatus.Succeeded, target.Status);
        Assert.Equal(ExpectedAnswer("meta/polling-only", "Poll me"), target.Output);
        Assert.True(fake.Requests.Count(r => r.Method == "GET" && r.Path.StartsWith("/v1/predictions/", StringComparison.Ordinal)) >= 2);
    }

    [Theory]
    [InlineData("OpenAi", "fault-401", "KeyRejected", 401, "rejected the API key")]
    [InlineData("Anthropic", "fault-401", "KeyRejected", 401, "Incorrect API key provided")]
    [InlineData("Replicate", "meta/fault-401", "KeyRejected", 401, "Replace the key")]
    [InlineData("OpenAi", "fault-429", "RateLimited", 429, "Wait 30 seconds")]
    [InlineData("Anthropic", "fault-429", "RateLimited", 429, "Wait 30 seconds")]
    [InlineData("Replicate", "meta/fault-429", "RateLimited", 429, "Wait 30 seconds")]
    [InlineData("OpenAi", "fault-500", "ProviderFailed", 500, "The upstream model server exploded.")]
    [InlineData("Anthropic", "fault-500", "ProviderFailed", 500, "The upstream model server exploded.")]
    [InlineData("Replicate", "meta/fault-500", "ProviderFailed", 500, "The upstream model server exploded.")]
    public async Task ProviderErrorsFailTheTargetWithTheStatusAndAMessageToActOn(string style, string model, string kind, int status, string message)
    {
        var run = await RunAsync(Prompt("Fail please", new RunTargetRequest(Connection(style), ModelId: model)));

        var target = Assert.Single(run.Targets);
        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal(RunStatus.Failed, target.Status);
        Assert.Equal(kind, target.ErrorKind);
        Assert.Equal(status, target.ProviderStatusCode);
        Assert.Contains(message, target.ErrorMessage);
        Assert.False(string.IsNullOrEmpty(target.ErrorDetail));
    }

    [Theory]
    [InlineData("OpenAi")]
    [InlineData("Anthropic")]
    [InlineData("Replicate")]
    public async Task SlowFirstByteTimesOutWithAMessageSayingSo(string style)
    {
        var model = style == "Replicate" ? "meta/slow-first-byte" : "slow-first-byte";

        var run = await RunAsync(Prompt("Anyone there?", new RunTargetRequest(Connection(style), ModelId: model)));

        var target = Assert.Single(run.Targets);
        Assert.Equal(RunStatus.Failed, target.Status);
        Assert.Equal("TimedOut", target.ErrorKind);
        Assert.Contains("sent nothing within 2 seconds", target.ErrorMessage);
    }

    [Theory]
    [InlineData("OpenAi")]
    [InlineData("Anthropic")]
    [InlineData("Replicate")]
    public async Task StreamCutMidwayFailsAndKeepsThePartialOutput(string style)
    {
        var model = style == "Replicate" ? "meta/cut-mid-stream" : "cut-mid-stream";

        var run = await RunAsync(Prompt("Tell me everything", new RunTargetRequest(Connection(style), ModelId: model)));

        var target = Assert.Single(run.Targets);
        Assert.Equal(RunStatus.Failed, target.Status);
        Assert.Equal("StreamCut", target.ErrorKind);
        Assert.Contains("cut before the answer finished", target.ErrorMessage);
        Assert.Equal(string.Concat(FakeProviderServer.AnswerChunks(model, "Tell me everything").Take(3)), target.Output);
    }

    [Theory]
    [InlineData("OpenAi")]
    [InlineData("Anthropic")]
    [InlineData("Replicate")]
    public async Task AStreamThatStallsAfterTheFirstTokenEndsWithinTheStallLimitKeepingItsPartialOutput(string style)
    {
        var model = style == "Replicate" ? "meta/stall-after-first" : "stall-after-first";
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var run = await RunAsync(Prompt("Start and stop", new RunTargetRequest(Connection(style), ModelId: model)));

        var target = Assert.Single(run.Targets);
        Assert.Equal(RunStatus.Failed, target.Status);
        Assert.Equal("TimedOut", target.ErrorKind);
        Assert.Contains("stopped sending for 2 seconds", target.ErrorMessage);
        Assert.Equal(FakeProviderServer.AnswerChunks(model, "Start and stop")[0], target.Output);
        // Far below the run's whole allowance (300 s): the stall limit ended it.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"took {clock.Elapsed}");
    }

    [Theory]
    [InlineData("OpenAi")]
    [InlineData("Anthropic")]
    public async Task MalformedChunkStopsTheAnswerAndKeepsWhatCameBefore(string style)
    {
        var run = await RunAsync(Prompt("Break it", new RunTargetRequest(Connection(style), ModelId: "malformed-chunk")));

        var target = Assert.Single(run.Targets);
        Assert.Equal(RunStatus.Failed, target.Status);
        Assert.Equal("MalformedResponse", target.ErrorKind);
        Assert.Equal(string.Concat(FakeProviderServer.AnswerChunks("malformed-chunk", "Break it").Take(2)), target.Output);
        Assert.Contains("Chunk:", target.ErrorDetail);
    }

    [Theory]
    [InlineData("OpenAi")]
    [InlineData("Anthropic")]
    [InlineData("Replicate")]
    public async Task MissingUsageIsEstimatedAndMarkedSo(string style)
    {
        var model = style == "Replicate" ? "meta/no-usage" : "no-usage";

        var run = await RunAsync(Prompt("Count nothing", new RunTargetRequest(Connection(style), ModelId: model)));

        var target = Assert.Single(run.Targets);
        Assert.Equal(RunStatus.Succeeded, target.Status);
        Assert.True(target.UsageEstimated);
        Assert.Equal((int)Math.Ceiling(target.Output.Length / 4.0), target.OutputTokens);
        Assert.True(target.InputTokens > 0);
    }

    [Fact]
    public async Task ImagesAreSentAsDataUrlsToModelsThatReadThem()
    {
        var png = Convert.ToBase64String([0x89, 0x50, 0x4E, 0x47, 1, 2, 3, 4]);
        var request = new RunRequest(
            [new RunTargetRequest(openAi.Id, RouteId: echoRouteId)],
            [new ChatMessage(ChatRole.User, "What is in this picture?", [new ImageAttachment("image/png", png, "cat.png")])]);

        var run = await RunAsync(request);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        var content = JsonNode.Parse(fake.Requests.Single(r => r.Path == "/v1/chat/completions").Body)!["messages"]![0]!["content"]!;
        Assert.Equal($"data:image/png;base64,{png}", content[1]!["image_url"]!["url"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("OpenAi")]
    [InlineData("Anthropic")]
    [InlineData("Replicate")]
    public async Task ABodyThatIsAWebPageIsReportedAsUnreadableWithItsFirstBytes(string style)
    {
        var model = style == "Replicate" ? "meta/html-body" : "html-body";

        var run = await RunAsync(Prompt("Hi", new RunTargetRequest(Connection(style), ModelId: model)));

        var target = Assert.Single(run.Targets);
        Assert.Equal(RunStatus.Failed, target.Status);
        Assert.Equal("UnreadableResponse", target.ErrorKind);
        Assert.Contains("answered 200 but the body is not JSON or an event stream", target.ErrorMessage);
        Assert.Contains("Welcome to nginx!", target.ErrorDetail);
    }

    private Guid Connection(string style) => style switch
    {
        "OpenAi" => openAi.Id,
        "Anthropic" => anthropic.Id,
        _ => replicate.Id,
    };
}
