using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Accounts;
using ModelHub.Web.Features.Common;

namespace ModelHub.Web.Features.AccessTokens;

/// <summary>
/// Authenticates <c>Authorization: Bearer mh_pat_…</c> as the token's user, with exactly the
/// claims a cookie sign-in would give, so the API applies the same rights either way, plus the
/// token's scopes, which limit what it may call (<see cref="TokenScopeRequirement"/>).
/// </summary>
internal sealed class AccessTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDbContextFactory<ModelHubDbContext> dbFactory,
    UserManager<ApplicationUser> users,
    IUserClaimsPrincipalFactory<ApplicationUser> principals,
    TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PersonalAccessToken";

    /// <summary>Last-used times are written at most this often per token, to keep API reads read-only.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!TryReadBearer(Request.Headers.Authorization.ToString(), out var token))
        {
            return AuthenticateResult.NoResult();
        }

        var hash = SecretTokens.Hash(token);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(Context.RequestAborted);
        var stored = await db.PersonalAccessTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, Context.RequestAborted);
        if (stored is null)
        {
            return AuthenticateResult.Fail("The access token is not valid.");
        }

        if (stored.RevokedAtUtc is not null)
        {
            return AuthenticateResult.Fail("The access token was revoked.");
        }

        if (stored.ExpiresAtUtc <= now)
        {
            return AuthenticateResult.Fail("The access token has expired.");
        }

        // Lockout is not checked: it answers failed passwords, and anyone who knows an email can
        // trigger it, so it must not also switch off that person's automation. Revoking is how a
        // token is stopped.
        var user = await users.FindByIdAsync(stored.UserId);
        if (user is null)
        {
            return AuthenticateResult.Fail("The token's account no longer exists.");
        }

        if (stored.LastUsedAtUtc is null || now - stored.LastUsedAtUtc > LastUsedResolution)
        {
            await db.PersonalAccessTokens.Where(t => t.Id == stored.Id)
                .ExecuteUpdateAsync(t => t.SetProperty(x => x.LastUsedAtUtc, now), Context.RequestAborted);
        }

        var principal = await principals.CreateAsync(user);
        principal.Identities.First().AddClaims(TokenScopeNames.ToClaims(stored.Id, stored.Scopes));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }

    internal static bool TryReadBearer(string header, out string token)
    {
        const string prefix = "Bearer ";
        token = "";
        if (!header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        token = header[prefix.Length..].Trim();
        return token.Length > 0;
    }
}
