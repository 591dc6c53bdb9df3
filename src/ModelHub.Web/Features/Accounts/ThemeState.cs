using ModelHub.Web.Features.Common;

namespace ModelHub.Web.Features.Accounts;

/// <summary>The light/dark choice for one circuit: read from the account, changed by the app bar's toggle.</summary>
public sealed class ThemeState(UserPreferences preferences)
{
    private bool loaded;

    public bool IsDark { get; private set; }

    public event Action? Changed;

    public async Task LoadAsync(string? userId, CancellationToken cancellationToken = default)
    {
        if (loaded)
        {
            return;
        }

        IsDark = await preferences.GetThemeAsync(userId, cancellationToken) == UiTheme.Dark;
        loaded = true;
        Changed?.Invoke();
    }

    public async Task ToggleAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        IsDark = !IsDark;
        Changed?.Invoke();
        await preferences.SetThemeAsync(caller, IsDark ? UiTheme.Dark : UiTheme.Light, cancellationToken);
    }
}
