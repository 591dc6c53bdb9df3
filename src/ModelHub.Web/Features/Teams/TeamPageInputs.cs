using System.ComponentModel.DataAnnotations;

namespace ModelHub.Web.Features.Teams;

/// <summary>The team page's rename form.</summary>
public sealed class RenameTeamInput
{
    [Required(ErrorMessage = "Give the team a name.")]
    [StringLength(TeamRules.MaxNameLength, ErrorMessage = "A team name has at most 80 characters.")]
    public string Name { get; set; } = "";
}

/// <summary>The team page's invite form; an empty email makes a link the inviter shares.</summary>
public sealed class InviteInput
{
    [EmailAddress(ErrorMessage = "Enter an email address, or leave it empty to create a link.")]
    public string? Email { get; set; }

    public TeamRole Role { get; set; } = TeamRole.Member;

    [Range(1, TeamRules.MaxInviteDays, ErrorMessage = "An invite lasts from 1 to 30 days.")]
    public int ExpiresInDays { get; set; } = TeamRules.DefaultInviteDays;
}

/// <summary>A role picked for a member in the member list.</summary>
public sealed record RoleChange(TeamMemberView Member, TeamRole Role);
