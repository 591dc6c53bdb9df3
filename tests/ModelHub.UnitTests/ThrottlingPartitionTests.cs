using System.Net;
using ModelHub.Web.Features.Operations;

namespace ModelHub.UnitTests;

public sealed class ThrottlingPartitionTests
{
    [Fact]
    public void Ipv6AddressesInOneSlash64ShareAnAllowanceSoRotatingAddressesDoesNotEscapeIt()
    {
        var first = RequestThrottling.ClientPartition(IPAddress.Parse("2001:db8:1:2::1"));
        var second = RequestThrottling.ClientPartition(IPAddress.Parse("2001:db8:1:2:ffff:ffff:ffff:fffe"));
        var otherNetwork = RequestThrottling.ClientPartition(IPAddress.Parse("2001:db8:1:3::1"));

        Assert.Equal("2001:db8:1:2::/64", first);
        Assert.Equal(first, second);
        Assert.NotEqual(first, otherNetwork);
    }

    [Fact]
    public void Ipv4CountsByAddressAlsoWhenMappedIntoIpv6()
    {
        Assert.Equal("203.0.113.7", RequestThrottling.ClientPartition(IPAddress.Parse("::ffff:203.0.113.7")));
        Assert.NotEqual(RequestThrottling.ClientPartition(IPAddress.Parse("203.0.113.7")), RequestThrottling.ClientPartition(IPAddress.Parse("203.0.113.8")));
        Assert.Equal("unknown", RequestThrottling.ClientPartition(null));
    }
}
