using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Teams;

namespace ModelHub.ComponentTests;

public sealed class TeamPageTests : ComponentTest
{
    private const string OwnerEmail = "grace@example.com";
    private const string MemberEmail = "ada@example.com";

    private AppServices app = null!;
    private Caller owner = null!;
    private Caller member = null!;
    private Guid teamId;

    public override async ValueTask InitializeAsync()
    {
        app = await AppServices.StartAsync();
        app.Share<TeamService>(this).Share<ActiveTeamState>(this);
        owner = await app.CreateUserAsync(OwnerEmail);
        member = await app.CreateUserAsync(MemberEmail);
        teamId = (await app.Get<TeamService>().CreateTeamAsync(owner, "Research")).Id;
        await app.JoinAsync(owner, teamId, member, TeamRole.Member);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public void TheTeamMemberListHidesAdminActionsFromMembers()
    {
        SignIn(member.UserId, MemberEmail);

        var page = Render<TeamPage>();

        page.WaitForAssertion(() => Assert.Equal("Member", page.Find("[data-testid=my-role]").TextContent));
        Assert.Contains(OwnerEmail, page.Markup);
        Assert.Contains(MemberEmail, page.Markup);
        Assert.Empty(page.FindAll("[aria-label^='Role for']"));
        Assert.Empty(page.FindAll(".mud-select"));
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Trim() == "Remove");
        Assert.DoesNotContain(page.FindAll("h2"), h => h.TextContent == "Invite people" || h.TextContent == "Team name");
        // Anyone may leave: the member's own row offers exactly that.
        Assert.Single(page.FindAll("button"), b => b.TextContent.Trim() == "Leave");
    }

    [Fact]
    public void OwnerGetsARoleMenuNamedByEachMemberARemoveButtonAndTheInviteForm()
    {
        SignIn(owner.UserId, OwnerEmail);

        var page = Render<TeamPage>();

        page.WaitForAssertion(() => Assert.Equal("Owner", page.Find("[data-testid=my-role]").TextContent));
        var memberRole = page.Find($"[role=combobox][aria-label='Role for {MemberEmail}']");
        Assert.Equal("Member", memberRole.TextContent.Trim());
        Assert.Single(page.FindAll("[role=combobox][aria-label='Role']"));
        Assert.Single(page.FindAll($"button[aria-label='Remove {MemberEmail}']"));
        Assert.Contains(page.FindAll("h2"), h => h.TextContent == "Invite people");
        Assert.Equal("email", page.InputLabelled("Email (optional)").GetAttribute("type"));
        page.InputLabelled("Expires in (days)");
    }

    [Fact]
    public async Task OwnerChangesAMembersRoleFromTheMenu()
    {
        SignIn(owner.UserId, OwnerEmail);
        var popovers = RenderPopovers();
        var page = Render<TeamPage>();
        var roleMenu = $"[role=combobox][aria-label='Role for {MemberEmail}']";
        page.WaitForAssertion(() => page.Find(roleMenu));

        page.Find(roleMenu).Closest(".mud-input-control")!.MouseDown();
        popovers.WaitForAssertion(() => popovers.FindAll("[role=option]").Single(o => o.TextContent.Trim() == "Viewer").Click());

        page.WaitForAssertion(() => Assert.Equal("Viewer", page.Find(roleMenu).TextContent.Trim()));
        var details = await app.Get<TeamService>().GetTeamAsync(owner, teamId);
        Assert.Equal(TeamRole.Viewer, details.Members.Single(m => m.Email == MemberEmail).Role);
    }

    [Fact]
    public void InviteLinkIsShownOnceWithACopyButton()
    {
        SignIn(owner.UserId, OwnerEmail);
        var page = Render<TeamPage>();
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("h2"), h => h.TextContent == "Invite people"));

        page.FindAll("form").Single(f => f.TextContent.Contains("Create invite link")).Submit();

        page.WaitForAssertion(() => Assert.Contains("/invites/inv_", page.InputLabelled("Invite link").GetAttribute("value")));
        Assert.Single(page.FindAll("[aria-label='Copy invite link']"));
        Assert.Contains("Anyone with the link", page.Markup);
    }

    [Fact]
    public async Task AMemberOfNoTeamIsOfferedToCreateOne()
    {
        var loner = await app.CreateUserAsync("loner@example.com");
        SignIn(loner.UserId, "loner@example.com");

        var page = Render<TeamPage>();

        page.WaitForAssertion(() => Assert.Contains("You are not in a team yet", page.Markup));
        Assert.Empty(page.FindAll("table"));
    }
}
