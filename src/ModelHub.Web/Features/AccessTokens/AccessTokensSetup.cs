namespace ModelHub.Web.Features.AccessTokens;

public static class AccessTokensSetup
{
    public static IHostApplicationBuilder AddAccessTokens(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<AccessTokenService>();
        return builder;
    }
}
