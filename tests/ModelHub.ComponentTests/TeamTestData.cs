using AngleSharp.Dom;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using ModelHub.Web.Features.Accounts;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Teams;

namespace ModelHub.ComponentTests;

/// <summary>People and teams made through the app's own services, and finding fields the way a person does: by their label.</summary>
internal static class TeamTestData
{
    public static async Task<Caller> CreateUserAsync(this AppServices app, string email)
    {
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true };
        var result = await app.Get<UserManager<ApplicationUser>>().CreateAsync(user, "Sup3r-secret!");
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        return new Caller(user.Id, IsInstanceAdmin: false);
    }

    /// <summary>Adds <paramref name="member"/> to the team with <paramref name="role"/>, through an invite link as a person would.</summary>
    public static async Task JoinAsync(this AppServices app, Caller inviter, Guid teamId, Caller member, TeamRole role)
    {
        var teams = app.Get<TeamService>();
        var invite = await teams.CreateInviteAsync(inviter, teamId, email: null, role, expiresInDays: 7);
        await teams.AcceptInviteAsync(member, invite.Url[(invite.Url.LastIndexOf('/') + 1)..]);
    }

    /// <summary>The input whose visible label reads <paramref name="label"/> (label for= the input's id).</summary>
    public static IElement InputLabelled<T>(this IRenderedComponent<T> cut, string label) where T : IComponent
    {
        var labels = cut.FindAll("label").Where(l => l.TextContent.Trim() == label).ToList();
        var forId = Assert.Single(labels).GetAttribute("for");
        Assert.False(string.IsNullOrEmpty(forId), $"The label '{label}' names no input.");
        return cut.Find($"[id='{forId}']");
    }
}
