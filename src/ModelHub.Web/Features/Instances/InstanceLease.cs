namespace ModelHub.Web.Features.Instances;

/// <summary>
/// A named piece of background work that one instance at a time may do (the scheduled catalog
/// refresh): held by <see cref="Holder"/> until <see cref="ExpiresAtUtc"/>.
/// </summary>
public sealed class InstanceLease
{
    public required string Name { get; set; }

    public required string Holder { get; set; }

    public DateTime ExpiresAtUtc { get; set; }
}
