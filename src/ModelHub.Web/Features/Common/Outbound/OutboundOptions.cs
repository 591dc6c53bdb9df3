namespace ModelHub.Web.Features.Common.Outbound;

/// <summary>Settings under <c>Outbound</c>: which user-supplied addresses the app may call.</summary>
public sealed class OutboundOptions
{
    public const string Section = "Outbound";

    /// <summary>
    /// Hosts that may be called even though they resolve to a loopback, private or link-local
    /// address, over http as well as https. Empty by default; tests list 127.0.0.1 for their fake servers.
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];
}
