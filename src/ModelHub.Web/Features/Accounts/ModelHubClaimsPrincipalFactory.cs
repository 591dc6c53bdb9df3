using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ModelHub.Web.Features.Common;

namespace ModelHub.Web.Features.Accounts;

/// <summary>Adds the instance-administrator claim that the admin pages and policies check.</summary>
internal sealed class ModelHubClaimsPrincipalFactory(UserManager<ApplicationUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.IsInstanceAdmin)
        {
            identity.AddClaim(new Claim(Caller.InstanceAdminClaim, "true"));
        }

        return identity;
    }
}
