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

    /// <summary>
    /// Loopback, private, link-local, carrier-grade NAT, unique-local, multicast and unspecified addresses.
    /// An IPv6 address that carries an IPv4 address (mapped, compatible, translated, NAT64, 6to4, Teredo)
    /// is judged by the IPv4 address it reaches.
    /// </summary>
    public static bool IsInternal(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6 && EmbeddedIPv4(address) is { Count: > 0 } embedded)
        {
            return embedded.Any(IsInternal);
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

        var v6 = address.GetAddressBytes();
        // 100::/64 discards traffic; 2001:db8::/32 is for documentation only.
        var discard = v6[0] == 0x01 && v6.Skip(1).Take(7).All(b => b == 0);
        var documentation = v6[0] == 0x20 && v6[1] == 0x01 && v6[2] == 0x0d && v6[3] == 0xb8;
        return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal || discard || documentation;
    }

    /// <summary>The IPv4 addresses an IPv6 address stands for, if it is one of the forms that embed one.</summary>
    private static List<IPAddress> EmbeddedIPv4(IPAddress address)
    {
        var b = address.GetAddressBytes();
        var found = new List<IPAddress>();
        static IPAddress V4(byte[] bytes, int at) => new([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
        static bool Zero(byte[] bytes, int from, int to) => bytes[from..to].All(x => x == 0);

        if (address.IsIPv4MappedToIPv6)
        {
            found.Add(address.MapToIPv4()); // ::ffff:a.b.c.d
        }
        else if (Zero(b, 0, 12) && !Zero(b, 12, 16) && !IPAddress.IsLoopback(address))
        {
            found.Add(V4(b, 12)); // ::a.b.c.d, IPv4-compatible (deprecated, still routed by some stacks)
        }
        else if (Zero(b, 0, 8) && b[8] == 0xff && b[9] == 0xff && b[10] == 0 && b[11] == 0)
        {
            found.Add(V4(b, 12)); // ::ffff:0:a.b.c.d, IPv4-translated (SIIT)
        }
        else if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && (Zero(b, 4, 12) || (b[4] == 0 && b[5] == 1)))
        {
            found.Add(V4(b, 12)); // 64:ff9b::/96 and 64:ff9b:1::/48, NAT64
        }
        else if (b[0] == 0x20 && b[1] == 0x02)
        {
            found.Add(V4(b, 2)); // 2002::/16, 6to4
        }
        else if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0 && b[3] == 0)
        {
            found.Add(V4(b, 4)); // 2001::/32, Teredo: the server, then the client (stored inverted)
            found.Add(new IPAddress([(byte)~b[12], (byte)~b[13], (byte)~b[14], (byte)~b[15]]));
        }

        return found;
    }
}

/// <summary>A call was refused because the address is internal.</summary>
public sealed class OutboundBlockedException(string message) : UserFacingException(message)
{
    public override int StatusCode => StatusCodes.Status400BadRequest;
}
