using ModelHub.FakeProviders;
using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Playground.Connections;
using ModelHub.Web.Features.Playground.Runs;

namespace ModelHub.IntegrationTests;

/// <summary>Retries, Retry-After and the per-provider circuit breaker on provider calls, against the fake provider.</summary>
public sealed class PlaygroundResilienceTests : PlaygroundTest
{
    public PlaygroundResilienceTests()
    {
        // Room for a one-second Retry-After before the first token.
        app.Settings["Playground:FirstTokenTimeoutSeconds"] = "10";
        app.Settings["Playground:Resilience:BreakerMinimumThroughput"] = "3";
    }

    [Fact]
    public async Task A503BeforeTheAnswerIsRetriedWithTheSameBodyAndTheRunSucceeds()
    {
        var run = await RunAsync(Prompt("Try twice", new RunTargetRequest(openAi.Id, ModelId: "once-503")));

        var target = Assert.Single(run.Targets);
        Assert.Equal(RunStatus.Succeeded, target.Status);
        Assert.Equal(ExpectedAnswer("once-503", "Try twice"), target.Output);
        var sent = fake.Requests.Where(r => r.Path == "/v1/chat/completions").ToList();
        Assert.Equal(2, sent.Count);
        Assert.Equal(sent[0].Body, sent[1].Body);
    }

    [Fact]
    public async Task A429WithAShortRetryAfterIsRetriedAfterTheWait()
    {
        var run = await RunAsync(Prompt("Patience", new RunTargetRequest(anthropic.Id, ModelId: "once-429-after-1")));

        var target = Assert.Single(run.Targets);
        Assert.Equal(RunStatus.Succeeded, target.Status);
        Assert.Equal(2, fake.Requests.Count(r => r.Path == "/v1/messages"));
        Assert.True(target.TimeToFirstTokenMs >= 1000, $"first token after {target.TimeToFirstTokenMs} ms");
    }

    [Fact]
    public async Task A429WithALongRetryAfterIsNotWaitedForAndTheUserSeesTheWait()
    {
        var run = await RunAsync(Prompt("Later", new RunTargetRequest(openAi.Id, ModelId: "once-429-after-120")));

        var target = Assert.Single(run.Targets);
        Assert.Equal(RunStatus.Failed, target.Status);
        Assert.Equal("RateLimited", target.ErrorKind);
        Assert.Contains("Wait 120 seconds", target.ErrorMessage);
        Assert.Single(fake.Requests, r => r.Path == "/v1/chat/completions");
    }

    [Fact]
    public async Task AStreamCutMidwayIsNotRetriedAndKeepsItsPartialOutput()
    {
        var run = await RunAsync(Prompt("Half", new RunTargetRequest(openAi.Id, ModelId: "cut-mid-stream")));

        var target = Assert.Single(run.Targets);
        Assert.Equal("StreamCut", target.ErrorKind);
        Assert.Equal(string.Concat(FakeProviderServer.AnswerChunks("cut-mid-stream", "Half").Take(3)), target.Output);
        Assert.Single(fake.Requests, r => r.Path == "/v1/chat/completions");
    }

    [Fact]
    public async Task RepeatedFailuresPauseCallsToThatProviderOnly()
    {
        await using var other = await FakeProviderServer.StartAsync();
        var otherConnection = await CreateConnectionAsync(new ConnectionInput("Other OpenAI", ApiStyle.OpenAiCompatible, other.OpenAiBaseUrl, FakeProviderServer.ApiKey));

        var failing = await RunAsync(Prompt("Break", new RunTargetRequest(openAi.Id, ModelId: "fault-500")));
        var attempts = fake.Requests.Count;
        var paused = await RunAsync(Prompt("Again", new RunTargetRequest(openAi.Id, ModelId: "echo")));
        var elsewhere = await RunAsync(Prompt("Elsewhere", new RunTargetRequest(otherConnection.Id, ModelId: "echo")));

        Assert.Equal("ProviderFailed", failing.Targets[0].ErrorKind);
        Assert.Equal(3, attempts);
        Assert.Equal("ProviderPaused", paused.Targets[0].ErrorKind);
        Assert.Contains("Fake OpenAI failed repeatedly; ModelHub paused calls to it for 30 seconds", paused.Targets[0].ErrorMessage);
        Assert.Equal(attempts, fake.Requests.Count);
        Assert.Equal(RunStatus.Succeeded, elsewhere.Targets[0].Status);
        Assert.Equal(ExpectedAnswer("echo", "Elsewhere"), elsewhere.Targets[0].Output);
    }
}
