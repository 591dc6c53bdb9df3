using Microsoft.AspNetCore.Identity;

namespace ModelHub.Web.Features.Accounts;

public sealed class ApplicationUser : IdentityUser
{
    public string? DisplayName { get; set; }

    /// <summary>True for instance administrators: they edit the catalog, read the outbox and close registration.</summary>
    public bool IsInstanceAdmin { get; set; }

    public UiTheme Theme { get; set; } = UiTheme.Light;

    /// <summary>The team whose data the app shows; null until the user creates or joins one.</summary>
    public Guid? ActiveTeamId { get; set; }

    public DateTime CreatedAtUtc { get; set; } = DateTime.UtcNow;
}

public enum UiTheme
{
    Light = 0,
    Dark = 1,
}
