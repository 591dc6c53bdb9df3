using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace ModelHub.Web.Features.Telemetry;

/// <summary>How many interactive circuits this instance holds open, read by the metrics exporter when it collects.</summary>
public sealed class OpenCircuits
{
    private long open;

    public OpenCircuits(ModelHubMeter meter) =>
        meter.Meter.CreateObservableUpDownCounter("modelhub.circuits.open", () => Interlocked.Read(ref open), "{circuit}", "Interactive Blazor circuits open on this instance.");

    public long Count => Interlocked.Read(ref open);

    internal void Opened() => Interlocked.Increment(ref open);

    internal void Closed() => Interlocked.Decrement(ref open);
}

/// <summary>Tells <see cref="OpenCircuits"/> when this scope's circuit opens and closes.</summary>
public sealed class OpenCircuitTracker(OpenCircuits circuits) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        circuits.Opened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        circuits.Closed();
        return Task.CompletedTask;
    }
}
