using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace ModelHub.Web.Features.Common.Pages;

/// <summary>
/// Base of every page for signed-in users: the caller, and one way to call a service. A
/// <see cref="UserFacingException"/> becomes a snackbar or the inline <see cref="Problem"/>; the page's
/// fields are left as they were, so nothing a user typed is lost.
/// </summary>
public abstract class SignedInPage : ComponentBase
{
    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    [Inject]
    protected ISnackbar Snackbar { get; set; } = default!;

    /// <summary>Who is looking at the page; set before <see cref="OnPageInitializedAsync"/> runs.</summary>
    protected Caller Caller { get; private set; } = default!;

    /// <summary>The last refused action's message, for pages that show it beside a form (<c>&lt;ServiceProblem&gt;</c>).</summary>
    protected string? Problem { get; set; }

    /// <summary>True while an action started through <see cref="TryAsync"/> runs.</summary>
    protected bool Busy { get; private set; }

    protected override async Task OnInitializedAsync()
    {
        Caller = await AuthState.CallerAsync();
        await OnPageInitializedAsync();
    }

    /// <summary>The page's own start-up, after <see cref="Caller"/> is known.</summary>
    protected virtual Task OnPageInitializedAsync() => Task.CompletedTask;

    /// <summary>
    /// Runs an action. A refusal from a service is shown, inline when <paramref name="inline"/> is set
    /// (a form), otherwise as a snackbar; returns whether the action went through.
    /// </summary>
    protected async Task<bool> TryAsync(Func<Task> action, string? done = null, bool inline = false)
    {
        Busy = true;
        try
        {
            await action();
            Problem = null;
            if (done is not null)
            {
                Snackbar.Add(done, Severity.Success);
            }

            return true;
        }
        catch (UserFacingException ex)
        {
            if (inline)
            {
                Problem = ex.Message;
            }
            else
            {
                Snackbar.Add(ex.Message, Severity.Error);
            }

            return false;
        }
        finally
        {
            Busy = false;
        }
    }

    /// <summary>Loads data for display: a refusal becomes the inline <see cref="Problem"/> and the result is null.</summary>
    protected async Task<T?> LoadAsync<T>(Func<Task<T>> load) where T : class
    {
        try
        {
            var result = await load();
            Problem = null;
            return result;
        }
        catch (UserFacingException ex)
        {
            Problem = ex.Message;
            return null;
        }
    }
}
