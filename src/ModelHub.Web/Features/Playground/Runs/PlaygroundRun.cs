using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Teams;

namespace ModelHub.Web.Features.Playground.Runs;

public enum RunStatus
{
    Running = 0,
    Succeeded = 1,
    Failed = 2,
    Cancelled = 3,
    /// <summary>The server stopped while the run was under way; found and marked at the next start.</summary>
    Interrupted = 4,
}

/// <summary>
/// One prompt sent to one to four targets at once. The id is stable: comparisons and notes link to it.
/// The request (system prompt, conversation, parameters) is kept as JSON so a run can be re-run or
/// copied into the editor exactly as it was.
/// </summary>
public sealed class PlaygroundRun : ITeamOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TeamId { get; set; }

    public required string AuthorUserId { get; set; }

    /// <summary>The start of the last user message, for lists.</summary>
    public required string Title { get; set; }

    public string? SystemPrompt { get; set; }

    public required string MessagesJson { get; set; }

    public required string ParametersJson { get; set; }

    public RunStatus Status { get; set; }

    public DateTime CreatedAtUtc { get; set; } = DateTime.UtcNow;

    public DateTime? FinishedAtUtc { get; set; }

    /// <summary>The instance executing the run while it is running (see <see cref="RunLeaseKeeper"/>).</summary>
    public string? OwnerInstance { get; set; }

    /// <summary>
    /// Until when the run is the owner's: renewed while it streams. A running run past it lost its
    /// instance, and any instance marks it interrupted.
    /// </summary>
    public DateTime? LeaseExpiresAtUtc { get; set; }

    public List<RunTarget> Targets { get; set; } = [];
}

/// <summary>One model's answer within a run, with what it cost and how fast it came.</summary>
public sealed class RunTarget
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid RunId { get; set; }

    public PlaygroundRun Run { get; set; } = null!;

    public int Position { get; set; }

    /// <summary>Null once the connection is deleted; the name below keeps the history readable.</summary>
    public Guid? ConnectionId { get; set; }

    public required string ConnectionName { get; set; }

    public ApiStyle ApiStyle { get; set; }

    public int? RouteId { get; set; }

    public string? ModelSlug { get; set; }

    public required string ProviderModelId { get; set; }

    public required string DisplayName { get; set; }

    /// <summary>The route's prices when the run started, so later price changes do not rewrite history.</summary>
    public decimal? InputPricePerMillion { get; set; }

    public decimal? OutputPricePerMillion { get; set; }

    public RunStatus Status { get; set; }

    public string Output { get; set; } = "";

    public string Reasoning { get; set; } = "";

    public string? FinishReason { get; set; }

    public string? ErrorKind { get; set; }

    public string? ErrorMessage { get; set; }

    /// <summary>The provider's own error body, kept as it came (trimmed), for whoever needs the detail.</summary>
    public string? ErrorDetail { get; set; }

    public int? ProviderStatusCode { get; set; }

    public double? TimeToFirstTokenMs { get; set; }

    public double? TotalMs { get; set; }

    public int? InputTokens { get; set; }

    public int? OutputTokens { get; set; }

    /// <summary>True when the provider sent no usage report and the token counts are ModelHub's estimate.</summary>
    public bool UsageEstimated { get; set; }

    public decimal? CostUsd { get; set; }

    public DateTime? FinishedAtUtc { get; set; }

    /// <summary>A detached copy of the row's values, for work that must not touch a tracked entity.</summary>
    public RunTarget Copy() => (RunTarget)MemberwiseClone();
}
