namespace ModelHub.Web.Features.Teams;

public sealed class Team
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public DateTime CreatedAtUtc { get; set; } = DateTime.UtcNow;

    /// <summary>
    /// Bumped on every membership change, so two admins editing members at once cannot both
    /// pass the "last Owner" check: the second save fails instead of leaving a team ownerless.
    /// </summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public List<TeamMembership> Members { get; set; } = [];

    /// <summary>Playground runs are refused once the team's cost this calendar month (UTC) reaches this; null is no cap.</summary>
    public decimal? MonthlySpendCapUsd { get; set; }
}

/// <summary>Ordered by power: a higher value can do everything a lower one can.</summary>
public enum TeamRole
{
    Viewer = 0,
    Member = 1,
    Admin = 2,
    Owner = 3,
}

public sealed class TeamMembership
{
    public Guid TeamId { get; set; }

    public Team Team { get; set; } = null!;

    public required string UserId { get; set; }

    public TeamRole Role { get; set; }

    public DateTime JoinedAtUtc { get; set; } = DateTime.UtcNow;
}

/// <summary>
/// An invitation to join a team, by email (only that address may accept) or as a link anyone
/// signed in may accept. Single use; the token is stored only as a hash.
/// </summary>
public sealed class TeamInvite
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TeamId { get; set; }

    public Team Team { get; set; } = null!;

    public string? Email { get; set; }

    public TeamRole Role { get; set; }

    public required string TokenHash { get; set; }

    public required string CreatedByUserId { get; set; }

    public DateTime CreatedAtUtc { get; set; } = DateTime.UtcNow;

    public DateTime ExpiresAtUtc { get; set; }

    public DateTime? AcceptedAtUtc { get; set; }

    public string? AcceptedByUserId { get; set; }

    public DateTime? RevokedAtUtc { get; set; }
}

/// <summary>Marks data that belongs to one team; <see cref="TeamAccess"/> scopes queries of it.</summary>
public interface ITeamOwned
{
    Guid TeamId { get; }
}
