using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using ModelHub.Web.Features.Common;

namespace ModelHub.Web.Features.Playground.Runs;

/// <summary>
/// Caps how many runs one user starts per minute, whether from the page or the API. It lives in
/// the service layer because runs started through the Blazor circuit never pass HTTP middleware.
/// </summary>
public sealed class RunRateLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter;
    private readonly int permits;

    public RunRateLimiter(IOptions<PlaygroundOptions> options)
    {
        permits = options.Value.RunsPerMinutePerUser;
        limiter = PartitionedRateLimiter.Create<string, string>(userId => RateLimitPartition.GetSlidingWindowLimiter(userId, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            SegmentsPerWindow = 6,
            QueueLimit = 0,
        }));
    }

    public void Acquire(string userId)
    {
        using var lease = limiter.AttemptAcquire(userId);
        if (!lease.IsAcquired)
        {
            var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(10);
            throw new TooManyRequestsException(
                $"You have started {permits} runs in the last minute, the most allowed. Try again in {Math.Max(1, Math.Ceiling(wait.TotalSeconds)):0} seconds.", wait);
        }
    }

    public void Dispose() => limiter.Dispose();
}
