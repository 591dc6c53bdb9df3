using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Common;

namespace ModelHub.Web.Features.Playground.Runs;

/// <summary>
/// Caps how many runs one user starts per minute, whether from the page or the API. It counts the
/// user's runs in the database rather than in memory, so the cap holds across every instance
/// and restarts. It lives in the service layer because runs started through the Blazor circuit
/// never pass HTTP middleware.
/// </summary>
public sealed class RunRateLimiter(IOptionsMonitor<PlaygroundOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    /// <summary>Refuses with 429 and the wait when the user has started the most runs allowed in the last minute.</summary>
    public async Task AcquireAsync(ModelHubDbContext db, string userId, CancellationToken cancellationToken)
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
}
