using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using ModelHub.Web.Features.Common.Outbound;
using ModelHub.Web.Features.Instances;

namespace ModelHub.Web.Features.Catalog.Import;

/// <summary>Settings under <c>Catalog:Refresh</c>: a scheduled import from public catalogs. Off by default.</summary>
public sealed class CatalogRefreshOptions
{
    public const string Section = "Catalog:Refresh";

    public bool Enabled { get; set; }

    /// <summary>Time between refreshes; the first runs shortly after start-up.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(24);

    public List<CatalogRefreshSource> Sources { get; set; } = [];
}

/// <summary>One source of the refresh: a known public catalog by <see cref="Preset"/>, or a <see cref="Url"/> and its <see cref="Format"/>.</summary>
public sealed class CatalogRefreshSource
{
    /// <summary>A public catalog's id (<c>models-dev</c>, <c>litellm</c>, <c>openrouter</c>), read from its configured address.</summary>
    public string? Preset { get; set; }

    /// <summary>An https address of a catalog file, for anything that is not a preset.</summary>
    public string? Url { get; set; }

    /// <summary>How to read <see cref="Url"/>; models.dev when not given.</summary>
    public CatalogImportFormat? Format { get; set; }
}

/// <summary>Refuses, at start-up, a refresh source that names neither a preset nor a URL, both, or a preset that does not exist.</summary>
internal sealed class CatalogRefreshOptionsValidator : IValidateOptions<CatalogRefreshOptions>
{
    public ValidateOptionsResult Validate(string? name, CatalogRefreshOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.Sources.Count; i++)
        {
            var source = options.Sources[i];
            var key = $"{CatalogRefreshOptions.Section}:Sources:{i}";
            var hasPreset = !string.IsNullOrWhiteSpace(source.Preset);
            var hasUrl = !string.IsNullOrWhiteSpace(source.Url);
            if (hasPreset && (hasUrl || source.Format is not null))
            {
                failures.Add($"{key} names both Preset '{source.Preset}' and a {(hasUrl ? "Url" : "Format")}; give a Preset alone, or a Url and its Format. "
                    + $"To read a preset from a mirror, set {PublicCatalogOptions.Section}:{source.Preset!.Trim()}:Url.");
            }
            else if (hasPreset && !PublicCatalogs.IsKnown(source.Preset))
            {
                failures.Add($"{key}:Preset '{source.Preset}' is not a public catalog; the known ones are {PublicCatalogs.KnownIds}.");
            }
            else if (!hasPreset && !hasUrl)
            {
                failures.Add($"{key} needs a Preset ({PublicCatalogs.KnownIds}) or a Url and its Format.");
            }
            else if (hasUrl && !PublicCatalogs.IsWebAddress(source.Url))
            {
                failures.Add($"{key}:Url must be an absolute http or https address, not '{source.Url}'.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>
/// Imports each configured source on a schedule, through the same guarded download and all-or-nothing
/// import as an administrator's. A failing source is logged and retried next time; the others go on.
/// With several instances, one refreshes per interval: the instance that takes the lease holds it
/// for the whole interval, and the others look again every minute.
/// </summary>
internal sealed partial class CatalogRefreshService(
    IServiceScopeFactory scopes,
    LeaseStore leases,
    IOptionsMonitor<CatalogRefreshOptions> options,
    OutboundUrlGuard guard,
    PublicCatalogs publicCatalogs,
    ILogger<CatalogRefreshService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.Enabled)
        {
            return;
        }

        await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            var interval = options.CurrentValue.Interval;
            if (await TryTakeTurnAsync(interval, stoppingToken))
            {
                foreach (var source in options.CurrentValue.Sources)
                {
                    await RefreshAsync(source, stoppingToken);
                }
            }

            await Task.Delay(interval < LeaseCheckInterval ? interval : LeaseCheckInterval, stoppingToken);
        }
    }

    public const string LeaseName = "catalog-refresh";

    private static readonly TimeSpan LeaseCheckInterval = TimeSpan.FromMinutes(1);

    /// <summary>True when this instance is the one to refresh now: the last refresh, wherever it ran, is an interval old.</summary>
    private async Task<bool> TryTakeTurnAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        try
        {
            return await leases.TryAcquireAsync(LeaseName, interval, renewIfHeld: false, cancellationToken);
        }
        catch (Exception ex) when (ex is Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException or InvalidOperationException)
        {
            LogLeaseFailed(ex.Message);
            return false;
        }
    }

    private async Task RefreshAsync(CatalogRefreshSource source, CancellationToken cancellationToken)
    {
        var url = source.Url ?? source.Preset ?? "";
        try
        {
            var (address, format, name) = Resolve(source);
            url = address;
            await using var scope = scopes.CreateAsyncScope();
            var batch = await scope.ServiceProvider.GetRequiredService<CatalogImportService>().FetchAsync(guard.Check(address), format, cancellationToken);
            var result = await scope.ServiceProvider.GetRequiredService<CatalogImporter>()
                .ImportAsync(batch, name, dryRun: false, cancellationToken: cancellationToken);
            LogRefreshed(url, result.Added, result.Changed, result.Conflicting);
        }
        catch (Exception ex) when (ex is Common.UserFacingException or HttpRequestException)
        {
            LogFailed(url, ex.Message);
        }
    }

    /// <summary>Where a source is read from, how, and the name its imports carry. A preset's address is looked up each time, so a changed mirror applies.</summary>
    private (string Url, CatalogImportFormat Format, string Name) Resolve(CatalogRefreshSource source)
    {
        if (!string.IsNullOrWhiteSpace(source.Preset))
        {
            var catalog = publicCatalogs.Find(source.Preset);
            return (catalog.Url.AbsoluteUri, catalog.Format, $"Scheduled {catalog.Name} (public) refresh from {catalog.Url}");
        }

        var format = source.Format ?? CatalogImportFormat.ModelsDev;
        return (source.Url ?? "", format, $"Scheduled {ImportParsers.FormatName(format)} refresh from {source.Url}");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog refresh from {Url}: {Added} added, {Changed} changed, {Conflicting} conflicting")]
    private partial void LogRefreshed(string url, int added, int changed, int conflicting);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not take the catalog refresh lease: {Reason}")]
    private partial void LogLeaseFailed(string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catalog refresh from {Url} failed: {Reason}")]
    private partial void LogFailed(string url, string reason);
}
