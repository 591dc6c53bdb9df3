using System.Collections.Concurrent;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Instances;

namespace ModelHub.Web.Features.Playground.Runs;

/// <summary>
/// Lets a page on one instance watch a run that streams on another. The instance executing a run
/// publishes what each target added since its last message (with where the piece starts) on the
/// instance bus, at most every <see cref="PublishDelay"/>; another instance keeps a mirror
/// <see cref="LiveRun"/> that pages watch exactly like a local one. A mirror starts from the text
/// last saved and asks the owner to resend from the start, so nothing streamed before it
/// subscribed is missed; a gap later (a lost message) asks again. Mirrors end when the owner says
/// the run is done, or when the database says so (the owner died and its lease ran out).
/// With the in-process bus every method does nothing: pages watch the local run directly.
/// </summary>
public sealed partial class RunFanOut : IDisposable
{
    private static readonly TimeSpan PublishDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MirrorCheckInterval = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan KeepFinishedMirrors = TimeSpan.FromSeconds(30);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        // Text travels as UTF-8 rather than \u escapes, so the size limit counts what is sent.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly IInstanceBus bus;
    private readonly InstanceIdentity instance;
    private readonly LiveRuns liveRuns;
    private readonly IDbContextFactory<ModelHubDbContext> databases;
    private readonly ILogger<RunFanOut> logger;
    private readonly ConcurrentDictionary<Guid, Publication> published = new();
    private readonly ConcurrentDictionary<Guid, LiveRun> mirrors = new();
    private readonly CancellationTokenSource stopping = new();
    private readonly int maxPieceChars;
    private int checking;

    public RunFanOut(IInstanceBus bus, InstanceIdentity instance, LiveRuns liveRuns, IDbContextFactory<ModelHubDbContext> databases, ILogger<RunFanOut> logger)
    {
        this.bus = bus;
        this.instance = instance;
        this.liveRuns = liveRuns;
        this.databases = databases;
        this.logger = logger;
        // A character takes at most 4 bytes in UTF-8 (or 6 as a JSON escape); leave room for the envelope.
        maxPieceChars = Math.Max(64, (Math.Min(bus.MaxMessageBytes, 1 << 20) - 600) / 6);
        if (bus.ReachesOtherInstances)
        {
            bus.Subscribe(OnMessage);
        }
    }

    /// <summary>Starts publishing a run this instance executes.</summary>
    public void Publish(LiveRun run)
    {
        if (!bus.ReachesOtherInstances)
        {
            return;
        }

        var publication = new Publication(run);
        published[run.Id] = publication;
        run.Changed += () => Schedule(publication);
    }

    /// <summary>
    /// A mirror of a run another instance executes, for a page to watch; null when the run is not
    /// running elsewhere. <paramref name="teamId"/> is the caller's checked team.
    /// </summary>
    public async Task<LiveRun?> FollowAsync(Guid teamId, Guid runId, CancellationToken cancellationToken)
    {
        if (!bus.ReachesOtherInstances)
        {
            return null;
        }

        if (liveRuns.Find(teamId, runId) is { } known)
        {
            return known;
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var run = await db.PlaygroundRuns.AsNoTracking().Include(r => r.Targets)
            .SingleOrDefaultAsync(r => r.Id == runId && r.TeamId == teamId && r.Status == RunStatus.Running && r.OwnerInstance != instance.Name, cancellationToken);
        if (run is null)
        {
            return null;
        }

        var mirror = new LiveRun(run.Id, run.TeamId, [.. run.Targets.OrderBy(t => t.Position).Select(LiveTarget.Resuming)], isMirror: true);
        var kept = liveRuns.AddIfAbsent(mirror);
        if (ReferenceEquals(kept, mirror))
        {
            mirrors[run.Id] = mirror;
            LogFollowing(run.Id, run.OwnerInstance ?? "?");
            await SendAsync(new RunMessage(RunMessage.Resend, instance.Name, run.Id), cancellationToken);
            StartCheckingMirrors();
        }

        return kept;
    }

    /// <summary>Asks the instance executing a mirrored run to cancel it, or one of its targets.</summary>
    public Task RequestCancelAsync(Guid runId, Guid? targetId, CancellationToken cancellationToken) =>
        SendAsync(new RunMessage(RunMessage.Cancel, instance.Name, runId, TargetId: targetId), cancellationToken);

    private void Schedule(Publication publication)
    {
        if (Interlocked.Exchange(ref publication.Scheduled, 1) == 1)
        {
            return;
        }

        _ = Task.Delay(PublishDelay, stopping.Token).ContinueWith(_ => PublishChangesAsync(publication), TaskScheduler.Default).Unwrap();
    }

    private async Task PublishChangesAsync(Publication publication)
    {
        await publication.Sending.WaitAsync();
        try
        {
            Volatile.Write(ref publication.Scheduled, 0);
            var run = publication.Run;
            var finished = run.IsFinished;
            foreach (var target in run.Targets)
            {
                var view = target.Snapshot();
                var sent = publication.Sent.GetValueOrDefault(target.Id);
                var output = view.Output;
                var reasoning = view.Reasoning;
                // Every message carries the status, so even a target with nothing new says when it ends.
                do
                {
                    var outputPiece = Piece(output, sent.Output);
                    var reasoningPiece = Piece(reasoning, sent.Reasoning, maxPieceChars - outputPiece.Length);
                    if (outputPiece.Length == 0 && reasoningPiece.Length == 0 && sent.Status == view.Status)
                    {
                        break;
                    }

                    var delta = new TargetDelta(target.Id, sent.Output, outputPiece, sent.Reasoning, reasoningPiece, view.Status, view.TimeToFirstTokenMs);
                    await SendAsync(new RunMessage(RunMessage.Progress, instance.Name, run.Id, Targets: [delta]), CancellationToken.None);
                    sent = new SentText(sent.Output + outputPiece.Length, sent.Reasoning + reasoningPiece.Length, view.Status);
                    publication.Sent[target.Id] = sent;
                }
                while (sent.Output < output.Length || sent.Reasoning < reasoning.Length);
            }

            if (finished)
            {
                await SendAsync(new RunMessage(RunMessage.Done, instance.Name, run.Id), CancellationToken.None);
                published.TryRemove(run.Id, out _);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Watchers elsewhere ask again when they see a gap, and the saved run is the truth in the end.
            LogPublishFailed(ex, publication.Run.Id);
        }
        finally
        {
            publication.Sending.Release();
        }
    }

    private string Piece(string text, int from, int? limit = null)
    {
        var length = Math.Min(text.Length - from, Math.Max(0, limit ?? maxPieceChars));
        if (length <= 0)
        {
            return "";
        }

        // Never split a surrogate pair between two messages.
        if (from + length < text.Length && char.IsHighSurrogate(text[from + length - 1]))
        {
            length--;
        }

        return text.Substring(from, length);
    }

    private async Task SendAsync(RunMessage message, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.Serialize(message, Json);
        if (Encoding.UTF8.GetByteCount(payload) > bus.MaxMessageBytes)
        {
            throw new InvalidOperationException($"A run message of {Encoding.UTF8.GetByteCount(payload)} bytes exceeds the bus's {bus.MaxMessageBytes}.");
        }

        await bus.PublishAsync(payload, cancellationToken);
    }

    private void OnMessage(string payload)
    {
        RunMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<RunMessage>(payload, Json);
        }
        catch (JsonException)
        {
            return;
        }

        if (message is null || message.From == instance.Name)
        {
            return;
        }

        switch (message.Kind)
        {
            case RunMessage.Progress when mirrors.TryGetValue(message.RunId, out var mirror):
                var complete = true;
                foreach (var delta in message.Targets ?? [])
                {
                    if (mirror.Targets.FirstOrDefault(t => t.Id == delta.Id) is { } target)
                    {
                        complete &= target.ApplyRemote(delta.OutputStart, delta.Output, delta.ReasoningStart, delta.Reasoning, delta.Status, delta.FirstTokenMs);
                    }
                }

                mirror.NotifyChanged();
                if (!complete)
                {
                    _ = SendAsync(new RunMessage(RunMessage.Resend, instance.Name, message.RunId), CancellationToken.None);
                }

                break;
            case RunMessage.Done when mirrors.TryRemove(message.RunId, out var mirror):
                EndMirror(mirror);
                break;
            case RunMessage.Resend when published.TryGetValue(message.RunId, out var publication):
                publication.Sent.Clear();
                Schedule(publication);
                break;
            case RunMessage.Cancel when published.ContainsKey(message.RunId) && liveRuns.Find(message.RunId) is { IsMirror: false } run:
                foreach (var target in run.Targets.Where(t => (message.TargetId is null || t.Id == message.TargetId) && t.Status == RunStatus.Running))
                {
                    target.Cancel();
                }

                break;
        }
    }

    private void EndMirror(LiveRun mirror)
    {
        mirror.Complete();
        liveRuns.RemoveLater(mirror, KeepFinishedMirrors);
    }

    /// <summary>While mirrors exist, checks the database for runs that ended without a word from their owner.</summary>
    private void StartCheckingMirrors()
    {
        if (Interlocked.Exchange(ref checking, 1) == 1)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                while (!mirrors.IsEmpty && !stopping.IsCancellationRequested)
                {
                    await Task.Delay(MirrorCheckInterval, stopping.Token);
                    var ids = mirrors.Keys.ToList();
                    await using var db = await databases.CreateDbContextAsync(stopping.Token);
                    var ended = await db.PlaygroundRuns.Where(r => ids.Contains(r.Id) && r.Status != RunStatus.Running).Select(r => r.Id).ToListAsync(stopping.Token);
                    foreach (var id in ended)
                    {
                        if (mirrors.TryRemove(id, out var mirror))
                        {
                            EndMirror(mirror);
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                LogCheckFailed(ex);
            }
            finally
            {
                Volatile.Write(ref checking, 0);
                if (!mirrors.IsEmpty && !stopping.IsCancellationRequested)
                {
                    StartCheckingMirrors();
                }
            }
        });
    }

    public void Dispose()
    {
        stopping.Cancel();
        stopping.Dispose();
    }

    private sealed class Publication(LiveRun run)
    {
        public LiveRun Run { get; } = run;

        public ConcurrentDictionary<Guid, SentText> Sent { get; } = new();

        public SemaphoreSlim Sending { get; } = new(1, 1);

        public int Scheduled;
    }

    private readonly record struct SentText(int Output, int Reasoning, RunStatus? Status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Following run {RunId}, which instance {Owner} executes")]
    private partial void LogFollowing(Guid runId, string owner);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing the progress of run {RunId} to other instances failed")]
    private partial void LogPublishFailed(Exception exception, Guid runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking mirrored runs in the database failed")]
    private partial void LogCheckFailed(Exception exception);
}

/// <summary>What instances say about runs. <see cref="From"/> lets an instance ignore its own messages.</summary>
internal sealed record RunMessage(string Kind, string From, Guid RunId, IReadOnlyList<TargetDelta>? Targets = null, Guid? TargetId = null)
{
    public const string Progress = "progress";
    public const string Done = "done";
    public const string Resend = "resend";
    public const string Cancel = "cancel";
}

/// <summary>Text one target added, with where each piece starts, and its status.</summary>
internal sealed record TargetDelta(Guid Id, int OutputStart, string Output, int ReasoningStart, string Reasoning, RunStatus Status, double? FirstTokenMs);
