using Microsoft.AspNetCore.Authorization;

namespace ModelHub.Web.Features.AccessTokens;

public static class AccessTokensSetup
{
    public static IHostApplicationBuilder AddAccessTokens(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<AccessTokenService>();
        builder.Services.AddSingleton<IAuthorizationHandler, TokenScopeHandler>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, TokenScopeResultHandler>();
        return builder;
    }
}
