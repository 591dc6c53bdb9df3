using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Teams;

namespace ModelHub.Web.Features.Accounts;

public sealed record MeResponse(string Id, string Email, string? DisplayName, bool IsInstanceAdmin, Guid? ActiveTeamId, IReadOnlyList<TeamSummary> Teams);

internal static class AccountEndpoints
{
    public static RouteGroupBuilder MapAccountEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/me", async (ClaimsPrincipal principal, IDbContextFactory<ModelHubDbContext> dbFactory, TeamService teams, CancellationToken ct) =>
        {
            var caller = Caller.From(principal);
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == caller.UserId, ct);
            var active = await teams.GetActiveTeamAsync(caller, ct);
            return new MeResponse(user.Id, user.Email ?? "", user.DisplayName, user.IsInstanceAdmin, active?.Id, await teams.ListMyTeamsAsync(caller, ct));
        }).WithTags("Account")
            .WithName("GetMe")
            .WithSummary("The caller: id, email, display name, whether an instance admin, the active team and every team they belong to.");

        return api;
    }
}
