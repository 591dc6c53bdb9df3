using StackExchange.Redis;

namespace ModelHub.Web.Features.Instances;

/// <summary>
/// The bus over Redis pub/sub, used whenever <c>ConnectionStrings:Redis</c> is set (whatever the
/// database). The multiplexer reconnects by itself and resubscribes after a drop.
/// </summary>
public sealed partial class RedisBus(string configuration, ILogger<RedisBus> logger) : IHostedService, IInstanceBus, IAsyncDisposable
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("modelhub:instances");

    private readonly List<Action<string>> handlers = [];
    private readonly Lock gate = new();
    private ConnectionMultiplexer? redis;

    public bool ReachesOtherInstances => true;

    // Redis takes far more; runs chunk their text anyway, and the same size keeps both buses alike.
    public int MaxMessageBytes => 7000;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        redis = await ConnectionMultiplexer.ConnectAsync(options);
        try
        {
            await redis.GetSubscriber().SubscribeAsync(Channel, (_, value) => Deliver(value.ToString()));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // The app still starts (the health check reports Redis down); the multiplexer keeps
            // the subscription and sends it again once Redis answers.
            LogSubscribeFailed(ex);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task PublishAsync(string message, CancellationToken cancellationToken = default)
    {
        if (redis is null)
        {
            throw new InvalidOperationException("The Redis bus publishes only once the host has started.");
        }

        await redis.GetSubscriber().PublishAsync(Channel, message);
    }

    public void Subscribe(Action<string> handler)
    {
        lock (gate)
        {
            handlers.Add(handler);
        }
    }

    private void Deliver(string payload)
    {
        Action<string>[] snapshot;
        lock (gate)
        {
            snapshot = [.. handlers];
        }

        foreach (var handler in snapshot)
        {
            try
            {
                handler(payload);
            }
            catch (Exception ex)
            {
                LogHandlerFailed(ex);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (redis is not null)
        {
            await redis.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscribing to other instances through Redis failed; it is retried when Redis reconnects")]
    private partial void LogSubscribeFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A handler of a message from another instance failed")]
    private partial void LogHandlerFailed(Exception exception);
}
