namespace ModelHub.Web.Features.AccessTokens;

public sealed class PersonalAccessToken
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string UserId { get; set; }

    public required string Name { get; set; }

    /// <summary>SHA-256 of the token, hex. The token itself is shown once and never stored.</summary>
    public required string TokenHash { get; set; }

    /// <summary>The first characters of the token, so a user can tell tokens apart.</summary>
    public required string DisplayPrefix { get; set; }

    /// <summary>What the token may do; tokens made before scopes existed keep all of them.</summary>
    public TokenScopes Scopes { get; set; } = TokenScopeNames.Default;

    public DateTime CreatedAtUtc { get; set; } = DateTime.UtcNow;

    public DateTime ExpiresAtUtc { get; set; }

    public DateTime? LastUsedAtUtc { get; set; }

    public DateTime? RevokedAtUtc { get; set; }
}
