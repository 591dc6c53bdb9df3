namespace ModelHub.Web.Features.Catalog.Identity;

/// <summary>
/// An administrator's decision that a provider's model ID (or every spelling that normalises to
/// <see cref="Key"/>) serves <see cref="ModelId"/>. Imports consult aliases before the rules, so a
/// merge or split made by hand survives the next import.
/// </summary>
public sealed class ModelAlias
{
    public int Id { get; set; }

    /// <summary>The provider's slug for a route alias; null for a key alias, which holds for any provider.</summary>
    public string? ProviderSlug { get; set; }

    /// <summary>The provider's model ID exactly (route alias), or a normalised <see cref="ModelKey.Full"/> (key alias).</summary>
    public required string Key { get; set; }

    public int ModelId { get; set; }

    /// <summary>The identity change that made it, so an undo takes it away again.</summary>
    public int? ChangeId { get; set; }

    public DateTime CreatedAtUtc { get; set; }
}

public enum IdentityChangeKind
{
    Merge = 0,
    Split = 1,
    ReviewJoin = 2,
    ReviewNew = 3,
}

/// <summary>A merge, split or review decision, logged with what it moved so it can be undone.</summary>
public sealed class CatalogIdentityChange
{
    public int Id { get; set; }

    public IdentityChangeKind Kind { get; set; }

    /// <summary>What a person reads in the log: "Merged Claude 3.5 Haiku (claude-3-5-haiku-2) into Claude 3.5 Haiku".</summary>
    public required string Summary { get; set; }

    /// <summary>The model that received routes (merge target, split's new model, review's model).</summary>
    public int ModelId { get; set; }

    /// <summary>The model that gave them up (merged model, split's source); null for a review decision.</summary>
    public int? OtherModelId { get; set; }

    /// <summary>What moved, as JSON (<see cref="IdentityChangeRecord"/>), for undo.</summary>
    public required string Record { get; set; }

    public required string ByUserId { get; set; }

    public required string ByEmail { get; set; }

    public DateTime AtUtc { get; set; }

    public DateTime? UndoneAtUtc { get; set; }

    public string? UndoneByEmail { get; set; }
}

/// <summary>
/// The ids a change moved (routes, benchmarks, claims), whether it created the receiving model and,
/// for a review decision, the queue item it took, so an undo can put it back.
/// </summary>
public sealed record IdentityChangeRecord(IReadOnlyList<int> RouteIds, IReadOnlyList<int> BenchmarkIds, IReadOnlyList<int> ClaimIds, bool CreatedModel)
{
    public string? Review { get; init; }

    public string? ReviewReason { get; init; }

    public string? ReviewCandidates { get; init; }

    public string? ReviewSource { get; init; }
}

/// <summary>
/// A route an import could not place with confidence (an undated name while several dated snapshots
/// exist, a loose match with more than one candidate). It waits here, with the file's data, until an
/// administrator joins it to a model or makes it a model of its own.
/// </summary>
public sealed class CatalogReviewItem
{
    public int Id { get; set; }

    public required string ProviderSlug { get; set; }

    public required string ProviderModelId { get; set; }

    /// <summary>Why the import was not sure, for the review page.</summary>
    public required string Reason { get; set; }

    /// <summary>Slugs of the models it might join, comma-separated.</summary>
    public required string Candidates { get; set; }

    /// <summary>The imported route and provider as JSON, so resolving it writes what the file said.</summary>
    public required string Payload { get; set; }

    public required string SourceName { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}
