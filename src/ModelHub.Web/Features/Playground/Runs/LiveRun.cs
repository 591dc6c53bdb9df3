using System.Collections.Concurrent;
using System.Text;

namespace ModelHub.Web.Features.Playground.Runs;

/// <summary>
/// A run while it streams: the text so far for each target, readable at any moment by the pages
/// that watch it. <see cref="Changed"/> fires on every chunk; it is raised on the streaming thread,
/// so subscribers marshal to their own context.
/// </summary>
public sealed class LiveRun(Guid id, Guid teamId, IReadOnlyList<LiveTarget> targets, bool isMirror = false)
{
    private readonly TaskCompletionSource completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Guid Id { get; } = id;

    public Guid TeamId { get; } = teamId;

    public IReadOnlyList<LiveTarget> Targets { get; } = targets;

    /// <summary>
    /// True when another instance executes the run and this one only mirrors what it streams
    /// (see <see cref="RunFanOut"/>): cancelling then means asking that instance.
    /// </summary>
    public bool IsMirror { get; } = isMirror;

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

    /// <summary>A mirror's target, starting from the text its owner last saved.</summary>
    internal static LiveTarget Resuming(RunTarget saved)
    {
        var target = new LiveTarget(saved);
        target.output.Append(saved.Output);
        target.reasoning.Append(saved.Reasoning);
        return target;
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

    /// <summary>
    /// Applies text another instance streamed, given where each piece starts. Overlap with what is
    /// here already is skipped; false when a piece starts past the end, so something was missed.
    /// </summary>
    internal bool ApplyRemote(int outputStart, string outputText, int reasoningStart, string reasoningText, RunStatus status, double? firstTokenMs)
    {
        lock (gate)
        {
            var complete = Extend(output, outputStart, outputText) & Extend(reasoning, reasoningStart, reasoningText);
            state.Status = status;
            state.TimeToFirstTokenMs ??= firstTokenMs;
            return complete;
        }

        static bool Extend(StringBuilder text, int start, string piece)
        {
            if (start > text.Length)
            {
                return false;
            }

            var overlap = text.Length - start;
            if (overlap < piece.Length)
            {
                text.Append(piece, overlap, piece.Length - overlap);
            }

            return true;
        }
    }

    internal double? FirstTokenMs
    {
        get
        {
            lock (gate)
            {
                return state.TimeToFirstTokenMs;
            }
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

    /// <summary>A run by id alone, for messages from other instances, which carry no caller to check.</summary>
    internal LiveRun? Find(Guid runId) => runs.GetValueOrDefault(runId);

    internal void Add(LiveRun run) => runs[run.Id] = run;

    /// <summary>Adds a mirror unless the run is already known here; returns the one kept.</summary>
    internal LiveRun AddIfAbsent(LiveRun run) => runs.GetOrAdd(run.Id, run);

    internal void RemoveLater(LiveRun run, TimeSpan after) =>
        _ = Task.Delay(after).ContinueWith(_ => runs.TryRemove(run.Id, out LiveRun? _), TaskScheduler.Default);

    public IEnumerable<LiveRun> All => runs.Values;
}
