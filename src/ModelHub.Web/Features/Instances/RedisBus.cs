using StackExchange.Redis;

namespace ModelHub.Web.Features.Instances;

/// <summary>
/// The bus over Redis pub/sub, used whenever <c>ConnectionStrings:Redis</c> is set (whatever the
/// database). The app's one multiplexer reconnects by itself and resubscribes after a drop.
/// </summary>
public sealed partial class RedisBus(IConnectionMultiplexer redis, ILogger<RedisBus> logger) : IHostedService, IInstanceBus
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("modelhub:instances");

    private readonly BusHandlers handlers = new();

    public bool ReachesOtherInstances => true;

    // Redis takes far more; runs chunk their text anyway, and the same size keeps both buses alike.
    public int MaxMessageBytes => 7000;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
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

    public async Task PublishAsync(string message, CancellationToken cancellationToken = default) =>
        await redis.GetSubscriber().PublishAsync(Channel, message);

    public void Subscribe(Action<string> handler) => handlers.Add(handler);

    private void Deliver(string payload) => handlers.Deliver(payload, LogHandlerFailed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscribing to other instances through Redis failed; it is retried when Redis reconnects")]
    private partial void LogSubscribeFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A handler of a message from another instance failed")]
    private partial void LogHandlerFailed(Exception exception);
}
