using System.Threading.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ModelHub.Web.Data;
using RedisRateLimiting;
using StackExchange.Redis;

namespace ModelHub.Web.Features.Operations;

/// <summary>
/// Makes the limiter behind one caller's allowance. Several instances must share the count, or each
/// would grant the whole allowance again: with Redis configured it is counted in Redis, on a server
/// database in the database, and on SQLite (one instance only) in this process. When the shared
/// store cannot be reached, the caller is counted on this instance alone until it can be again:
/// throttling then holds per instance, as it did before it was shared, rather than failing every
/// sign-in or letting every guess through.
/// </summary>
public sealed partial class RequestLimiters(IServiceProvider services, IOptions<DatabaseOptions> database, ILogger<RequestLimiters> logger)
{
    /// <summary>Where counts are kept: <c>Redis</c>, <c>Database</c> or <c>Memory</c>; shown by the tests and the logs.</summary>
    public string Store { get; } =
        services.GetService<IConnectionMultiplexer>() is not null ? "Redis"
        : string.Equals(database.Value.Provider, DatabaseProviders.Sqlite, StringComparison.OrdinalIgnoreCase) ? "Memory"
        : "Database";

    public RateLimiter Create(string partition, RequestLimit limit)
    {
        var local = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });
        RateLimiter? shared = Store switch
        {
            "Redis" => new RedisFixedWindowRateLimiter<string>(partition, new RedisFixedWindowRateLimiterOptions
            {
                ConnectionMultiplexerFactory = services.GetRequiredService<IConnectionMultiplexer>,
                PermitLimit = limit.PermitLimit,
                Window = limit.Window,
            }),
            "Database" => new DatabaseWindowLimiter(partition, limit,
                services.GetRequiredService<IDbContextFactory<ModelHubDbContext>>(), services.GetRequiredService<TimeProvider>()),
            _ => null,
        };
        return shared is null ? local : new SharedOrLocalLimiter(shared, local, this);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The shared request counter ({Store}) could not be reached; requests are counted on this instance alone until it answers again")]
    private partial void LogSharedCounterUnreachable(Exception exception, string store);

    /// <summary>Counts in the shared store, and on this instance alone while the store cannot be reached.</summary>
    private sealed class SharedOrLocalLimiter(RateLimiter shared, RateLimiter local, RequestLimiters owner) : RateLimiter
    {
        private bool failing;

        // Dropped only when both are idle, so a caller counted locally during an outage keeps that count.
        public override TimeSpan? IdleDuration =>
            shared.IdleDuration is { } a && local.IdleDuration is { } b ? (a < b ? a : b) : null;

        public override RateLimiterStatistics? GetStatistics() => shared.GetStatistics();

        protected override RateLimitLease AttemptAcquireCore(int permitCount) => shared.AttemptAcquire(permitCount);

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            try
            {
                var lease = await shared.AcquireAsync(permitCount, cancellationToken);
                failing = false;
                return lease;
            }
            catch (Exception ex) when (ex is not OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                if (!failing)
                {
                    // Once per outage and caller, not once per request.
                    failing = true;
                    owner.LogSharedCounterUnreachable(ex, owner.Store);
                }

                return local.AttemptAcquire(permitCount);
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                shared.Dispose();
                local.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
