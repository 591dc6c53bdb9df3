using ModelHub.Web.Features.Playground.Runs;

namespace ModelHub.ComponentTests;

public sealed class RunPanelTests : ComponentTest
{
    private static RunTargetView Target(RunStatus status, string output = "", string? error = null, int? httpStatus = null) => new(
        Guid.NewGuid(), 0, "GPT-4o mini · OpenAI prod", "OpenAI prod", Guid.NewGuid(), "gpt-4o-mini", 7, "gpt-4o-mini", status,
        output, "", null, null, error, null, httpStatus,
        status == RunStatus.Running ? null : 420, status == RunStatus.Running ? null : 2420, 12, 40, false, 0.15m, 0.6m,
        status == RunStatus.Running ? null : 0.000026m);

    [Fact]
    public void APlaygroundTargetPanelRendersStreamedChunksErrorsAndMetrics()
    {
        var cancelled = new List<RunTargetView>();
        var running = Target(RunStatus.Running);
        var panel = Render<RunPanel>(p => p
            .Add(x => x.Target, running)
            .Add(x => x.CanCancel, true)
            .Add(x => x.OnCancel, t => cancelled.Add(t)));

        Assert.Equal("Streaming…", panel.Find("[data-testid=status]").TextContent);
        Assert.Contains("Waiting for the first token", panel.Find("[data-testid=output]").TextContent);

        // Chunks arrive as longer and longer output; the Markdown is rendered as it grows.
        panel.Render(p => p.Add(x => x.Target, running with { Output = "Hello **wor" }));
        Assert.Contains("Hello", panel.Find("[data-testid=output]").TextContent);
        panel.Render(p => p.Add(x => x.Target, running with { Output = "Hello **world**, again" }));
        Assert.Equal("world", panel.Find("[data-testid=output] strong").TextContent);

        panel.Find("button[aria-label^='Cancel']").Click();
        Assert.Single(cancelled);

        // Finished with an error: the message, the HTTP status and the metrics; no Cancel any more.
        panel.Render(p => p.Add(x => x.Target, Target(RunStatus.Failed, "Partial", "The provider refused: rate limited.", 429)));
        Assert.Equal("Failed", panel.Find("[data-testid=status]").TextContent);
        Assert.Contains("The provider refused: rate limited.", panel.Find("[data-testid=error]").TextContent);
        Assert.Contains("HTTP 429", panel.Find("[data-testid=error]").TextContent);
        Assert.Equal("420 ms", panel.Find("[data-testid=ttft]").TextContent.Trim());
        Assert.Contains("40", panel.Find("[data-testid=tokens]").TextContent);
        Assert.StartsWith("$", panel.Find("[data-testid=cost]").TextContent.Trim());
        Assert.Empty(panel.FindAll("button"));

        // The streaming text is never a live region: the run view announces start and end once.
        Assert.Empty(panel.FindAll("[aria-live], [role=alert], [role=status]"));
    }

    [Fact]
    public void AViewerSeesNoCancelButtonOnARunningTarget()
    {
        var panel = Render<RunPanel>(p => p.Add(x => x.Target, Target(RunStatus.Running, "Hi")).Add(x => x.CanCancel, false));

        Assert.Empty(panel.FindAll("button"));
    }

    [Fact]
    public void ACancelledTargetExplainsItselfAsANoteNotAnError()
    {
        var panel = Render<RunPanel>(p => p.Add(x => x.Target, Target(RunStatus.Cancelled, "word1 word2", "Cancelled; the output up to that moment is kept.")));

        Assert.Equal("Cancelled", panel.Find("[data-testid=status]").TextContent);
        Assert.Contains("mh-panel-note", panel.Find("[data-testid=error]").ClassName);
    }
}
