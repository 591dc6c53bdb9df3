namespace ModelHub.Web.Features.Playground.Runs;

/// <summary>
/// Follows a streaming run for one page. Chunks arrive on the streaming threads; the watcher hands
/// them to the page through its dispatcher, with at most one update queued however fast they come,
/// and stops following once the run has finished.
/// </summary>
public sealed class LiveRunWatcher(Func<Func<Task>, Task> invokeAsync, Func<LiveRun, Task> changed) : IDisposable
{
    private LiveRun? run;
    private int queued;

    public void Watch(LiveRun live)
    {
        Stop();
        run = live;
        live.Changed += OnChanged;
        // The run may have moved on, or finished, before the page subscribed.
        OnChanged();
    }

    public void Stop()
    {
        if (run is not null)
        {
            run.Changed -= OnChanged;
            run = null;
        }
    }

    public void Dispose() => Stop();

    private void OnChanged()
    {
        var watched = run;
        if (watched is null || Interlocked.Exchange(ref queued, 1) == 1)
        {
            return;
        }

        _ = invokeAsync(async () =>
        {
            Volatile.Write(ref queued, 0);
            if (run != watched)
            {
                return;
            }

            if (watched.IsFinished)
            {
                Stop();
            }

            await changed(watched);
        });
    }
}
