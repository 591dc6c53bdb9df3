using ModelHub.Web.Features.AccessTokens;
using ModelHub.Web.Features.Administration;
using ModelHub.Web.Features.Common;
using System.Security.Claims;

namespace ModelHub.UnitTests;

public sealed class SecretTokenTests
{
    [Fact]
    public void TokensCarryTheirPrefixAndAreNeverRepeated()
    {
        var first = SecretTokens.Create("mh_pat_");
        var second = SecretTokens.Create("mh_pat_");

        Assert.StartsWith("mh_pat_", first);
        Assert.NotEqual(first, second);
        Assert.True(first.Length >= 7 + 43, "32 random bytes in base64url are 43 characters");
        Assert.DoesNotContain('+', first);
        Assert.DoesNotContain('/', first);
    }

    [Fact]
    public void HashIsStableHexAndDiffersFromTheToken()
    {
        var token = SecretTokens.Create("x_");

        var hash = SecretTokens.Hash(token);

        Assert.Equal(hash, SecretTokens.Hash(token));
        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.DoesNotContain(token, hash);
    }

    [Theory]
    [InlineData("Bearer mh_pat_abc", true, "mh_pat_abc")]
    [InlineData("bearer   mh_pat_abc  ", true, "mh_pat_abc")]
    [InlineData("Basic dXNlcjpwYXNz", false, "")]
    [InlineData("Bearer ", false, "")]
    [InlineData("", false, "")]
    public void BearerHeaderIsReadOnlyWhenItHoldsAToken(string header, bool expected, string expectedToken)
    {
        var found = AccessTokenAuthenticationHandler.TryReadBearer(header, out var token);

        Assert.Equal(expected, found);
        Assert.Equal(expectedToken, token);
    }

    [Theory]
    [InlineData("/invites/inv_abc", "inv_abc")]
    [InlineData("invites/inv_abc?x=1", "inv_abc")]
    [InlineData("~/invites/inv_abc", "inv_abc")]
    [InlineData("http://127.0.0.1:5080/invites/inv_abc", "inv_abc")]
    [InlineData("https://hub.example.com/other/invites/inv_abc", null)]
    [InlineData("/invites/not-an-invite", null)]
    [InlineData("/team", null)]
    [InlineData(null, null)]
    public void InviteTokenIsFoundOnlyInAnInviteReturnUrl(string? returnUrl, string? expected) =>
        Assert.Equal(expected, InstanceAdministration.InviteTokenFromReturnUrl(returnUrl));

    [Fact]
    public void CallerNeedsASignedInUser()
    {
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity());

        Assert.Throws<ForbiddenException>(() => Caller.From(anonymous));
    }

    [Fact]
    public void CallerIsAdminOnlyWithTheAdminClaim()
    {
        var admin = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "u1"), new Claim(Caller.InstanceAdminClaim, "true")], "test"));
        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "u2")], "test"));

        Assert.True(Caller.From(admin).IsInstanceAdmin);
        Assert.False(Caller.From(user).IsInstanceAdmin);
    }
}
