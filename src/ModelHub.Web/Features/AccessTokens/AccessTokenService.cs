using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Common;

namespace ModelHub.Web.Features.AccessTokens;

public static class AccessTokenRules
{
    public const int MaxNameLength = 80;
    public const int MaxLifetimeDays = 366;
    public const string TokenPrefix = "mh_pat_";
}

public sealed record AccessTokenView(Guid Id, string Name, string DisplayPrefix, DateTime CreatedAtUtc, DateTime ExpiresAtUtc, DateTime? LastUsedAtUtc, DateTime? RevokedAtUtc, IReadOnlyList<string> Scopes)
{
    public bool IsActive(DateTime nowUtc) => RevokedAtUtc is null && ExpiresAtUtc > nowUtc;
}

/// <summary>A freshly created token: <see cref="Token"/> is the only time the secret is available.</summary>
public sealed record CreatedAccessToken(AccessTokenView View, string Token);

/// <summary>A user's personal access tokens. Only the owner of a token can see or revoke it.</summary>
public sealed class AccessTokenService(IDbContextFactory<ModelHubDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>
    /// Creates a token with <paramref name="scopes"/>. <paramref name="callerScopes"/> are the scopes the caller
    /// itself holds (all of them in the web UI): a token cannot mint a token that can do more than it can.
    /// </summary>
    public async Task<CreatedAccessToken> CreateAsync(Caller caller, string name, int lifetimeDays, TokenScopes scopes = TokenScopeNames.Default, TokenScopes callerScopes = TokenScopes.All, CancellationToken cancellationToken = default)
    {
        if (scopes == TokenScopes.None || (scopes & ~TokenScopes.All) != 0)
        {
            throw new InvalidInputException("Choose at least one scope for the token: read, write or admin.");
        }

        if ((scopes & ~callerScopes) != 0)
        {
            throw new ForbiddenException($"This token cannot create a token with the {string.Join(", ", TokenScopeNames.ToNames(scopes & ~callerScopes))} scope: a token can only grant scopes it has itself.");
        }

        name = name?.Trim() ?? "";
        if (name.Length == 0)
        {
            throw new InvalidInputException("Give the token a name that says where it is used, such as 'CI evaluations'.");
        }

        TextLimit.Check(name, AccessTokenRules.MaxNameLength, "name");

        if (lifetimeDays is < 1 or > AccessTokenRules.MaxLifetimeDays)
        {
            throw new InvalidInputException($"A token must expire in 1 to {AccessTokenRules.MaxLifetimeDays} days.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.PersonalAccessTokens.AnyAsync(t => t.UserId == caller.UserId && t.Name == name && t.RevokedAtUtc == null, cancellationToken))
        {
            throw new ConflictException($"You already have a token named '{name}'. Choose another name or revoke that one first.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var token = SecretTokens.Create(AccessTokenRules.TokenPrefix);
        var entity = new PersonalAccessToken
        {
            UserId = caller.UserId,
            Name = name,
            TokenHash = SecretTokens.Hash(token),
            DisplayPrefix = token[..(AccessTokenRules.TokenPrefix.Length + 4)],
            CreatedAtUtc = now,
            ExpiresAtUtc = now.AddDays(lifetimeDays),
            Scopes = scopes,
        };
        db.PersonalAccessTokens.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedAccessToken(ToView(entity), token);
    }

    public async Task<IReadOnlyList<AccessTokenView>> ListAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.PersonalAccessTokens.AsNoTracking()
            .Where(t => t.UserId == caller.UserId)
            .OrderByDescending(t => t.CreatedAtUtc)
            .Select(t => new { t.Id, t.Name, t.DisplayPrefix, t.CreatedAtUtc, t.ExpiresAtUtc, t.LastUsedAtUtc, t.RevokedAtUtc, t.Scopes })
            .AsAsyncEnumerable()
            .Select(t => new AccessTokenView(t.Id, t.Name, t.DisplayPrefix, t.CreatedAtUtc, t.ExpiresAtUtc, t.LastUsedAtUtc, t.RevokedAtUtc, TokenScopeNames.ToNames(t.Scopes)))
            .ToListAsync(cancellationToken);
    }

    public async Task RevokeAsync(Caller caller, Guid tokenId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var revoked = await db.PersonalAccessTokens
            .Where(t => t.Id == tokenId && t.UserId == caller.UserId && t.RevokedAtUtc == null)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.RevokedAtUtc, now), cancellationToken);
        if (revoked == 0)
        {
            throw new NotFoundException("That token does not exist or is already revoked.");
        }
    }

    private static AccessTokenView ToView(PersonalAccessToken t) =>
        new(t.Id, t.Name, t.DisplayPrefix, t.CreatedAtUtc, t.ExpiresAtUtc, t.LastUsedAtUtc, t.RevokedAtUtc, TokenScopeNames.ToNames(t.Scopes));
}
