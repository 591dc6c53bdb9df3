using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace ModelHub.Web.Features.Operations;

/// <summary>
/// Pings the Redis named by <c>ConnectionStrings:Redis</c>. Uses the app's shared connection when one
/// is registered; otherwise keeps one of its own, made again after a failure. What went wrong is logged,
/// never put in the health answer (it could name the server or carry a password).
/// </summary>
public sealed partial class RedisHealthCheck(IConfiguration configuration, IServiceProvider services, ILogger<RedisHealthCheck> logger) : IHealthCheck, IAsyncDisposable
{
    public const string ConnectionStringKey = "ConnectionStrings:Redis";

    private readonly SemaphoreSlim connecting = new(1, 1);
    private ConnectionMultiplexer? own;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var redis = services.GetService<IConnectionMultiplexer>() ?? await ConnectAsync();
            await redis.GetDatabase().PingAsync().WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            LogUnreachable(ex);
            return new HealthCheckResult(context.Registration.FailureStatus);
        }
    }

    private async Task<ConnectionMultiplexer> ConnectAsync()
    {
        await connecting.WaitAsync();
        try
        {
            if (own is { IsConnected: true })
            {
                return own;
            }

            if (own is not null)
            {
                await own.DisposeAsync();
                own = null;
            }

            var options = ConfigurationOptions.Parse(configuration[ConnectionStringKey]!);
            options.ConnectTimeout = Math.Min(options.ConnectTimeout, 3000);
            own = await ConnectionMultiplexer.ConnectAsync(options);
            return own;
        }
        finally
        {
            connecting.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (own is not null)
        {
            await own.DisposeAsync();
        }

        connecting.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Redis health check could not reach Redis")]
    private partial void LogUnreachable(Exception exception);
}
