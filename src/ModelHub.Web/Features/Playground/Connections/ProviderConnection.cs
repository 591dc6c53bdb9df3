using ModelHub.Web.Data;
using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Teams;

namespace ModelHub.Web.Features.Playground.Connections;

/// <summary>
/// A team's account with a provider: where to send requests and the key to send. The key and the
/// extra headers are encrypted at rest and never leave the server; only the last characters of the
/// key are kept in clear, so people can tell keys apart.
/// </summary>
public sealed class ProviderConnection : ITeamOwned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid TeamId { get; set; }

    public required string Name { get; set; }

    public ApiStyle ApiStyle { get; set; }

    public required string BaseUrl { get; set; }

    [ProtectedSecret]
    public required string ApiKey { get; set; }

    /// <summary>The key's last four characters, shown as "••••abcd".</summary>
    public required string ApiKeyHint { get; set; }

    /// <summary>Extra request headers as JSON (<c>{"X-Org": "..."}</c>); encrypted, since they often carry credentials too.</summary>
    [ProtectedSecret]
    public string? ExtraHeadersJson { get; set; }

    /// <summary>The catalog provider this account is with: its routes become targets, priced.</summary>
    public int? CatalogProviderId { get; set; }

    public CatalogProvider? CatalogProvider { get; set; }

    public required string CreatedByUserId { get; set; }

    public DateTime CreatedAtUtc { get; set; } = DateTime.UtcNow;

    public DateTime UpdatedAtUtc { get; set; } = DateTime.UtcNow;

    public DateTime? LastTestedAtUtc { get; set; }

    public string? LastTestResult { get; set; }

    public bool? LastTestSucceeded { get; set; }

    public Guid Version { get; set; } = Guid.NewGuid();
}
