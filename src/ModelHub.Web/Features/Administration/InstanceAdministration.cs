using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Accounts;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Mail;
using ModelHub.Web.Features.Teams;

namespace ModelHub.Web.Features.Administration;

public sealed record OutboxMessageView(Guid Id, string To, string Subject, string HtmlBody, DateTime CreatedAtUtc);

/// <summary>Instance-wide administration: who is admin, whether anyone may register, the mail outbox.</summary>
public sealed class InstanceAdministration(IDbContextFactory<ModelHubDbContext> dbFactory, UserManager<ApplicationUser> users)
{
    public async Task<bool> IsRegistrationOpenAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.InstanceSettings.Where(s => s.Id == InstanceSettings.SingletonId).Select(s => s.RegistrationOpen).SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Whether a visitor may create an account now: always while registration is open, and with a
    /// still-usable invite (carried in the return URL) when the instance is invite-only.
    /// </summary>
    public async Task<bool> MayRegisterAsync(string? returnUrl, CancellationToken cancellationToken = default)
    {
        if (await IsRegistrationOpenAsync(cancellationToken))
        {
            return true;
        }

        var token = InviteTokenFromReturnUrl(returnUrl);
        if (token is null)
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var hash = SecretTokens.Hash(token);
        var now = DateTime.UtcNow;
        return await db.TeamInvites.AnyAsync(i => i.TokenHash == hash && i.AcceptedAtUtc == null && i.RevokedAtUtc == null && i.ExpiresAtUtc > now, cancellationToken);
    }

    public async Task SetRegistrationOpenAsync(Caller caller, bool open, CancellationToken cancellationToken = default)
    {
        RequireAdmin(caller);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.InstanceSettings.Where(s => s.Id == InstanceSettings.SingletonId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RegistrationOpen, open), cancellationToken);
    }

    /// <summary>Makes the first account of a fresh instance its administrator; called right after an account is created.</summary>
    public async Task PromoteIfFirstUserAsync(ApplicationUser user)
    {
        if (user.IsInstanceAdmin || await users.Users.AnyAsync(u => u.Id != user.Id))
        {
            return;
        }

        await SetInstanceAdminAsync(user);
    }

    public async Task SetInstanceAdminAsync(ApplicationUser user)
    {
        user.IsInstanceAdmin = true;
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        // A new security stamp makes existing sign-ins pick up the admin claim at their next revalidation.
        await users.UpdateSecurityStampAsync(user);
    }

    public async Task<IReadOnlyList<OutboxMessageView>> ListOutboxAsync(Caller caller, int take = 50, CancellationToken cancellationToken = default)
    {
        RequireAdmin(caller);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.OutboxMessages.AsNoTracking()
            .OrderByDescending(m => m.CreatedAtUtc)
            .Take(take)
            .Select(m => new OutboxMessageView(m.Id, m.To, m.Subject, m.HtmlBody, m.CreatedAtUtc))
            .ToListAsync(cancellationToken);
    }

    internal static string? InviteTokenFromReturnUrl(string? returnUrl)
    {
        if (string.IsNullOrEmpty(returnUrl))
        {
            return null;
        }

        // The sign-in redirect carries the full address; a form may carry a relative one.
        var path = Uri.TryCreate(returnUrl, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https"
            ? absolute.AbsolutePath
            : returnUrl;
        path = path.TrimStart('~').TrimStart('/');
        const string prefix = "invites/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var token = path[prefix.Length..].Split('?', '#')[0];
        return token.StartsWith(TeamRules.InviteTokenPrefix, StringComparison.Ordinal) ? token : null;
    }

    private static void RequireAdmin(Caller caller)
    {
        if (!caller.IsInstanceAdmin)
        {
            throw new ForbiddenException("Only an instance administrator can do this.");
        }
    }
}
