using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Instances;

namespace ModelHub.Web.Features.Playground.Runs;

/// <summary>
/// Caps how many runs one user starts per minute, whether from the page or the API. It counts the
/// user's runs in the database rather than in memory, so the cap holds across every instance
/// and restarts. It lives in the service layer because runs started through the Blazor circuit
/// never pass HTTP middleware.
/// </summary>
public sealed class RunRateLimiter(IOptionsMonitor<PlaygroundOptions> options, LeaseStore leases, TimeProvider clock)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    // Held from the count until the run is saved; long enough for a slow save, short enough that a
    // start cut off by a dying instance does not hold the user up for long.
    private static readonly TimeSpan StartLease = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan MostToWaitForAnotherStart = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Refuses with 429 and the wait when the user has started the most runs allowed in the last minute;
    /// otherwise returns a permit to hold until the new run is saved. Starts by one user are taken one at
    /// a time, on every instance, through a lease in the database: two starts at once would otherwise
    /// both count the runs before either is saved, and both pass the cap.
    /// </summary>
    public async Task<IAsyncDisposable> AcquireAsync(ModelHubDbContext db, string userId, CancellationToken cancellationToken)
    {
        var permit = await StartPermit.TakeAsync(leases, $"run-start:{userId}", cancellationToken);
        try
        {
            await CheckAsync(db, userId, cancellationToken);
            return permit;
        }
        catch
        {
            await permit.DisposeAsync();
            throw;
        }
    }

    private async Task CheckAsync(ModelHubDbContext db, string userId, CancellationToken cancellationToken)
    {
        var permits = options.CurrentValue.RunsPerMinutePerUser;
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - Window;
        var recent = await db.PlaygroundRuns.AsNoTracking()
            .Where(r => r.AuthorUserId == userId && r.CreatedAtUtc > since)
            .OrderByDescending(r => r.CreatedAtUtc)
            .Select(r => r.CreatedAtUtc)
            .Take(permits)
            .ToListAsync(cancellationToken);
        if (recent.Count < permits)
        {
            return;
        }

        // A permit comes back when the oldest of the last `permits` runs leaves the window.
        var wait = recent[^1] + Window - now;
        throw new TooManyRequestsException(
            $"You have started {permits} runs in the last minute, the most allowed. Try again in {Math.Max(1, Math.Ceiling(wait.TotalSeconds)):0} seconds.",
            wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1));
    }

    /// <summary>The lease on one user's run starts, released when the run is saved (or the start fails).</summary>
    private sealed class StartPermit(LeaseStore leases, string name) : IAsyncDisposable
    {
        public static async Task<StartPermit> TakeAsync(LeaseStore leases, string name, CancellationToken cancellationToken)
        {
            var deadline = DateTime.UtcNow + MostToWaitForAnotherStart;
            // renewIfHeld: false, so a second start on this same instance waits too.
            while (!await leases.TryAcquireAsync(name, StartLease, renewIfHeld: false, cancellationToken))
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new ConflictException("Another run of yours is still starting. Try again in a few seconds.");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(20, 80)), cancellationToken);
            }

            return new StartPermit(leases, name);
        }

        public async ValueTask DisposeAsync() => await leases.ReleaseAsync(name, CancellationToken.None);
    }
}
