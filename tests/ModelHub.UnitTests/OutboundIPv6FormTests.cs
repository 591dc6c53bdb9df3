using System.Net;
using Microsoft.Extensions.Options;
using ModelHub.Web.Features.Common.Outbound;

namespace ModelHub.UnitTests;

/// <summary>IPv6 addresses that carry an IPv4 address are judged by the IPv4 address they reach.</summary>
public sealed class OutboundIPv6FormTests
{
    [Theory]
    [InlineData("::127.0.0.1")]          // IPv4-compatible
    [InlineData("::7f00:1")]             // the same, written in hex
    [InlineData("64:ff9b::7f00:1")]      // NAT64 well-known prefix to 127.0.0.1
    [InlineData("64:ff9b::a9fe:a9fe")]   // NAT64 to the cloud metadata address
    [InlineData("64:ff9b:1::a00:1")]     // NAT64 local-use prefix to 10.0.0.1
    [InlineData("::ffff:0:7f00:1")]      // IPv4-translated
    [InlineData("2002:7f00:1::1")]       // 6to4 of 127.0.0.1
    [InlineData("2002:c0a8:0101::1")]    // 6to4 of 192.168.1.1
    [InlineData("2001:0:4136:e378:8000:63bf:80ff:fffe")] // Teredo whose client is 127.0.0.1
    [InlineData("100::1")]               // discard prefix
    [InlineData("2001:db8::1")]          // documentation prefix
    public void EmbeddedInternalAddressesAreRecognised(string address) =>
        Assert.True(OutboundUrlGuard.IsInternal(IPAddress.Parse(address)), address);

    [Theory]
    [InlineData("64:ff9b::808:808")]     // NAT64 to 8.8.8.8
    [InlineData("2002:808:808::1")]      // 6to4 of 8.8.8.8
    [InlineData("2606:4700::1111")]
    public void EmbeddedPublicAddressesPass(string address) =>
        Assert.False(OutboundUrlGuard.IsInternal(IPAddress.Parse(address)), address);

    [Theory]
    [InlineData("https://[::127.0.0.1]/v1")]
    [InlineData("https://[64:ff9b::7f00:1]/v1")]
    [InlineData("https://[::ffff:169.254.169.254]/latest")]
    public void UrlsWithEmbeddedLoopbackAreRefused(string url)
    {
        var guard = new OutboundUrlGuard(new StaticOptions(new OutboundOptions()));

        var error = Assert.Throws<OutboundBlockedException>(() => guard.Check(url));

        Assert.Contains("internal address", error.Message);
    }

    private sealed class StaticOptions(OutboundOptions value) : IOptionsMonitor<OutboundOptions>
    {
        public OutboundOptions CurrentValue => value;

        public OutboundOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<OutboundOptions, string?> listener) => null;
    }
}
