using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Common.Outbound;
using ModelHub.Web.Features.Playground.Providers;
using ModelHub.Web.Features.Teams;

namespace ModelHub.Web.Features.Playground.Connections;

/// <summary>A connection as anyone may see it: the key masked, header values hidden.</summary>
public sealed record ConnectionView(
    Guid Id,
    string Name,
    ApiStyle ApiStyle,
    string BaseUrl,
    string MaskedKey,
    IReadOnlyList<string> ExtraHeaderNames,
    int? CatalogProviderId,
    string? CatalogProviderName,
    DateTime? LastTestedAtUtc,
    bool? LastTestSucceeded,
    string? LastTestResult,
    Guid Version);

/// <summary>
/// Creates or changes a connection. On a change, a null key or null headers keep what is stored;
/// an empty header set removes them.
/// </summary>
public sealed record ConnectionInput(
    string Name,
    ApiStyle ApiStyle,
    string BaseUrl,
    string? ApiKey,
    IReadOnlyDictionary<string, string>? ExtraHeaders = null,
    int? CatalogProviderId = null,
    Guid? Version = null);

public sealed record ConnectionTestResult(bool Succeeded, string Message);

public sealed record ProviderOption(int Id, string Name, ApiStyle ApiStyle, string? BaseUrl);

/// <summary>Team provider connections: Owners and Admins manage them; every member may see them masked and use them.</summary>
public sealed partial class ConnectionService(
    IDbContextFactory<ModelHubDbContext> databases,
    OutboundUrlGuard guard,
    IEnumerable<IChatProvider> providers,
    ILogger<ConnectionService> logger)
{
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Headers an extra header may not set: ModelHub sends the key and framing itself, and a cookie or
    /// credential would be forwarded to whatever the base URL points at.
    /// </summary>
    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Content-Type", "Transfer-Encoding", "Connection", "Accept", "Authorization",
        "Proxy-Authorization", "Cookie", "Set-Cookie", "x-api-key", "Upgrade", "TE", "Trailer", "Keep-Alive", "Expect",
    };

    /// <summary>Whether an extra header with this name may be sent (a token, and not one ModelHub or the transport owns).</summary>
    public static bool IsAllowedExtraHeader(string name) => HeaderName().IsMatch(name) && !ReservedHeaders.Contains(name);

    public async Task<IReadOnlyList<ConnectionView>> ListAsync(Caller caller, Guid teamId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Viewer, cancellationToken);
        var rows = await Rows(db.ProviderConnections.InTeam(membership).OrderBy(c => c.Name)).ToListAsync(cancellationToken);
        return [.. rows.Select(ToView)];
    }

    public async Task<IReadOnlyList<ProviderOption>> ListCatalogProvidersAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        return await db.Providers.AsNoTracking().OrderBy(p => p.Name)
            .Select(p => new ProviderOption(p.Id, p.Name, p.ApiStyle, p.BaseUrl))
            .ToListAsync(cancellationToken);
    }

    public async Task<ConnectionView> CreateAsync(Caller caller, Guid teamId, ConnectionInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Admin, cancellationToken);
        var key = ValidKey(input.ApiKey) ?? throw new InvalidInputException("Enter the API key for this connection.");
        var connection = new ProviderConnection
        {
            TeamId = membership.TeamId,
            Name = "",
            BaseUrl = "",
            ApiKey = key,
            ApiKeyHint = Hint(key),
            CreatedByUserId = caller.UserId,
        };
        await ApplyAsync(db, connection, input, cancellationToken);
        db.ProviderConnections.Add(connection);
        await SaveAsync(db, connection.Name, cancellationToken);
        LogChanged(connection.Id, teamId, "created");
        return await ViewAsync(db, connection.Id, cancellationToken);
    }

    public async Task<ConnectionView> UpdateAsync(Caller caller, Guid teamId, Guid connectionId, ConnectionInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Admin, cancellationToken);
        var connection = await db.ProviderConnections.InTeam(membership).SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken)
            ?? throw new NotFoundException("That connection does not exist in this team.");
        if (input.Version is { } version)
        {
            db.Entry(connection).Property(c => c.Version).OriginalValue = version;
        }

        await ApplyAsync(db, connection, input, cancellationToken);
        if (ValidKey(input.ApiKey) is { } key)
        {
            connection.ApiKey = key;
            connection.ApiKeyHint = Hint(key);
            connection.LastTestedAtUtc = null;
            connection.LastTestResult = null;
            connection.LastTestSucceeded = null;
        }

        connection.UpdatedAtUtc = DateTime.UtcNow;
        connection.Version = Guid.NewGuid();
        await SaveAsync(db, connection.Name, cancellationToken);
        LogChanged(connection.Id, teamId, "updated");
        return await ViewAsync(db, connection.Id, cancellationToken);
    }

    public async Task DeleteAsync(Caller caller, Guid teamId, Guid connectionId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Admin, cancellationToken);
        if (!await db.ProviderConnections.InTeam(membership).AnyAsync(c => c.Id == connectionId, cancellationToken))
        {
            throw new NotFoundException("That connection does not exist in this team.");
        }

        // Past runs keep the connection's name; only the link goes.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.RunTargets.Where(t => t.ConnectionId == connectionId).ExecuteUpdateAsync(s => s.SetProperty(t => t.ConnectionId, (Guid?)null), cancellationToken);
        await db.ProviderConnections.InTeam(membership).Where(c => c.Id == connectionId).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        LogChanged(connectionId, teamId, "deleted");
    }

    /// <summary>Makes the provider's cheapest authenticated call with the stored key and records the outcome.</summary>
    public async Task<ConnectionTestResult> TestAsync(Caller caller, Guid teamId, Guid connectionId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Admin, cancellationToken);
        var connection = await db.ProviderConnections.InTeam(membership).SingleOrDefaultAsync(c => c.Id == connectionId, cancellationToken)
            ?? throw new NotFoundException("That connection does not exist in this team.");

        ConnectionTestResult result;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TestTimeout);
        try
        {
            var provider = providers.SingleOrDefault(p => p.Style == connection.ApiStyle)
                ?? throw new InvalidInputException($"ModelHub cannot call {connection.ApiStyle} APIs.");
            result = new ConnectionTestResult(true, await provider.TestAsync(ToEndpoint(connection), timeout.Token));
        }
        catch (ProviderException ex)
        {
            result = new ConnectionTestResult(false, ex.Message);
        }
        catch (UserFacingException ex)
        {
            result = new ConnectionTestResult(false, ex.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            result = new ConnectionTestResult(false, $"{connection.Name} did not answer within {TestTimeout.TotalSeconds:0} seconds. Check the base URL.");
        }

        connection.LastTestedAtUtc = DateTime.UtcNow;
        connection.LastTestSucceeded = result.Succeeded;
        connection.LastTestResult = result.Message.Length > 1000 ? result.Message[..1000] : result.Message;
        await db.SaveChangesAsync(CancellationToken.None);
        return result;
    }

    /// <summary>What the provider adapters need: the decrypted key and headers, the base URL checked again.</summary>
    internal ProviderEndpoint ToEndpoint(ProviderConnection connection) => new(
        connection.Name,
        connection.ApiStyle,
        guard.Check(connection.BaseUrl),
        connection.ApiKey,
        connection.ExtraHeadersJson is { } json ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [] : new Dictionary<string, string>());

    private async Task ApplyAsync(ModelHubDbContext db, ProviderConnection connection, ConnectionInput input, CancellationToken cancellationToken)
    {
        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > PlaygroundRules.MaxConnectionNameLength)
        {
            throw new InvalidInputException($"name: give the connection a name of 1 to {PlaygroundRules.MaxConnectionNameLength} characters.");
        }

        if (!Enum.IsDefined(input.ApiStyle) || input.ApiStyle == ApiStyle.Other)
        {
            throw new InvalidInputException("Choose the API style: OpenAI-compatible, Replicate or Anthropic.");
        }

        var url = input.BaseUrl?.Trim() ?? "";
        TextLimit.Check(url, PlaygroundRules.MaxUrlLength, "baseUrl");

        // A query string is where keys end up when pasted with the URL; they would then travel and be logged in clear.
        if (guard.Check(url) is { Query.Length: > 0 } or { Fragment.Length: > 0 })
        {
            throw new InvalidInputException("The base URL must not have a query string or fragment. Put the key in the API key field.");
        }

        if (input.CatalogProviderId is { } providerId && !await db.Providers.AnyAsync(p => p.Id == providerId, cancellationToken))
        {
            throw new InvalidInputException("That catalog provider does not exist.");
        }

        if (input.ExtraHeaders is { } headers)
        {
            if (headers.Count > PlaygroundRules.MaxExtraHeaders)
            {
                throw new InvalidInputException($"extraHeaders: at most {PlaygroundRules.MaxExtraHeaders} headers.");
            }

            foreach (var (header, value) in headers)
            {
                if (!HeaderName().IsMatch(header))
                {
                    throw new InvalidInputException(
                        $"Extra header '{Printable(header)}': a header name is 1 to 100 letters, digits or !#$%&'*+-.^_`|~, without spaces or control characters.");
                }

                if (ReservedHeaders.Contains(header))
                {
                    throw new InvalidInputException($"Extra header '{header}' cannot be set here: ModelHub sends it itself, or it would leak credentials.");
                }

                // Tab is the one control character a header value may hold.
                if (value is null || value.Any(c => char.IsControl(c) && c != '\t'))
                {
                    throw new InvalidInputException($"Extra header '{header}': the value must be one line of text without control characters.");
                }

                TextLimit.Check(value, PlaygroundRules.MaxHeaderValueLength, $"extraHeaders.{header}");
            }

            connection.ExtraHeadersJson = headers.Count == 0 ? null : JsonSerializer.Serialize(headers);
        }

        connection.Name = name;
        connection.ApiStyle = input.ApiStyle;
        connection.BaseUrl = url.TrimEnd('/');
        connection.CatalogProviderId = input.CatalogProviderId;
    }

    private static string? ValidKey(string? key)
    {
        key = key?.Trim();
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        if (key.Length > PlaygroundRules.MaxApiKeyLength || key.Any(char.IsWhiteSpace))
        {
            throw new InvalidInputException("That does not look like an API key: keys are one word of at most 4,000 characters.");
        }

        if (key.StartsWith(ProtectedStringConverter.Prefix, StringComparison.Ordinal))
        {
            throw new InvalidInputException("That value is an encrypted ModelHub secret, not an API key.");
        }

        return key;
    }

    private static string Hint(string key) => key.Length <= 8 ? "" : key[^4..];

    private static async Task SaveAsync(ModelHubDbContext db, string name, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("Someone else changed this connection while you were editing it. Reload to see their changes; what you typed is still in the form.");
        }
        catch (DbUpdateException)
        {
            throw new ConflictException($"This team already has a connection named '{name}'. Choose another name.");
        }
    }

    private static async Task<ConnectionView> ViewAsync(ModelHubDbContext db, Guid id, CancellationToken cancellationToken) =>
        ToView(await Rows(db.ProviderConnections.Where(c => c.Id == id)).SingleAsync(cancellationToken));

    /// <summary>What a view needs, read without the API key: listing connections never decrypts a key.</summary>
    private static IQueryable<ConnectionRow> Rows(IQueryable<ProviderConnection> connections) =>
        connections.AsNoTracking().Select(c => new ConnectionRow(
            c.Id, c.Name, c.ApiStyle, c.BaseUrl, c.ApiKeyHint, c.ExtraHeadersJson, c.CatalogProviderId,
            c.CatalogProvider == null ? null : c.CatalogProvider.Name, c.LastTestedAtUtc, c.LastTestSucceeded, c.LastTestResult, c.Version));

    private static ConnectionView ToView(ConnectionRow c) => new(
        c.Id, c.Name, c.ApiStyle, c.BaseUrl,
        c.ApiKeyHint.Length > 0 ? $"••••{c.ApiKeyHint}" : "••••••••",
        c.ExtraHeadersJson is { } json ? [.. (JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? []).Keys.Order()] : [],
        c.CatalogProviderId, c.CatalogProviderName, c.LastTestedAtUtc, c.LastTestSucceeded, c.LastTestResult, c.Version);

    private sealed record ConnectionRow(
        Guid Id, string Name, ApiStyle ApiStyle, string BaseUrl, string ApiKeyHint, string? ExtraHeadersJson, int? CatalogProviderId,
        string? CatalogProviderName, DateTime? LastTestedAtUtc, bool? LastTestSucceeded, string? LastTestResult, Guid Version);

    /// <summary>A name echoed in an error with control characters shown as escapes, so the message cannot split lines.</summary>
    private static string Printable(string name)
    {
        var shown = string.Concat(name.Take(100).Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()));
        return name.Length > 100 ? shown + "…" : shown;
    }

    [GeneratedRegex("^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$")]
    private static partial Regex HeaderName();

    [LoggerMessage(Level = LogLevel.Information, Message = "Connection {ConnectionId} of team {TeamId} {Change}")]
    private partial void LogChanged(Guid connectionId, Guid teamId, string change);
}
