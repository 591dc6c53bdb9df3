using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using ModelHub.Web.Features.Common;
using MudBlazor;
using MudBlazor.Services;

namespace ModelHub.ComponentTests;

/// <summary>
/// Base of the bUnit tests: MudBlazor's services, loose JS interop (MudBlazor calls into its script),
/// a signed-in user, and the popover provider that menus, selects and tooltips render into.
/// </summary>
public abstract class ComponentTest : BunitContext, IAsyncLifetime
{
    protected const string UserId = "user-1";
    protected const string UserEmail = "ada@example.com";

    static ComponentTest()
    {
        // Pages here query a real SQLite file; on a busy 2-core machine a render can take over bUnit's 1 s default.
        DefaultWaitTimeout = TimeSpan.FromSeconds(10);
    }

    protected ComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public new virtual async ValueTask DisposeAsync() => await base.DisposeAsync();

    private Bunit.TestDoubles.BunitAuthorizationContext? authorization;

    /// <summary>Signs a user in for the components' authentication state; a second call switches to another user.</summary>
    protected void SignIn(string userId = UserId, string email = UserEmail, bool instanceAdmin = false)
    {
        // Services cannot be added once a component rendered, so a switch reuses the first authorization context.
        var auth = authorization ??= AddAuthorization();
        auth.SetAuthorized(email);
        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, userId) };
        if (instanceAdmin)
        {
            claims.Add(new Claim(Caller.InstanceAdminClaim, "true"));
        }

        auth.SetClaims([.. claims]);
    }

    /// <summary>Renders the popover provider, so popovers (menus, selects, tooltips) have somewhere to render.</summary>
    protected IRenderedComponent<MudPopoverProvider> RenderPopovers() => Render<MudPopoverProvider>();
}
