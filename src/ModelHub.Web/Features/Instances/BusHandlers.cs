namespace ModelHub.Web.Features.Instances;

/// <summary>
/// The handlers subscribed to a bus, called in turn for each message. One handler's failure is
/// reported and does not keep the message from the others.
/// </summary>
internal sealed class BusHandlers
{
    private readonly List<Action<string>> handlers = [];
    private readonly Lock gate = new();

    public void Add(Action<string> handler)
    {
        lock (gate)
        {
            handlers.Add(handler);
        }
    }

    public void Deliver(string message, Action<Exception> onHandlerFailed)
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
                handler(message);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                onHandlerFailed(ex);
            }
        }
    }
}
