using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Mail;
using ModelHub.Web.Features.Operations;

namespace ModelHub.Web.Features.Teams;

public sealed record TeamSummary(Guid Id, string Name, TeamRole Role, int MemberCount);

public sealed record TeamMemberView(string UserId, string Email, string? DisplayName, TeamRole Role, DateTime JoinedAtUtc);

public sealed record TeamInviteView(Guid Id, string? Email, TeamRole Role, DateTime CreatedAtUtc, DateTime ExpiresAtUtc);

public sealed record TeamDetails(Guid Id, string Name, TeamRole MyRole, IReadOnlyList<TeamMemberView> Members, IReadOnlyList<TeamInviteView> PendingInvites)
{
    public bool CanManageMembers => MyRole >= TeamRole.Admin;
}

/// <summary>An invite as its holder sees it before accepting.</summary>
public sealed record InvitePreview(string TeamName, TeamRole Role, string? Email, DateTime ExpiresAtUtc);

/// <summary>A new invite: <see cref="Url"/> holds the secret and is shown only now.</summary>
public sealed record CreatedInvite(Guid Id, string Url, DateTime ExpiresAtUtc);

/// <summary>Teams, their members, roles and invites. Every method checks the caller through <see cref="TeamAccess"/>.</summary>
public sealed class TeamService(IDbContextFactory<ModelHubDbContext> dbFactory, IMailSender mail, TimeProvider clock, PublicAddress publicAddress)
{
    public async Task<IReadOnlyList<TeamSummary>> ListMyTeamsAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.TeamMemberships.AsNoTracking()
            .Where(m => m.UserId == caller.UserId)
            .OrderBy(m => m.Team.Name)
            .Select(m => new TeamSummary(m.TeamId, m.Team.Name, m.Role, m.Team.Members.Count))
            .ToListAsync(cancellationToken);
    }

    /// <summary>The caller's active team, falling back to their first team when none is set or it was left.</summary>
    public async Task<TeamSummary?> GetActiveTeamAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var activeId = await db.Users.Where(u => u.Id == caller.UserId).Select(u => u.ActiveTeamId).SingleOrDefaultAsync(cancellationToken);
        var teams = db.TeamMemberships.AsNoTracking().Where(m => m.UserId == caller.UserId);
        return await teams
            .OrderByDescending(m => m.TeamId == activeId)
            .ThenBy(m => m.Team.Name)
            .Select(m => new TeamSummary(m.TeamId, m.Team.Name, m.Role, m.Team.Members.Count))
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task SetActiveTeamAsync(Caller caller, Guid teamId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.RequireAsync(caller, teamId, TeamRole.Viewer, cancellationToken);
        await db.Users.Where(u => u.Id == caller.UserId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.ActiveTeamId, teamId), cancellationToken);
    }

    public async Task<TeamSummary> CreateTeamAsync(Caller caller, string name, CancellationToken cancellationToken = default)
    {
        name = ValidateName(name);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var team = new Team { Name = name, CreatedAtUtc = Now };
        team.Members.Add(new TeamMembership { UserId = caller.UserId, Role = TeamRole.Owner, JoinedAtUtc = Now });
        db.Teams.Add(team);
        db.Rubrics.Add(Evaluations.RubricService.CreateDefault(team.Id, caller.UserId, Now));
        var user = await db.Users.SingleAsync(u => u.Id == caller.UserId, cancellationToken);
        user.ActiveTeamId = team.Id;
        await db.SaveChangesAsync(cancellationToken);
        return new TeamSummary(team.Id, team.Name, TeamRole.Owner, 1);
    }

    public async Task<TeamDetails> GetTeamAsync(Caller caller, Guid teamId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var me = await db.RequireAsync(caller, teamId, TeamRole.Viewer, cancellationToken);

        var members = await db.TeamMemberships.AsNoTracking()
            .Where(m => m.TeamId == teamId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new TeamMemberView(u.Id, u.Email ?? u.UserName ?? u.Id, u.DisplayName, m.Role, m.JoinedAtUtc))
            .ToListAsync(cancellationToken);
        members = [.. members.OrderByDescending(m => m.Role).ThenBy(m => m.Email, StringComparer.OrdinalIgnoreCase)];

        IReadOnlyList<TeamInviteView> invites = [];
        if (me.Role >= TeamRole.Admin)
        {
            var now = Now;
            invites = await db.TeamInvites.AsNoTracking()
                .Where(i => i.TeamId == teamId && i.AcceptedAtUtc == null && i.RevokedAtUtc == null && i.ExpiresAtUtc > now)
                .OrderByDescending(i => i.CreatedAtUtc)
                .Select(i => new TeamInviteView(i.Id, i.Email, i.Role, i.CreatedAtUtc, i.ExpiresAtUtc))
                .ToListAsync(cancellationToken);
        }

        return new TeamDetails(teamId, me.Team.Name, me.Role, members, invites);
    }

    public async Task RenameTeamAsync(Caller caller, Guid teamId, string name, CancellationToken cancellationToken = default)
    {
        name = ValidateName(name);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var me = await db.RequireAsync(caller, teamId, TeamRole.Admin, cancellationToken);
        me.Team.Name = name;
        await SaveMembershipChangeAsync(db, me.Team, cancellationToken);
    }

    public async Task ChangeRoleAsync(Caller caller, Guid teamId, string userId, TeamRole newRole, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(newRole))
        {
            throw new InvalidInputException("Choose one of the roles Owner, Admin, Member or Viewer.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var me = await db.RequireAsync(caller, teamId, TeamRole.Admin, cancellationToken);
        var target = await FindMemberAsync(db, teamId, userId, cancellationToken);
        if (target.Role == newRole)
        {
            return;
        }

        if ((target.Role == TeamRole.Owner || newRole == TeamRole.Owner) && me.Role != TeamRole.Owner)
        {
            throw new ForbiddenException("Only an Owner can make someone an Owner or change an Owner's role.");
        }

        if (target.Role == TeamRole.Owner)
        {
            await EnsureAnotherOwnerAsync(db, teamId, target.UserId,
                target.UserId == caller.UserId
                    ? "You are the last Owner of this team. Make another member Owner before changing your own role."
                    : "This member is the last Owner of the team. Make another member Owner first.",
                cancellationToken);
        }

        target.Role = newRole;
        await SaveMembershipChangeAsync(db, me.Team, cancellationToken);
    }

    /// <summary>Removes a member; a caller removing themself is leaving the team.</summary>
    public async Task RemoveMemberAsync(Caller caller, Guid teamId, string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var leaving = userId == caller.UserId;
        var me = await db.RequireAsync(caller, teamId, leaving ? TeamRole.Viewer : TeamRole.Admin, cancellationToken);
        var target = leaving ? me : await FindMemberAsync(db, teamId, userId, cancellationToken);

        if (!leaving && target.Role == TeamRole.Owner && me.Role != TeamRole.Owner)
        {
            throw new ForbiddenException("Only an Owner can remove another Owner.");
        }

        if (target.Role == TeamRole.Owner)
        {
            await EnsureAnotherOwnerAsync(db, teamId, target.UserId,
                leaving
                    ? "You are the last Owner of this team. Make another member Owner before you leave."
                    : "This member is the last Owner of the team and cannot be removed.",
                cancellationToken);
        }

        db.TeamMemberships.Remove(target);
        await SaveMembershipChangeAsync(db, me.Team, cancellationToken);
        await db.Users.Where(u => u.Id == target.UserId && u.ActiveTeamId == teamId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.ActiveTeamId, (Guid?)null), cancellationToken);
    }

    /// <summary>
    /// Creates a single-use invite. With an email, only that address can accept it and a message is
    /// sent to it; without one, the returned link is for the caller to share.
    /// </summary>
    public async Task<CreatedInvite> CreateInviteAsync(
        Caller caller, Guid teamId, string? email, TeamRole role, int expiresInDays, CancellationToken cancellationToken = default)
    {
        if (expiresInDays is < 1 or > TeamRules.MaxInviteDays)
        {
            throw new InvalidInputException($"An invite must expire in 1 to {TeamRules.MaxInviteDays} days.");
        }

        if (!Enum.IsDefined(role))
        {
            throw new InvalidInputException("Choose one of the roles Owner, Admin, Member or Viewer.");
        }

        email = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        TextLimit.Check(email, TeamRules.MaxInviteEmailLength, "email");
        if (email is not null && !new EmailAddressAttribute().IsValid(email))
        {
            throw new InvalidInputException($"'{email}' is not an email address.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var me = await db.RequireAsync(caller, teamId, TeamRole.Admin, cancellationToken);
        if (role == TeamRole.Owner && me.Role != TeamRole.Owner)
        {
            throw new ForbiddenException("Only an Owner can invite someone as Owner.");
        }

        if (email is not null)
        {
            var normalized = email.ToUpperInvariant();
            var alreadyMember = await db.TeamMemberships
                .AnyAsync(m => m.TeamId == teamId && db.Users.Any(u => u.Id == m.UserId && u.NormalizedEmail == normalized), cancellationToken);
            if (alreadyMember)
            {
                throw new ConflictException($"{email} is already a member of {me.Team.Name}.");
            }
        }

        var token = SecretTokens.Create(TeamRules.InviteTokenPrefix);
        var invite = new TeamInvite
        {
            TeamId = teamId,
            Email = email,
            Role = role,
            TokenHash = SecretTokens.Hash(token),
            CreatedByUserId = caller.UserId,
            CreatedAtUtc = Now,
            ExpiresAtUtc = Now.AddDays(expiresInDays),
        };
        db.TeamInvites.Add(invite);
        await db.SaveChangesAsync(cancellationToken);

        var url = publicAddress.Link(TeamRules.InvitePath(token));
        if (email is not null)
        {
            var team = WebUtility.HtmlEncode(me.Team.Name);
            await mail.SendAsync(email, $"You are invited to join {me.Team.Name} on ModelHub",
                $"<p>You have been invited to join <strong>{team}</strong> on ModelHub as {role}.</p>" +
                $"<p><a href='{url}'>Accept the invitation</a>. The link works once and expires on {invite.ExpiresAtUtc:yyyy-MM-dd HH:mm} UTC.</p>",
                cancellationToken);
        }

        return new CreatedInvite(invite.Id, url, invite.ExpiresAtUtc);
    }

    public async Task RevokeInviteAsync(Caller caller, Guid teamId, Guid inviteId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.RequireAsync(caller, teamId, TeamRole.Admin, cancellationToken);
        var now = Now;
        var revoked = await db.TeamInvites
            .Where(i => i.Id == inviteId && i.TeamId == teamId && i.AcceptedAtUtc == null && i.RevokedAtUtc == null)
            .ExecuteUpdateAsync(i => i.SetProperty(x => x.RevokedAtUtc, now), cancellationToken);
        if (revoked == 0)
        {
            throw new NotFoundException("That invite does not exist or was already used or withdrawn.");
        }
    }

    /// <summary>What an invite link offers, so the page can say which team before the user joins.</summary>
    public async Task<InvitePreview> PreviewInviteAsync(string token, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var invite = await FindUsableInviteAsync(db, token, cancellationToken);
        return new InvitePreview(invite.Team.Name, invite.Role, invite.Email, invite.ExpiresAtUtc);
    }

    /// <summary>Joins the invite's team and makes it the caller's active team. Returns the team id.</summary>
    public async Task<Guid> AcceptInviteAsync(Caller caller, string token, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var invite = await FindUsableInviteAsync(db, token, cancellationToken);

        var user = await db.Users.SingleAsync(u => u.Id == caller.UserId, cancellationToken);
        if (invite.Email is not null && !string.Equals(invite.Email, user.Email, StringComparison.OrdinalIgnoreCase))
        {
            throw new ForbiddenException($"This invite was sent to {invite.Email}. Sign in with that address to accept it.");
        }

        if (await db.TeamMemberships.AnyAsync(m => m.TeamId == invite.TeamId && m.UserId == caller.UserId, cancellationToken))
        {
            throw new ConflictException($"You are already a member of {invite.Team.Name}.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Claim the invite with a conditional update, so two people racing on one link cannot both use it.
        var now = Now;
        var claimed = await db.TeamInvites
            .Where(i => i.Id == invite.Id && i.AcceptedAtUtc == null && i.RevokedAtUtc == null)
            .ExecuteUpdateAsync(i => i.SetProperty(x => x.AcceptedAtUtc, now).SetProperty(x => x.AcceptedByUserId, caller.UserId), cancellationToken);
        if (claimed == 0)
        {
            throw new ConflictException("This invite has already been used. Ask a team Owner or Admin for a new one.");
        }

        db.TeamMemberships.Add(new TeamMembership { TeamId = invite.TeamId, UserId = caller.UserId, Role = invite.Role, JoinedAtUtc = now });
        user.ActiveTeamId = invite.TeamId;
        invite.Team.Version = Guid.NewGuid();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return invite.TeamId;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<TeamInvite> FindUsableInviteAsync(ModelHubDbContext db, string token, CancellationToken cancellationToken)
    {
        var hash = SecretTokens.Hash(token ?? "");
        var invite = await db.TeamInvites.Include(i => i.Team).SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken)
            ?? throw new NotFoundException("This invite link is not valid. Check that you copied all of it, or ask for a new one.");

        if (invite.RevokedAtUtc is not null)
        {
            throw new ConflictException("This invite was withdrawn. Ask a team Owner or Admin for a new one.");
        }

        if (invite.AcceptedAtUtc is not null)
        {
            throw new ConflictException("This invite has already been used. Ask a team Owner or Admin for a new one.");
        }

        if (invite.ExpiresAtUtc <= Now)
        {
            throw new ConflictException($"This invite expired on {invite.ExpiresAtUtc:yyyy-MM-dd HH:mm} UTC. Ask a team Owner or Admin for a new one.");
        }

        return invite;
    }

    private static async Task<TeamMembership> FindMemberAsync(ModelHubDbContext db, Guid teamId, string userId, CancellationToken cancellationToken) =>
        await db.TeamMemberships.SingleOrDefaultAsync(m => m.TeamId == teamId && m.UserId == userId, cancellationToken)
        ?? throw new NotFoundException("That person is not a member of this team.");

    private static async Task EnsureAnotherOwnerAsync(ModelHubDbContext db, Guid teamId, string exceptUserId, string message, CancellationToken cancellationToken)
    {
        var otherOwners = await db.TeamMemberships.CountAsync(
            m => m.TeamId == teamId && m.Role == TeamRole.Owner && m.UserId != exceptUserId, cancellationToken);
        if (otherOwners == 0)
        {
            throw new ConflictException(message);
        }
    }

    /// <summary>Saves with the team's version bumped, so a concurrent membership change fails instead of racing.</summary>
    private static async Task SaveMembershipChangeAsync(ModelHubDbContext db, Team team, CancellationToken cancellationToken)
    {
        team.Version = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("Someone else changed this team's members at the same time. Reload the page and try again.");
        }
    }

    private static string ValidateName(string? name)
    {
        name = name?.Trim() ?? "";
        if (name.Length == 0)
        {
            throw new InvalidInputException("Give the team a name.");
        }

        TextLimit.Check(name, TeamRules.MaxNameLength, "name");

        return name;
    }
}
