using ModelHub.Web.Features.Common;

namespace ModelHub.Web.Features.Teams;

/// <summary>
/// The signed-in user's teams and active team for one circuit. The app bar switches it; pages that
/// show team data read it and re-load on <see cref="Changed"/>.
/// </summary>
public sealed class ActiveTeamState(TeamService teams)
{
    public IReadOnlyList<TeamSummary> Teams { get; private set; } = [];

    public TeamSummary? Active { get; private set; }

    public event Action? Changed;

    public async Task LoadAsync(Caller caller, CancellationToken cancellationToken = default)
    {
        Teams = await teams.ListMyTeamsAsync(caller, cancellationToken);
        Active = await teams.GetActiveTeamAsync(caller, cancellationToken);
        Changed?.Invoke();
    }

    public async Task SwitchAsync(Caller caller, Guid teamId, CancellationToken cancellationToken = default)
    {
        await teams.SetActiveTeamAsync(caller, teamId, cancellationToken);
        await LoadAsync(caller, cancellationToken);
    }
}
