using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace ModelHub.Web.Features.Operations;

/// <summary>
/// Pings the Redis named by <c>ConnectionStrings:Redis</c> through the app's one connection to it
/// (see <see cref="Instances.InstancesSetup"/>), which reconnects by itself. What went wrong is
/// logged, never put in the health answer (it could name the server or carry a password).
/// </summary>
public sealed partial class RedisHealthCheck(IConnectionMultiplexer redis, ILogger<RedisHealthCheck> logger) : IHealthCheck
{
    public const string ConnectionStringKey = "ConnectionStrings:Redis";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await redis.GetDatabase().PingAsync().WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            LogUnreachable(ex);
            return new HealthCheckResult(context.Registration.FailureStatus);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Redis health check could not reach Redis")]
    private partial void LogUnreachable(Exception exception);
}
