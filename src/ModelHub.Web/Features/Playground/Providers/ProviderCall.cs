using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Playground.Runs;

namespace ModelHub.Web.Features.Playground.Providers;

/// <summary>Where a provider lives and how to authenticate with it.</summary>
public sealed record ProviderEndpoint(string Name, ApiStyle Style, Uri BaseUrl, string ApiKey, IReadOnlyDictionary<string, string> ExtraHeaders);

/// <summary>One request to one model.</summary>
public sealed record ProviderCall(
    ProviderEndpoint Endpoint,
    string Model,
    string? SystemPrompt,
    IReadOnlyList<ChatMessage> Messages,
    RunParameters Parameters);

/// <summary>What a provider's stream yields, whatever its wire format.</summary>
public abstract record StreamEvent;

public sealed record TextDelta(string Text) : StreamEvent;

public sealed record ReasoningDelta(string Text) : StreamEvent;

public sealed record UsageReport(int? InputTokens, int? OutputTokens) : StreamEvent;

public sealed record StreamFinished(string? Reason) : StreamEvent;

/// <summary>One wire format: streams a completion and checks that a connection works.</summary>
public interface IChatProvider
{
    ApiStyle Style { get; }

    IAsyncEnumerable<StreamEvent> StreamAsync(ProviderCall call, CancellationToken cancellationToken);

    /// <summary>Makes the cheapest authenticated call the API has; returns a short description of what answered.</summary>
    Task<string> TestAsync(ProviderEndpoint endpoint, CancellationToken cancellationToken);
}
