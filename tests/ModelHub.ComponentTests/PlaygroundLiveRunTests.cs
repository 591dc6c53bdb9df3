using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Playground.Runs;

namespace ModelHub.ComponentTests;

public sealed class PlaygroundLiveRunTests : ComponentTest
{
    private AppServices app = default!;

    public override async ValueTask InitializeAsync() => app = (await AppServices.StartAsync()).Share<RunHistoryService>(this);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await app.DisposeAsync();
    }

    private static RunTargetView Target(int position, string name, double ttft, double total) => new(
        Guid.NewGuid(), position, name, "Conn", Guid.NewGuid(), name, null, null, RunStatus.Succeeded, $"Answer from {name}", "", "stop", null, null, null, null,
        ttft, total, 10, 50, false, null, null, null);

    [Fact]
    public void AFinishedRunShowsEveryPanelAChartOfFirstTokenAndSpeedAndOneQuietLiveRegion()
    {
        var state = new RunState();
        state.Show(new RunView(
            Guid.NewGuid(), Guid.NewGuid(), "ada@example.com", "Say hello", null, [new ChatMessage(ChatRole.User, "Say hello")], new RunParameters(),
            RunStatus.Succeeded, DateTime.UtcNow, DateTime.UtcNow, [Target(0, "fast", 100, 600), Target(1, "slow", 900, 2900)]));

        var view = Render<LiveRunView>(p => p.Add(x => x.State, state).Add(x => x.Caller, new Caller("user-1", false)));

        Assert.Equal(2, view.FindAll("[data-testid^=panel-]").Count);
        var chart = view.Find("[data-testid=run-chart]");
        Assert.Equal(2, chart.QuerySelectorAll("[role=img]").Length);
        Assert.Contains("900", chart.QuerySelectorAll("table")[0].TextContent);
        Assert.Contains("25", chart.QuerySelectorAll("table")[1].TextContent);

        // One polite region, empty for a run that finished before the page opened; nothing else speaks.
        var live = Assert.Single(view.FindAll("[aria-live]"));
        Assert.Equal("polite", live.GetAttribute("aria-live"));
        Assert.Equal("", live.TextContent.Trim());
        Assert.Empty(view.FindAll("button"));
    }

    [Fact]
    public void ARunStillStreamingHasNoChartYetAndAnnouncesItsStart()
    {
        var state = new RunState();
        var running = Target(0, "fast", 100, 600) with { Status = RunStatus.Running, TimeToFirstTokenMs = null, TotalMs = null };
        state.Show(new RunView(
            Guid.NewGuid(), Guid.NewGuid(), "ada@example.com", "Say hello", null, [new ChatMessage(ChatRole.User, "Say hello")], new RunParameters(),
            RunStatus.Running, DateTime.UtcNow, null, [running]));

        var view = Render<LiveRunView>(p => p.Add(x => x.State, state).Add(x => x.Caller, new Caller("user-1", false)).Add(x => x.CanCancel, true));

        Assert.Empty(view.FindAll("[data-testid=run-chart]"));
        Assert.Equal("Run started", view.Find("[aria-live]").TextContent.Trim());
        Assert.Single(view.FindAll("button[aria-label^='Cancel']"));
    }
}
