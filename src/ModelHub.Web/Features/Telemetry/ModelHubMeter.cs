using System.Diagnostics.Metrics;

namespace ModelHub.Web.Features.Telemetry;

/// <summary>The one <see cref="Meter"/> ModelHub's own measurements go through, made by the host's meter factory.</summary>
public sealed class ModelHubMeter(IMeterFactory meters)
{
    public const string Name = "ModelHub";

    public Meter Meter { get; } = meters.Create(Name);
}
