using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;

namespace ModelHub.Web.Features.Operations;

/// <summary>
/// A fixed-window request limit counted in the shared database, so every instance on it sees the
/// same count. Counting is one conditional UPDATE (an ended window starts over, a full one is left as
/// it is), or an INSERT for a caller's first request, the primary key settling two instances inserting
/// at once: no instance ever lets a request through on a count another instance has already used up.
/// </summary>
public sealed class DatabaseWindowLimiter(string partition, RequestLimit limit, IDbContextFactory<ModelHubDbContext> databases, TimeProvider clock)
    : RateLimiter
{
    private static readonly RateLimitLease Acquired = new WindowLease(true, null);

    private readonly string key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(partition)));
    private int active;
    private long idleSince = Stopwatch.GetTimestamp();

    /// <summary>The count lives in the database, so this limiter may be dropped whenever no request is using it.</summary>
    public override TimeSpan? IdleDuration =>
        Volatile.Read(ref active) > 0 ? null : Stopwatch.GetElapsedTime(Interlocked.Read(ref idleSince));

    public override RateLimiterStatistics? GetStatistics() => null;

    /// <summary>
    /// Refuses without asking: the count can only be read asynchronously. ASP.NET Core's rate limiting
    /// middleware then calls <see cref="RateLimiter.AcquireAsync"/>, which asks the database.
    /// </summary>
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => new WindowLease(false, null);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, limit.PermitLimit);
        if (permitCount == 0)
        {
            return Acquired;
        }

        Interlocked.Increment(ref active);
        try
        {
            return await CountAsync(permitCount, cancellationToken);
        }
        finally
        {
            Interlocked.Exchange(ref idleSince, Stopwatch.GetTimestamp());
            Interlocked.Decrement(ref active);
        }
    }

    private async Task<RateLimitLease> CountAsync(int permits, CancellationToken cancellationToken)
    {
        // A caller's window opens with their first request, as in-process fixed windows do: a burst is
        // never split across two windows to double the allowance.
        var now = clock.GetUtcNow().UtcDateTime;
        var newWindowEnd = now + limit.Window;
        var permitLimit = limit.PermitLimit;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var counted = await db.RequestCounters
                .Where(c => c.Key == key && (c.ExpiresAtUtc <= now || c.Count + permits <= permitLimit))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.Count, c => c.ExpiresAtUtc <= now ? permits : c.Count + permits)
                    .SetProperty(c => c.ExpiresAtUtc, c => c.ExpiresAtUtc <= now ? newWindowEnd : c.ExpiresAtUtc), cancellationToken);
            if (counted == 1)
            {
                return Acquired;
            }

            var windowEnd = await db.RequestCounters.Where(c => c.Key == key).Select(c => (DateTime?)c.ExpiresAtUtc).SingleOrDefaultAsync(cancellationToken);
            if (windowEnd is { } end)
            {
                return new WindowLease(false, end > now ? end - now : TimeSpan.Zero);
            }

            db.RequestCounters.Add(new RequestCounter { Key = key, ExpiresAtUtc = newWindowEnd, Count = permits });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException)
            {
                // Another instance counted this caller's first request at the same moment: count again.
                db.ChangeTracker.Clear();
                continue;
            }

            // A new caller is the moment to forget callers whose windows have ended.
            await db.RequestCounters.Where(c => c.ExpiresAtUtc < now).ExecuteDeleteAsync(cancellationToken);
            return Acquired;
        }

        return new WindowLease(false, limit.Window);
    }

    private sealed class WindowLease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name ? wait : null;
            return metadata is not null;
        }
    }
}
