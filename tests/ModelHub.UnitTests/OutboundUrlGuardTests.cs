using System.Net;
using Microsoft.Extensions.Options;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Common.Outbound;

namespace ModelHub.UnitTests;

public sealed class OutboundUrlGuardTests
{
    private static OutboundUrlGuard Guard(params string[] allowed) =>
        new(new StaticOptions(new OutboundOptions { AllowedHosts = [.. allowed] }));

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("192.168.1.10")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]
    [InlineData("::ffff:127.0.0.1")]
    public void InternalAddressesAreRecognised(string address) =>
        Assert.True(OutboundUrlGuard.IsInternal(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("104.18.2.3")]
    [InlineData("2606:4700::1111")]
    public void PublicAddressesPass(string address) =>
        Assert.False(OutboundUrlGuard.IsInternal(IPAddress.Parse(address)));

    [Theory]
    [InlineData("ftp://example.com/file.json", "not a web address")]
    [InlineData("models.dev/api.json", "not a web address")]
    [InlineData("http://example.com/api.json", "Only https addresses")]
    [InlineData("https://user:pw@example.com/api.json", "user name or password")]
    [InlineData("https://169.254.169.254/latest/meta-data", "internal address")]
    [InlineData("https://[::1]/x", "internal address")]
    public void RefusedUrlsSayWhy(string url, string message)
    {
        var error = Assert.ThrowsAny<UserFacingException>(() => Guard().Check(url));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void AnAllowedHostMayBeLocalAndUseHttp()
    {
        var uri = Guard("127.0.0.1").Check("http://127.0.0.1:5123/api.json");

        Assert.Equal(5123, uri.Port);
    }

    private sealed class StaticOptions(OutboundOptions value) : IOptionsMonitor<OutboundOptions>
    {
        public OutboundOptions CurrentValue => value;

        public OutboundOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<OutboundOptions, string?> listener) => null;
    }
}
