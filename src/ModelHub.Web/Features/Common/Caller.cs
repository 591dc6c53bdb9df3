using System.Security.Claims;

namespace ModelHub.Web.Features.Common;

/// <summary>Who is asking: every service method that touches user or team data takes one.</summary>
public sealed record Caller(string UserId, bool IsInstanceAdmin)
{
    public const string InstanceAdminClaim = "modelhub:instance-admin";

    public static Caller From(ClaimsPrincipal principal)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new ForbiddenException("Sign in to continue.");
        return new Caller(userId, principal.HasClaim(InstanceAdminClaim, "true"));
    }
}
