using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ModelHub.Web.Features.Common;

namespace ModelHub.Web.Features.AccessTokens;

/// <summary>A new token; <see cref="Scopes"/> ("read", "write", "admin") defaults to read and write.</summary>
public sealed record CreateAccessTokenRequest(string Name, int ExpiresInDays = 90, IReadOnlyList<string>? Scopes = null);

internal static class AccessTokenEndpoints
{
    public static RouteGroupBuilder MapAccessTokenEndpoints(this RouteGroupBuilder api)
    {
        var tokens = api.MapGroup("/tokens").WithTags("Access tokens");

        tokens.MapGet("/", (ClaimsPrincipal user, AccessTokenService service, CancellationToken ct) =>
            service.ListAsync(Caller.From(user), ct))
            .WithName("ListAccessTokens")
            .WithSummary("The caller's personal access tokens, never their values.");

        tokens.MapPost("/", async Task<Created<CreatedAccessToken>> (CreateAccessTokenRequest request, ClaimsPrincipal user, AccessTokenService service, CancellationToken ct) =>
        {
            var created = await service.CreateAsync(Caller.From(user), request.Name, request.ExpiresInDays, TokenScopeNames.Parse(request.Scopes), TokenScopeNames.Of(user), ct);
            return TypedResults.Created($"/api/v1/tokens/{created.View.Id}", created);
        }).WithName("CreateAccessToken")
            .WithSummary("Creates a personal access token; its value is in this answer only.");

        tokens.MapDelete("/{tokenId:guid}", async Task<NoContent> (Guid tokenId, ClaimsPrincipal user, AccessTokenService service, CancellationToken ct) =>
        {
            await service.RevokeAsync(Caller.From(user), tokenId, ct);
            return TypedResults.NoContent();
        }).WithName("RevokeAccessToken")
            .WithSummary("Revokes one of the caller's tokens.");

        return api;
    }
}
