using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace ModelHub.Web.Features.AccessTokens;

/// <summary>
/// The scope an API request needs: <c>admin</c> for token management, <c>read</c> for GET and HEAD,
/// <c>write</c> for everything else. A cookie session holds every scope.
/// </summary>
public sealed class TokenScopeRequirement : IAuthorizationRequirement
{
    public static TokenScopes RequiredFor(HttpRequest request) =>
        request.Path.StartsWithSegments("/api/v1/tokens") ? TokenScopes.Admin
        : HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) ? TokenScopes.Read
        : TokenScopes.Write;
}

internal sealed class MissingTokenScope(IAuthorizationHandler handler, TokenScopes scope)
    : AuthorizationFailureReason(handler, $"This access token lacks the '{TokenScopeNames.Name(scope)}' scope. Create a token with that scope to make this call.")
{
    public TokenScopes Scope { get; } = scope;
}

internal sealed class TokenScopeHandler : AuthorizationHandler<TokenScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TokenScopeRequirement requirement)
    {
        var request = (context.Resource as HttpContext)?.Request;
        if (request is null || context.User.Identity?.IsAuthenticated != true)
        {
            return Task.CompletedTask;
        }

        var needed = TokenScopeRequirement.RequiredFor(request);
        if (TokenScopeNames.Of(context.User).HasFlag(needed))
        {
            context.Succeed(requirement);
        }
        else
        {
            context.Fail(new MissingTokenScope(this, needed));
        }

        return Task.CompletedTask;
    }
}

/// <summary>Answers a missing token scope with a 403 problem that names the scope; everything else as usual.</summary>
internal sealed class TokenScopeResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler standard = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailureReasons.OfType<MissingTokenScope>().FirstOrDefault() is { } missing)
        {
            await Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: missing.Message).ExecuteAsync(context);
            return;
        }

        await standard.HandleAsync(next, context, policy, authorizeResult);
    }
}
