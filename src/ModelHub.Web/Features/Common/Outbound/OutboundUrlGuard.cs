using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace ModelHub.Web.Features.Common.Outbound;

/// <summary>
/// Keeps calls to user-supplied URLs away from the machine itself and its private network:
/// https only, and every address a name resolves to must be public, unless the host is listed in
/// <see cref="OutboundOptions.AllowedHosts"/>. The check runs again when the connection is made,
/// so a name that changes its address between check and call (DNS rebinding) is still refused.
/// </summary>
public sealed class OutboundUrlGuard(IOptionsMonitor<OutboundOptions> options)
{
    /// <summary>Refuses a URL the app must not call, with a message saying why.</summary>
    public Uri Check(string? url)
    {
        if (!Uri.TryCreate(url?.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new InvalidInputException($"'{url}' is not a web address. Give a full URL starting with https://.");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new InvalidInputException("Addresses with a user name or password in them are not accepted.");
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !IsAllowedHost(uri.Host))
        {
            throw new InvalidInputException($"Only https addresses are accepted; {uri.Host} is reached over http.");
        }

        if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var literal) && !IsAllowedHost(uri.Host))
        {
            EnsurePublic(uri.Host, [literal]);
        }

        return uri;
    }

    public bool IsAllowedHost(string host) =>
        options.CurrentValue.AllowedHosts.Any(h => string.Equals(h.Trim(), host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase));

    /// <summary>The handler for HttpClients that call user-supplied URLs: resolves, checks, then connects to the checked address.</summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        ConnectCallback = async (context, cancellationToken) =>
        {
            var host = context.DnsEndPoint.Host;
            var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
                ? [literal]
                : await Dns.GetHostAddressesAsync(host, cancellationToken);
            if (!IsAllowedHost(host))
            {
                EnsurePublic(host, addresses);
            }

            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };

    private static void EnsurePublic(string host, IReadOnlyCollection<IPAddress> addresses)
    {
        if (addresses.Count == 0)
        {
            throw new OutboundBlockedException($"{host} does not resolve to any address.");
        }

        var blocked = addresses.FirstOrDefault(IsInternal);
        if (blocked is not null)
        {
            throw new OutboundBlockedException($"{host} resolves to {blocked}, an internal address; ModelHub does not call internal addresses.");
        }
    }

    /// <summary>Loopback, private, link-local, carrier-grade NAT, unique-local, multicast and unspecified addresses.</summary>
    public static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.Broadcast))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] switch
            {
                0 or 10 or 127 => true,
                100 => b[1] >= 64 && b[1] <= 127,
                169 => b[1] == 254,
                172 => b[1] >= 16 && b[1] <= 31,
                192 => (b[1] == 168) || (b[1] == 0 && b[2] == 0),
                198 => b[1] == 18 || b[1] == 19,
                >= 224 => true,
                _ => false,
            };
        }

        return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal;
    }
}

/// <summary>A call was refused because the address is internal.</summary>
public sealed class OutboundBlockedException(string message) : UserFacingException(message)
{
    public override int StatusCode => StatusCodes.Status400BadRequest;
}
