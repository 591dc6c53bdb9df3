using ModelHub.Web.Features.Teams;

namespace ModelHub.Web.Features.Playground.Prompts;

/// <summary>A prompt the team reuses; <c>{{variables}}</c> in it are filled in from a form before a run.</summary>
public sealed class SavedPrompt : ITeamOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TeamId { get; set; }

    public required string Name { get; set; }

    public string? SystemPrompt { get; set; }

    public required string UserPrompt { get; set; }

    public required string CreatedByUserId { get; set; }

    public DateTime CreatedAtUtc { get; set; } = DateTime.UtcNow;

    public DateTime UpdatedAtUtc { get; set; } = DateTime.UtcNow;

    public Guid Version { get; set; } = Guid.NewGuid();
}
