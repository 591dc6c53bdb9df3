using System.Net;
using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Features.Teams;

namespace ModelHub.IntegrationTests;

/// <summary>Team scoping through the API: other teams' ids give 404, roles too low give 403.</summary>
[Trait("Database", "true")]
public sealed class TeamAccessTests : IntegrationTest
{
    private TestUser owner = null!;
    private TestUser outsider = null!;
    private Guid teamId;

    public override async ValueTask InitializeAsync()
    {
        owner = await app.CreateUserAsync("owner@example.com");
        outsider = await app.CreateUserAsync("outsider@example.com");
        teamId = (await (await owner.Api.PostJsonAsync("/api/v1/teams", new CreateTeamRequest("Research"))).ReadAsync<TeamSummary>(HttpStatusCode.Created)).Id;
    }

    private Task<TestUser> AddMemberAsync(string email, TeamRole role) => app.AddMemberAsync(owner, teamId, email, role);

    [Fact]
    public async Task OutsiderGets404ForAnotherTeamsId()
    {
        var response = await outsider.Api.GetAsync($"/api/v1/teams/{teamId}");

        await response.ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OutsiderGets404WhenChangingRolesOrInvitingInAnotherTeam()
    {
        await (await outsider.Api.PutJsonAsync($"/api/v1/teams/{teamId}/members/{owner.Id}", new ChangeRoleRequest(TeamRole.Viewer))).ExpectAsync(HttpStatusCode.NotFound);
        await (await outsider.Api.PostJsonAsync($"/api/v1/teams/{teamId}/invites", new CreateInviteRequest(null))).ExpectAsync(HttpStatusCode.NotFound);
        await (await outsider.Api.DeleteAsync($"/api/v1/teams/{teamId}/members/{owner.Id}")).ExpectAsync(HttpStatusCode.NotFound);

        var ownerRole = await app.WithDbAsync(db => db.TeamMemberships.Where(m => m.TeamId == teamId && m.UserId == owner.Id).Select(m => m.Role).SingleAsync());
        Assert.Equal(TeamRole.Owner, ownerRole);
    }

    [Fact]
    public async Task ViewerCanReadTheTeamButGets403WhenInviting()
    {
        var viewer = await AddMemberAsync("viewer@example.com", TeamRole.Viewer);

        var team = await (await viewer.Api.GetAsync($"/api/v1/teams/{teamId}")).ReadAsync<TeamDetails>();
        var invite = await viewer.Api.PostJsonAsync($"/api/v1/teams/{teamId}/invites", new CreateInviteRequest(null));

        Assert.Equal(TeamRole.Viewer, team.MyRole);
        Assert.Empty(team.PendingInvites);
        await invite.ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task MemberGets403WhenChangingRolesOrRemovingOthers()
    {
        var member = await AddMemberAsync("member@example.com", TeamRole.Member);
        var other = await AddMemberAsync("other@example.com", TeamRole.Viewer);

        await (await member.Api.PutJsonAsync($"/api/v1/teams/{teamId}/members/{other.Id}", new ChangeRoleRequest(TeamRole.Admin))).ExpectAsync(HttpStatusCode.Forbidden);
        await (await member.Api.DeleteAsync($"/api/v1/teams/{teamId}/members/{other.Id}")).ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AdminGets403WhenMakingSomeoneOwnerOrDemotingAnOwner()
    {
        var admin = await AddMemberAsync("admin@example.com", TeamRole.Admin);
        var member = await AddMemberAsync("member@example.com", TeamRole.Member);

        await (await admin.Api.PutJsonAsync($"/api/v1/teams/{teamId}/members/{member.Id}", new ChangeRoleRequest(TeamRole.Owner))).ExpectAsync(HttpStatusCode.Forbidden);
        await (await admin.Api.PutJsonAsync($"/api/v1/teams/{teamId}/members/{owner.Id}", new ChangeRoleRequest(TeamRole.Member))).ExpectAsync(HttpStatusCode.Forbidden);
        await (await admin.Api.PutJsonAsync($"/api/v1/teams/{teamId}/members/{member.Id}", new ChangeRoleRequest(TeamRole.Viewer))).ExpectAsync(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task LastOwnerCannotBeDemotedNorLeaveAndTheTeamIsUnchanged()
    {
        var demote = await owner.Api.PutJsonAsync($"/api/v1/teams/{teamId}/members/{owner.Id}", new ChangeRoleRequest(TeamRole.Admin));
        var leave = await owner.Api.DeleteAsync($"/api/v1/teams/{teamId}/members/{owner.Id}");

        Assert.Contains("last Owner", await demote.ExpectAsync(HttpStatusCode.Conflict));
        Assert.Contains("last Owner", await leave.ExpectAsync(HttpStatusCode.Conflict));
        var team = await (await owner.Api.GetAsync($"/api/v1/teams/{teamId}")).ReadAsync<TeamDetails>();
        Assert.Equal(TeamRole.Owner, Assert.Single(team.Members).Role);
    }

    [Fact]
    public async Task OwnerCanStepDownOnceAnotherOwnerExists()
    {
        var second = await AddMemberAsync("second@example.com", TeamRole.Member);
        await (await owner.Api.PutJsonAsync($"/api/v1/teams/{teamId}/members/{second.Id}", new ChangeRoleRequest(TeamRole.Owner))).ExpectAsync(HttpStatusCode.NoContent);

        await (await owner.Api.PutJsonAsync($"/api/v1/teams/{teamId}/members/{owner.Id}", new ChangeRoleRequest(TeamRole.Member))).ExpectAsync(HttpStatusCode.NoContent);

        var team = await (await second.Api.GetAsync($"/api/v1/teams/{teamId}")).ReadAsync<TeamDetails>();
        Assert.Equal(TeamRole.Member, team.Members.Single(m => m.UserId == owner.Id).Role);
        Assert.Equal(TeamRole.Owner, team.Members.Single(m => m.UserId == second.Id).Role);
    }

    [Fact]
    public async Task RemovedMemberLosesAccessAtOnce()
    {
        var member = await AddMemberAsync("member@example.com", TeamRole.Member);
        await (await member.Api.GetAsync($"/api/v1/teams/{teamId}")).ExpectAsync(HttpStatusCode.OK);

        await (await owner.Api.DeleteAsync($"/api/v1/teams/{teamId}/members/{member.Id}")).ExpectAsync(HttpStatusCode.NoContent);

        await (await member.Api.GetAsync($"/api/v1/teams/{teamId}")).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RoleChangeTakesEffectOnTheNextRequest()
    {
        var member = await AddMemberAsync("member@example.com", TeamRole.Admin);
        await (await member.Api.PostJsonAsync($"/api/v1/teams/{teamId}/invites", new CreateInviteRequest(null))).ExpectAsync(HttpStatusCode.Created);

        await (await owner.Api.PutJsonAsync($"/api/v1/teams/{teamId}/members/{member.Id}", new ChangeRoleRequest(TeamRole.Viewer))).ExpectAsync(HttpStatusCode.NoContent);

        await (await member.Api.PostJsonAsync($"/api/v1/teams/{teamId}/invites", new CreateInviteRequest(null))).ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task UserBelongsToSeveralTeamsAndSeesOnlyTheirOwn()
    {
        await (await outsider.Api.PostJsonAsync("/api/v1/teams", new CreateTeamRequest("Outsider's lab"))).ExpectAsync(HttpStatusCode.Created);
        await (await owner.Api.PostJsonAsync("/api/v1/teams", new CreateTeamRequest("Second team"))).ExpectAsync(HttpStatusCode.Created);

        var mine = await (await owner.Api.GetAsync("/api/v1/teams")).ReadAsync<List<TeamSummary>>();

        Assert.Equal(["Research", "Second team"], mine.Select(t => t.Name).ToArray());
    }

    [Fact]
    public async Task AdminRenamesTheTeamButAMemberGets403()
    {
        var admin = await AddMemberAsync("admin@example.com", TeamRole.Admin);
        var member = await AddMemberAsync("member@example.com", TeamRole.Member);

        await (await member.Api.PutJsonAsync($"/api/v1/teams/{teamId}", new RenameTeamRequest("Hijacked"))).ExpectAsync(HttpStatusCode.Forbidden);
        await (await admin.Api.PutJsonAsync($"/api/v1/teams/{teamId}", new RenameTeamRequest("Evaluation guild"))).ExpectAsync(HttpStatusCode.NoContent);

        var team = await (await member.Api.GetAsync($"/api/v1/teams/{teamId}")).ReadAsync<TeamDetails>();
        Assert.Equal("Evaluation guild", team.Name);
    }

    [Fact]
    public async Task ConcurrentDemotionsOfTwoOwnersNeverLeaveTheTeamOwnerless()
    {
        // Each round: two Owners demote each other at the same moment. Either both see the other
        // still as Owner (one then fails on the team's version), or one runs after the other and is refused.
        for (var round = 0; round < 5; round++)
        {
            var first = await app.CreateUserAsync($"first{round}@example.com");
            var second = await AddMemberAsync($"second{round}@example.com", TeamRole.Member);
            var team = (await (await first.Api.PostJsonAsync("/api/v1/teams", new CreateTeamRequest($"Race {round}"))).ReadAsync<TeamSummary>(HttpStatusCode.Created)).Id;
            var invite = await (await first.Api.PostJsonAsync($"/api/v1/teams/{team}/invites", new CreateInviteRequest(null, TeamRole.Owner))).ReadAsync<CreatedInvite>(HttpStatusCode.Created);
            await (await second.Api.PostAsync($"/api/v1/invites/{invite.Url[(invite.Url.LastIndexOf('/') + 1)..]}/accept", null)).ExpectAsync(HttpStatusCode.OK);

            var results = await Task.WhenAll(
                first.Api.PutJsonAsync($"/api/v1/teams/{team}/members/{second.Id}", new ChangeRoleRequest(TeamRole.Member)),
                second.Api.PutJsonAsync($"/api/v1/teams/{team}/members/{first.Id}", new ChangeRoleRequest(TeamRole.Member)));

            Assert.All(results, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.NoContent, HttpStatusCode.Conflict, HttpStatusCode.Forbidden }));
            var owners = await app.WithDbAsync(db => db.TeamMemberships.CountAsync(m => m.TeamId == team && m.Role == TeamRole.Owner));
            Assert.True(owners >= 1, $"Round {round} left the team without an Owner.");
        }
    }

    [Fact]
    public async Task TeamWithoutNameIsRefusedWithAMessage()
    {
        var response = await owner.Api.PostJsonAsync("/api/v1/teams", new CreateTeamRequest("   "));

        Assert.Contains("Give the team a name", await response.ExpectAsync(HttpStatusCode.BadRequest));
    }
}
