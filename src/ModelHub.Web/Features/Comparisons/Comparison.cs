using ModelHub.Web.Features.Teams;

namespace ModelHub.Web.Features.Comparisons;

/// <summary>A team's saved comparison of 2 to 6 catalog models at the team's own traffic.</summary>
public sealed class Comparison : ITeamOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TeamId { get; set; }

    public required string Name { get; set; }

    public string? Notes { get; set; }

    public int RequestsPerDay { get; set; }

    public int InputTokensPerRequest { get; set; }

    public int OutputTokensPerRequest { get; set; }

    /// <summary>The share (0 to 1) of input tokens the provider serves from its prompt cache.</summary>
    public decimal CachedInputShare { get; set; }

    public int DaysPerMonth { get; set; } = 30;

    /// <summary><see cref="ComparisonRequirements"/> as JSON; null when the team set none.</summary>
    public string? RequirementsJson { get; set; }

    /// <summary><see cref="ComparisonWeights"/> as JSON; null for the defaults.</summary>
    public string? WeightsJson { get; set; }

    /// <summary>The decision record: the model the team chose, kept by id and name so it survives the model leaving the comparison.</summary>
    public int? ChosenModelId { get; set; }

    public string? ChosenModelName { get; set; }

    public string? DecisionRationale { get; set; }

    public string? DecidedByEmail { get; set; }

    public DateTime? DecidedAtUtc { get; set; }

    public required string CreatedByUserId { get; set; }

    public DateTime CreatedAtUtc { get; set; } = DateTime.UtcNow;

    public DateTime UpdatedAtUtc { get; set; } = DateTime.UtcNow;

    /// <summary>Two members saving one comparison: the second save is refused, not silently lost.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public List<ComparisonModel> Models { get; set; } = [];

    public List<ComparisonRouteSnapshot> Snapshots { get; set; } = [];

    public List<ComparisonRevision> Revisions { get; set; } = [];

    public List<ComparisonRun> Runs { get; set; } = [];
}

/// <summary>One model of a comparison, in the order the team chose.</summary>
public sealed class ComparisonModel
{
    public int Id { get; set; }

    public Guid ComparisonId { get; set; }

    public int Position { get; set; }

    public int ModelId { get; set; }
}

/// <summary>A route's prices and limits when the comparison was saved, kept for the record while costs follow the catalog.</summary>
public sealed class ComparisonRouteSnapshot
{
    public int Id { get; set; }

    public Guid ComparisonId { get; set; }

    public int RouteId { get; set; }

    public int ModelId { get; set; }

    public decimal? InputPricePerMillion { get; set; }

    public decimal? OutputPricePerMillion { get; set; }

    public decimal? CachedInputPricePerMillion { get; set; }

    public int? ContextWindow { get; set; }

    public Catalog.CatalogStatus Status { get; set; }

    public DateTime TakenAtUtc { get; set; }
}

/// <summary>Who changed a comparison, when, and what they changed.</summary>
public sealed class ComparisonRevision
{
    public int Id { get; set; }

    public Guid ComparisonId { get; set; }

    public required string ByUserId { get; set; }

    public required string ByEmail { get; set; }

    public DateTime AtUtc { get; set; }

    public required string Summary { get; set; }
}

/// <summary>
/// A playground run the team linked to a comparison as evidence. No foreign key to the run: SQL Server
/// refuses a second cascade path from the team, and a deleted run simply stops counting.
/// </summary>
public sealed class ComparisonRun
{
    public int Id { get; set; }

    public Guid ComparisonId { get; set; }

    public Guid RunId { get; set; }

    public required string LinkedByUserId { get; set; }

    public DateTime LinkedAtUtc { get; set; }
}

/// <summary>When a member last opened a comparison: price changes after it are news to them.</summary>
public sealed class ComparisonSeen
{
    public Guid ComparisonId { get; set; }

    public required string UserId { get; set; }

    public DateTime SeenAtUtc { get; set; }
}
