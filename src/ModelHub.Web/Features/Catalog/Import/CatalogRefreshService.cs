using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using ModelHub.Web.Features.Common.Outbound;

namespace ModelHub.Web.Features.Catalog.Import;

/// <summary>Settings under <c>Catalog:Refresh</c>: a scheduled import from public catalog URLs. Off by default.</summary>
public sealed class CatalogRefreshOptions
{
    public const string Section = "Catalog:Refresh";

    public bool Enabled { get; set; }

    /// <summary>Time between refreshes; the first runs shortly after start-up.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(24);

    public List<CatalogRefreshSource> Sources { get; set; } = [];
}

public sealed class CatalogRefreshSource
{
    [Required]
    public string Url { get; set; } = "";

    public CatalogImportFormat Format { get; set; }
}

/// <summary>
/// Imports each configured URL on a schedule, through the same guarded download and all-or-nothing
/// import as an administrator's. A failing source is logged and retried next time; the others go on.
/// </summary>
internal sealed partial class CatalogRefreshService(
    IServiceScopeFactory scopes,
    IOptionsMonitor<CatalogRefreshOptions> options,
    OutboundUrlGuard guard,
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
            foreach (var source in options.CurrentValue.Sources)
            {
                await RefreshAsync(source, stoppingToken);
            }

            await Task.Delay(options.CurrentValue.Interval, stoppingToken);
        }
    }

    private async Task RefreshAsync(CatalogRefreshSource source, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var batch = await scope.ServiceProvider.GetRequiredService<CatalogImportService>().FetchAsync(guard.Check(source.Url), source.Format, cancellationToken);
            var result = await scope.ServiceProvider.GetRequiredService<CatalogImporter>()
                .ImportAsync(batch, $"Scheduled {ImportParsers.FormatName(source.Format)} refresh from {source.Url}", dryRun: false, cancellationToken: cancellationToken);
            LogRefreshed(source.Url, result.Added, result.Changed, result.Conflicting);
        }
        catch (Exception ex) when (ex is Common.UserFacingException or HttpRequestException)
        {
            LogFailed(source.Url, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog refresh from {Url}: {Added} added, {Changed} changed, {Conflicting} conflicting")]
    private partial void LogRefreshed(string url, int added, int changed, int conflicting);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Catalog refresh from {Url} failed: {Reason}")]
    private partial void LogFailed(string url, string reason);
}
