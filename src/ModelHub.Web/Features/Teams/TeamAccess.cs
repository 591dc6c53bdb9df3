using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Common;

namespace ModelHub.Web.Features.Teams;

/// <summary>
/// The one place that decides whether a caller may touch a team's data. Every service that reads
/// or writes team-owned data starts with <see cref="RequireAsync"/> and filters with <see cref="InTeam{T}"/>.
/// A caller who is not a member gets 404, as if the team did not exist, so ids of other teams leak
/// nothing; a member whose role is too low gets 403.
/// </summary>
public static class TeamAccess
{
    public static async Task<TeamMembership> RequireAsync(
        this ModelHubDbContext db, Caller caller, Guid teamId, TeamRole minimumRole, CancellationToken cancellationToken = default)
    {
        var membership = await db.TeamMemberships
            .Include(m => m.Team)
            .SingleOrDefaultAsync(m => m.TeamId == teamId && m.UserId == caller.UserId, cancellationToken)
            ?? throw new NotFoundException("That team does not exist or you are not a member of it.");

        if (membership.Role < minimumRole)
        {
            throw new ForbiddenException(
                $"This needs the {minimumRole} role or higher in {membership.Team.Name}; you are a {membership.Role}. Ask a team Owner or Admin.");
        }

        return membership;
    }

    /// <summary>Restricts a query of team-owned rows to the team the caller was admitted to.</summary>
    public static IQueryable<T> InTeam<T>(this IQueryable<T> query, TeamMembership membership)
        where T : class, ITeamOwned =>
        query.Where(item => item.TeamId == membership.TeamId);
}
