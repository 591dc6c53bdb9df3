using Microsoft.AspNetCore.Components;
using ModelHub.Web.Features.Teams;

namespace ModelHub.Web.Features.Common.Pages;

/// <summary>
/// Base of pages that show the active team's data. It loads the caller's teams when the app bar has not
/// yet, and calls <see cref="OnTeamChangedAsync"/> once at start and again whenever the user switches team.
/// Services still check the caller's membership and role on every call; this only picks the team.
/// </summary>
public abstract class TeamScopedPage : SignedInPage, IDisposable
{
    [Inject]
    protected ActiveTeamState Teams { get; set; } = default!;

    /// <summary>The active team, or null for a user in no team yet (pages then offer to create one).</summary>
    protected TeamSummary? Team => Teams.Active;

    protected TeamRole? Role => Teams.Active?.Role;

    /// <summary>Owners and Admins manage the team's settings and connections.</summary>
    protected bool CanManage => Role >= TeamRole.Admin;

    protected override async Task OnInitializedAsync()
    {
        Teams.Changed += OnTeamSwitched;
        await base.OnInitializedAsync();
        if (Teams.Active is null)
        {
            // Loading raises Changed, which may already show the team through OnTeamSwitched.
            await Teams.LoadAsync(Caller);
        }

        await ShowActiveTeamAsync();
    }

    /// <summary>(Re)loads the page's data for <see cref="Team"/>; called at start and after a team switch.</summary>
    protected virtual Task OnTeamChangedAsync() => Task.CompletedTask;

    private Guid? lastTeamId;
    private Task loading = Task.CompletedTask;

    /// <summary>
    /// Loads the active team's data once per team. The team is noted before loading starts, so a second
    /// trigger for the same team (the page's own load and the app bar's both raise Changed) does not load
    /// again and reset what the user has started to do on the page meanwhile; it waits for the load under
    /// way instead, so the page's start-up (and the prerendered page) still ends with the team's data.
    /// </summary>
    private async Task ShowActiveTeamAsync()
    {
        if (Team?.Id != lastTeamId)
        {
            lastTeamId = Team?.Id;
            loading = Team is null ? Task.CompletedTask : OnTeamChangedAsync();
        }

        await loading;
    }

    // ActiveTeamState also raises Changed after a reload of the same team (a rename); only a switch reloads.
    private void OnTeamSwitched() => InvokeAsync(async () =>
    {
        await ShowActiveTeamAsync();
        StateHasChanged();
    });

    public virtual void Dispose()
    {
        Teams.Changed -= OnTeamSwitched;
        GC.SuppressFinalize(this);
    }
}
