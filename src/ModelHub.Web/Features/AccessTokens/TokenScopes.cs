using System.Security.Claims;
using ModelHub.Web.Features.Common;

namespace ModelHub.Web.Features.AccessTokens;

/// <summary>What a personal access token may do, chosen when it is created.</summary>
[Flags]
public enum TokenScopes
{
    None = 0,

    /// <summary>GET and HEAD under <c>/api/v1</c>.</summary>
    Read = 1,

    /// <summary>Every other method under <c>/api/v1</c>.</summary>
    Write = 2,

    /// <summary>Managing access tokens (<c>/api/v1/tokens</c>).</summary>
    Admin = 4,

    All = Read | Write | Admin,
}

/// <summary>Scope names as the API and the command line spell them ("read", "write", "admin"), and the scopes a caller holds.</summary>
public static class TokenScopeNames
{
    public const string ScopeClaim = "modelhub:token-scope";
    public const string TokenIdClaim = "modelhub:token-id";

    /// <summary>What a token gets when its creator names no scopes: what tokens could do before scopes existed, apart from managing tokens.</summary>
    public const TokenScopes Default = TokenScopes.Read | TokenScopes.Write;

    private static readonly (TokenScopes Scope, string Name)[] Names = [(TokenScopes.Read, "read"), (TokenScopes.Write, "write"), (TokenScopes.Admin, "admin")];

    public static string Name(TokenScopes scope) => Names.Single(n => n.Scope == scope).Name;

    public static IReadOnlyList<string> ToNames(TokenScopes scopes) =>
        [.. Names.Where(n => scopes.HasFlag(n.Scope)).Select(n => n.Name)];

    /// <summary>Reads scope names; none at all means <see cref="Default"/>.</summary>
    public static TokenScopes Parse(IEnumerable<string>? names)
    {
        if (names is null)
        {
            return Default;
        }

        var scopes = TokenScopes.None;
        foreach (var name in names)
        {
            var match = Names.FirstOrDefault(n => string.Equals(n.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (match.Scope == TokenScopes.None)
            {
                throw new InvalidInputException($"'{name}' is not a token scope. Scopes are {string.Join(", ", Names.Select(n => n.Name))}.");
            }

            scopes |= match.Scope;
        }

        return scopes == TokenScopes.None ? Default : scopes;
    }

    /// <summary>The scopes a signed-in principal holds: a token's own, or all of them for a cookie session (the web UI).</summary>
    public static TokenScopes Of(ClaimsPrincipal principal)
    {
        if (!principal.HasClaim(c => c.Type == TokenIdClaim))
        {
            return TokenScopes.All;
        }

        var scopes = TokenScopes.None;
        foreach (var claim in principal.FindAll(ScopeClaim))
        {
            scopes |= Names.FirstOrDefault(n => n.Name == claim.Value).Scope;
        }

        return scopes;
    }

    public static IEnumerable<Claim> ToClaims(Guid tokenId, TokenScopes scopes) =>
        [new Claim(TokenIdClaim, tokenId.ToString()), .. ToNames(scopes).Select(name => new Claim(ScopeClaim, name))];
}
