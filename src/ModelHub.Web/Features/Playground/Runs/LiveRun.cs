using System.Collections.Concurrent;
using System.Text;

namespace ModelHub.Web.Features.Playground.Runs;

/// <summary>
/// A run while it streams: the text so far for each target, readable at any moment by the pages
/// that watch it. <see cref="Changed"/> fires on every chunk; it is raised on the streaming thread,
/// so subscribers marshal to their own context.
/// </summary>
public sealed class LiveRun(Guid id, Guid teamId, IReadOnlyList<LiveTarget> targets)
{
    private readonly TaskCompletionSource completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Guid Id { get; } = id;

    public Guid TeamId { get; } = teamId;

    public IReadOnlyList<LiveTarget> Targets { get; } = targets;

    /// <summary>Completes once every target has finished and the run is saved.</summary>
    public Task Completion => completion.Task;

    public bool IsFinished => completion.Task.IsCompleted;

    public event Action? Changed;

    internal void NotifyChanged()
    {
        if (Changed is not { } handlers)
        {
            return;
        }

        foreach (var handler in handlers.GetInvocationList().Cast<Action>())
        {
            try
            {
                handler();
            }
            catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException)
            {
                // A page that closed while watching must not stop the run it watched.
            }
        }
    }

    internal void Complete()
    {
        completion.TrySetResult();
        NotifyChanged();
    }

    public IReadOnlyList<RunTargetView> Snapshot() => [.. Targets.Select(t => t.Snapshot())];
}

public sealed class LiveTarget
{
    private readonly Lock gate = new();
    private readonly RunTarget state;
    private readonly StringBuilder output = new();
    private readonly StringBuilder reasoning = new();

    internal LiveTarget(RunTarget state)
    {
        this.state = state;
    }

    public Guid Id => state.Id;

    internal CancellationTokenSource Cancellation { get; } = new();

    internal bool CancelledByUser { get; private set; }

    public RunStatus Status
    {
        get
        {
            lock (gate)
            {
                return state.Status;
            }
        }
    }

    public void Cancel()
    {
        CancelledByUser = true;
        Cancellation.Cancel();
    }

    internal void Append(string answer, string thought)
    {
        lock (gate)
        {
            output.Append(answer);
            reasoning.Append(thought);
        }
    }

    internal void Update(Action<RunTarget> change)
    {
        lock (gate)
        {
            change(state);
        }
    }

    /// <summary>The target as saved: the streamed text folded into the row.</summary>
    internal RunTarget ToRow()
    {
        lock (gate)
        {
            state.Output = output.ToString();
            state.Reasoning = reasoning.ToString();
            return state;
        }
    }

    internal (string Output, string Reasoning) Text()
    {
        lock (gate)
        {
            return (output.ToString(), reasoning.ToString());
        }
    }

    public RunTargetView Snapshot()
    {
        lock (gate)
        {
            return RunTargetView.From(state) with { Output = output.ToString(), Reasoning = reasoning.ToString() };
        }
    }
}

/// <summary>The runs streaming on this server, by id; a finished run stays a little while so late watchers still find it.</summary>
public sealed class LiveRuns
{
    private readonly ConcurrentDictionary<Guid, LiveRun> runs = new();

    public LiveRun? Find(Guid teamId, Guid runId) =>
        runs.TryGetValue(runId, out var run) && run.TeamId == teamId ? run : null;

    internal void Add(LiveRun run) => runs[run.Id] = run;

    internal void RemoveLater(LiveRun run, TimeSpan after) =>
        _ = Task.Delay(after).ContinueWith(_ => runs.TryRemove(run.Id, out LiveRun? _), TaskScheduler.Default);

    public IEnumerable<LiveRun> All => runs.Values;
}
