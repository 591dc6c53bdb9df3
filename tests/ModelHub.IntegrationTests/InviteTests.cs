using System.Net;
using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Features.Teams;

namespace ModelHub.IntegrationTests;

[Trait("Database", "true")]
public sealed class InviteTests : IntegrationTest
{
    private TestUser owner = null!;
    private Guid teamId;

    public override async ValueTask InitializeAsync()
    {
        owner = await app.CreateUserAsync("owner@example.com");
        teamId = (await (await owner.Api.PostJsonAsync("/api/v1/teams", new CreateTeamRequest("Research"))).ReadAsync<TeamSummary>(HttpStatusCode.Created)).Id;
    }

    private async Task<string> CreateInviteTokenAsync(string? email = null, TeamRole role = TeamRole.Member)
    {
        var invite = await (await owner.Api.PostJsonAsync($"/api/v1/teams/{teamId}/invites", new CreateInviteRequest(email, role))).ReadAsync<CreatedInvite>(HttpStatusCode.Created);
        return invite.Url[(invite.Url.LastIndexOf('/') + 1)..];
    }

    private Task<int> MemberCountAsync() => app.WithDbAsync(db => db.TeamMemberships.CountAsync(m => m.TeamId == teamId));

    [Fact]
    public async Task InviteLinkJoinsTheTeamWithItsRoleAndMakesItActive()
    {
        var token = await CreateInviteTokenAsync(role: TeamRole.Viewer);
        var joiner = await app.CreateUserAsync("joiner@example.com");

        var accepted = await (await joiner.Api.PostAsync($"/api/v1/invites/{token}/accept", null)).ReadAsync<AcceptedInvite>();

        Assert.Equal(teamId, accepted.TeamId);
        var team = await (await joiner.Api.GetAsync($"/api/v1/teams/{teamId}")).ReadAsync<TeamDetails>();
        Assert.Equal(TeamRole.Viewer, team.MyRole);
        var activeTeam = await app.WithDbAsync(db => db.Users.Where(u => u.Id == joiner.Id).Select(u => u.ActiveTeamId).SingleAsync());
        Assert.Equal(teamId, activeTeam);
    }

    [Fact]
    public async Task ReusedInviteIsRefusedAndAddsNobody()
    {
        var token = await CreateInviteTokenAsync();
        var first = await app.CreateUserAsync("first@example.com");
        var second = await app.CreateUserAsync("second@example.com");
        await (await first.Api.PostAsync($"/api/v1/invites/{token}/accept", null)).ExpectAsync(HttpStatusCode.OK);

        var reuse = await second.Api.PostAsync($"/api/v1/invites/{token}/accept", null);

        Assert.Contains("already been used", await reuse.ExpectAsync(HttpStatusCode.Conflict));
        Assert.Equal(2, await MemberCountAsync());
    }

    [Fact]
    public async Task ExpiredInviteIsRefusedWithItsDate()
    {
        var token = await CreateInviteTokenAsync();
        await app.WithDbAsync(db => db.TeamInvites.ExecuteUpdateAsync(i => i.SetProperty(x => x.ExpiresAtUtc, DateTime.UtcNow.AddMinutes(-1))));
        var joiner = await app.CreateUserAsync("late@example.com");

        var response = await joiner.Api.PostAsync($"/api/v1/invites/{token}/accept", null);

        Assert.Contains("expired on", await response.ExpectAsync(HttpStatusCode.Conflict));
        Assert.Equal(1, await MemberCountAsync());
    }

    [Fact]
    public async Task JoiningTwiceIsRefusedAndLeavesTheInviteUnused()
    {
        var token = await CreateInviteTokenAsync();

        var response = await owner.Api.PostAsync($"/api/v1/invites/{token}/accept", null);

        Assert.Contains("already a member", await response.ExpectAsync(HttpStatusCode.Conflict));
        var unused = await app.WithDbAsync(db => db.TeamInvites.AllAsync(i => i.AcceptedAtUtc == null));
        Assert.True(unused);
    }

    [Fact]
    public async Task EmailInviteIsMailedAndOnlyThatAddressCanAcceptIt()
    {
        var token = await CreateInviteTokenAsync("invited@example.com");
        var stranger = await app.CreateUserAsync("stranger@example.com");
        var invited = await app.CreateUserAsync("Invited@Example.com");

        var mail = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync());
        var strangerTry = await stranger.Api.PostAsync($"/api/v1/invites/{token}/accept", null);
        var invitedTry = await invited.Api.PostAsync($"/api/v1/invites/{token}/accept", null);

        Assert.Equal("invited@example.com", mail.To);
        Assert.Contains(token, mail.HtmlBody);
        Assert.Contains("sent to invited@example.com", await strangerTry.ExpectAsync(HttpStatusCode.Forbidden));
        await invitedTry.ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task InvitingAnExistingMemberByEmailIsRefused()
    {
        var response = await owner.Api.PostJsonAsync($"/api/v1/teams/{teamId}/invites", new CreateInviteRequest("owner@example.com"));

        Assert.Contains("already a member", await response.ExpectAsync(HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task WithdrawnInviteIsRefused()
    {
        var token = await CreateInviteTokenAsync();
        var inviteId = await app.WithDbAsync(db => db.TeamInvites.Select(i => i.Id).SingleAsync());
        await (await owner.Api.DeleteAsync($"/api/v1/teams/{teamId}/invites/{inviteId}")).ExpectAsync(HttpStatusCode.NoContent);
        var joiner = await app.CreateUserAsync("joiner@example.com");

        var response = await joiner.Api.PostAsync($"/api/v1/invites/{token}/accept", null);

        Assert.Contains("withdrawn", await response.ExpectAsync(HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task UnknownInviteTokenGets404()
    {
        var joiner = await app.CreateUserAsync("joiner@example.com");

        var response = await joiner.Api.PostAsync("/api/v1/invites/inv_doesnotexist/accept", null);

        await response.ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task InviteTokenIsStoredOnlyAsAHash()
    {
        var token = await CreateInviteTokenAsync();

        var stored = await app.WithDbAsync(db => db.TeamInvites.Select(i => i.TokenHash).SingleAsync());

        Assert.NotEqual(token, stored);
        Assert.Equal(ModelHub.Web.Features.Common.SecretTokens.Hash(token), stored);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    public async Task InviteExpiryOutsideOneToThirtyDaysIsRefused(int days)
    {
        var response = await owner.Api.PostJsonAsync($"/api/v1/teams/{teamId}/invites", new CreateInviteRequest(null, TeamRole.Member, days));

        Assert.Contains("1 to 30 days", await response.ExpectAsync(HttpStatusCode.BadRequest));
    }
}
