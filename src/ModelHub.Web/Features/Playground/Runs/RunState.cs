namespace ModelHub.Web.Features.Playground.Runs;

/// <summary>
/// The run a page shows and what changes as it streams: the targets' latest snapshot, whether it is
/// still running, and the one sentence a screen reader hears when it starts and ends (never its chunks).
/// No service calls: the page feeds it the run it loaded and each live snapshot.
/// </summary>
public sealed class RunState
{
    private bool seenRunning;

    public RunView? Run { get; private set; }

    public bool IsRunning => Run?.Targets.Any(t => t.Status == RunStatus.Running) == true;

    /// <summary>The run's status from the targets shown, so it never says running beside finished panels.</summary>
    public RunStatus? Status => Run is null ? null : RunMetrics.Aggregate(Run.Targets.Select(t => t.Status));

    /// <summary>What the polite live region says: set when a run starts and when it ends, null for a finished run opened later.</summary>
    public string? Announcement { get; private set; }

    /// <summary>Changes whenever a target's status changes, so a page can tell when controls came or went.</summary>
    public int StatusVersion { get; private set; }

    /// <summary>True while a finished run has every target finished with timings, so a chart can compare them.</summary>
    public bool HasMetrics => Run is { } run && !IsRunning && run.Targets.Any(t => t.TimeToFirstTokenMs is not null || t.OutputTokensPerSecond is not null);

    /// <summary>Shows a run (just started, or loaded).</summary>
    public void Show(RunView run)
    {
        var sameRun = Run?.Id == run.Id;
        var before = Statuses();
        Run = run;
        if (!sameRun)
        {
            seenRunning = false;
            Announcement = null;
        }

        Track(before);
    }

    /// <summary>The live run's latest targets.</summary>
    public void Update(IReadOnlyList<RunTargetView> targets)
    {
        if (Run is null)
        {
            return;
        }

        var before = Statuses();
        Run = Run with { Targets = targets };
        Track(before);
    }

    public void Clear()
    {
        Run = null;
        Announcement = null;
        seenRunning = false;
    }

    private string Statuses() => string.Join(',', Run?.Targets.Select(t => t.Status) ?? []);

    private void Track(string before)
    {
        if (before != Statuses())
        {
            StatusVersion++;
        }

        if (IsRunning && !seenRunning)
        {
            seenRunning = true;
            Announcement = "Run started";
        }
        else if (!IsRunning && seenRunning)
        {
            seenRunning = false;
            Announcement = Status switch
            {
                RunStatus.Failed => "Run failed",
                RunStatus.Cancelled => "Run cancelled",
                RunStatus.Interrupted => "Run interrupted",
                _ => "Run finished",
            };
        }
    }
}
