using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ModelHub.Web.Features.Common;

namespace ModelHub.Web.Features.Teams;

public sealed record CreateTeamRequest(string Name);

public sealed record RenameTeamRequest(string Name);

public sealed record ChangeRoleRequest(TeamRole Role);

public sealed record CreateInviteRequest(string? Email, TeamRole Role = TeamRole.Member, int ExpiresInDays = TeamRules.DefaultInviteDays);

public sealed record AcceptedInvite(Guid TeamId);

internal static class TeamEndpoints
{
    public static RouteGroupBuilder MapTeamEndpoints(this RouteGroupBuilder api)
    {
        var teams = api.MapGroup("/teams").WithTags("Teams");

        teams.MapGet("/", (ClaimsPrincipal user, TeamService service, CancellationToken ct) =>
            service.ListMyTeamsAsync(Caller.From(user), ct))
            .WithName("ListTeams")
            .WithSummary("The teams the caller belongs to, with their role in each.");

        teams.MapPost("/", async Task<Created<TeamSummary>> (CreateTeamRequest request, ClaimsPrincipal user, TeamService service, CancellationToken ct) =>
        {
            var team = await service.CreateTeamAsync(Caller.From(user), request.Name, ct);
            return TypedResults.Created($"/api/v1/teams/{team.Id}", team);
        }).WithName("CreateTeam")
            .WithSummary("Creates a team with the caller as its Owner.");

        teams.MapGet("/{teamId:guid}", (Guid teamId, ClaimsPrincipal user, TeamService service, CancellationToken ct) =>
            service.GetTeamAsync(Caller.From(user), teamId, ct))
            .WithName("GetTeam")
            .WithSummary("One of the caller's teams with its members and pending invites.");

        teams.MapPut("/{teamId:guid}", async Task<NoContent> (Guid teamId, RenameTeamRequest request, ClaimsPrincipal user, TeamService service, CancellationToken ct) =>
        {
            await service.RenameTeamAsync(Caller.From(user), teamId, request.Name, ct);
            return TypedResults.NoContent();
        }).WithName("RenameTeam")
            .WithSummary("Renames the team.")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        teams.MapPut("/{teamId:guid}/members/{userId}", async Task<NoContent> (Guid teamId, string userId, ChangeRoleRequest request, ClaimsPrincipal user, TeamService service, CancellationToken ct) =>
        {
            await service.ChangeRoleAsync(Caller.From(user), teamId, userId, request.Role, ct);
            return TypedResults.NoContent();
        }).WithName("ChangeTeamMemberRole")
            .WithSummary("Changes a member's role.")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        teams.MapDelete("/{teamId:guid}/members/{userId}", async Task<NoContent> (Guid teamId, string userId, ClaimsPrincipal user, TeamService service, CancellationToken ct) =>
        {
            await service.RemoveMemberAsync(Caller.From(user), teamId, userId, ct);
            return TypedResults.NoContent();
        }).WithName("RemoveTeamMember")
            .WithSummary("Removes a member from the team.")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        teams.MapPost("/{teamId:guid}/invites", async Task<Created<CreatedInvite>> (Guid teamId, CreateInviteRequest request, ClaimsPrincipal user, TeamService service, CancellationToken ct) =>
        {
            var invite = await service.CreateInviteAsync(Caller.From(user), teamId, request.Email, request.Role, request.ExpiresInDays, ct);
            return TypedResults.Created($"/api/v1/teams/{teamId}/invites/{invite.Id}", invite);
        }).WithName("CreateTeamInvite")
            .WithSummary("Invites someone to the team with a role, optionally for one email address; the answer carries the invite link.")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        teams.MapDelete("/{teamId:guid}/invites/{inviteId:guid}", async Task<NoContent> (Guid teamId, Guid inviteId, ClaimsPrincipal user, TeamService service, CancellationToken ct) =>
        {
            await service.RevokeInviteAsync(Caller.From(user), teamId, inviteId, ct);
            return TypedResults.NoContent();
        }).WithName("RevokeTeamInvite")
            .WithSummary("Revokes a pending invite.")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        api.MapPost("/invites/{token}/accept", async Task<Ok<AcceptedInvite>> (string token, ClaimsPrincipal user, TeamService service, CancellationToken ct) =>
            TypedResults.Ok(new AcceptedInvite(await service.AcceptInviteAsync(Caller.From(user), token, ct))))
            .WithTags("Teams")
            .WithName("AcceptTeamInvite")
            .WithSummary("Accepts an invite: the caller joins its team with the invite's role.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        return api;
    }

}
