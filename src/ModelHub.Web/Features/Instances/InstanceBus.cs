namespace ModelHub.Web.Features.Instances;

/// <summary>
/// Messages between the instances sharing one database: a publish reaches every instance
/// subscribed, the sender included. Delivery is best effort (at most once), so users of the bus
/// must recover from a missed message on their own; the run fan-out does, by asking for a resend.
/// </summary>
public interface IInstanceBus
{
    /// <summary>False for the in-process bus: there is no other instance to reach.</summary>
    bool ReachesOtherInstances { get; }

    /// <summary>The most a message may hold, in UTF-8 bytes.</summary>
    int MaxMessageBytes { get; }

    Task PublishAsync(string message, CancellationToken cancellationToken = default);

    /// <summary>Adds a handler for every message; it runs on the bus's thread and must not block.</summary>
    void Subscribe(Action<string> handler);
}

/// <summary>One instance alone (SQLite, or a server database without Redis or LISTEN/NOTIFY): messages go only to this process.</summary>
public sealed class InProcessBus : IInstanceBus
{
    private readonly BusHandlers handlers = new();

    public bool ReachesOtherInstances => false;

    public int MaxMessageBytes => int.MaxValue;

    public Task PublishAsync(string message, CancellationToken cancellationToken = default)
    {
        handlers.Deliver(message, ex => System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex));
        return Task.CompletedTask;
    }

    public void Subscribe(Action<string> handler) => handlers.Add(handler);
}
