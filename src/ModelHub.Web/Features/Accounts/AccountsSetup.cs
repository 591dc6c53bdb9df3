using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ModelHub.Web.Components.Account;
using ModelHub.Web.Data;
using ModelHub.Web.Features.AccessTokens;
using ModelHub.Web.Features.Administration;
using ModelHub.Web.Features.Common;

namespace ModelHub.Web.Features.Accounts;

public static class AccountsSetup
{
    /// <summary>Cookie sign-in for pages; cookie or personal access token for <c>/api/v1</c>.</summary>
    public const string ApiPolicy = "Api";
    public const string InstanceAdminPolicy = "InstanceAdmin";
    private const string ApiScheme = "CookieOrToken";

    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AccountOptions>().BindConfiguration(AccountOptions.Section);

        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

        var authentication = services.AddAuthentication(options =>
        {
            options.DefaultScheme = IdentityConstants.ApplicationScheme;
            options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
        });
        authentication.AddScheme<AuthenticationSchemeOptions, AccessTokenAuthenticationHandler>(AccessTokenAuthenticationHandler.SchemeName, null);
        authentication.AddPolicyScheme(ApiScheme, "Cookie or personal access token", options =>
            options.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? AccessTokenAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme);
        authentication.AddIdentityCookies();

        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "ModelHub.Auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            // The API answers 401/403; only pages redirect to the sign-in form.
            options.Events.OnRedirectToLogin = context => RedirectUnlessApi(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => RedirectUnlessApi(context, StatusCodes.Status403Forbidden);
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, policy => policy.AddAuthenticationSchemes(ApiScheme).RequireAuthenticatedUser().AddRequirements(new TokenScopeRequirement()))
            .AddPolicy(InstanceAdminPolicy, policy => policy.RequireAuthenticatedUser().RequireClaim(Caller.InstanceAdminClaim, "true"));

        services.AddIdentityCore<ApplicationUser>(options =>
            {
                ConfigureStores(options.Stores);
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 8;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<ModelHubDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<ModelHubClaimsPrincipalFactory>();

        services.AddOptions<SecurityStampValidatorOptions>().Configure<IOptions<AccountOptions>>((stamps, accounts) =>
            stamps.ValidationInterval = accounts.Value.SessionCheckInterval);
        services.AddOptions<IdentityOptions>().Configure<IOptions<AccountOptions>>((identity, accounts) =>
            identity.SignIn.RequireConfirmedAccount = accounts.Value.RequireConfirmedEmail);

        services.AddScoped<InstanceAdministration>();
        services.AddScoped<UserPreferences>();
        services.AddScoped<ThemeState>();
        return builder;
    }

    /// <summary>The Identity schema; design-time migrations use it too, so both see the same model.</summary>
    public static void ConfigureStores(StoreOptions stores) => stores.SchemaVersion = IdentitySchemaVersions.Version3;

    private static Task RedirectUnlessApi(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int apiStatus)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = apiStatus;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
