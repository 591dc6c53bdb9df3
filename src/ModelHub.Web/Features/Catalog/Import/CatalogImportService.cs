using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Common.Outbound;

namespace ModelHub.Web.Features.Catalog.Import;

/// <summary>Imports for instance administrators, from an uploaded file, a public URL or a known public catalog.</summary>
public sealed class CatalogImportService(CatalogImporter importer, IHttpClientFactory httpClients, OutboundUrlGuard guard, PublicCatalogs publicCatalogs)
{
    public const string HttpClientName = "catalog-import";

    public async Task<ImportResult> ImportFileAsync(
        Caller caller, Stream content, string fileName, CatalogImportFormat format, bool dryRun,
        IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        RequireAdmin(caller);
        var batch = await ImportParsers.ParseAsync(content, format, cancellationToken);
        return await importer.ImportAsync(batch, $"{ImportParsers.FormatName(format)} import from {fileName}", dryRun, progress, cancellationToken);
    }

    public async Task<ImportResult> ImportUrlAsync(
        Caller caller, string url, CatalogImportFormat format, bool dryRun,
        IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        RequireAdmin(caller);
        var batch = await FetchAsync(guard.Check(url), format, cancellationToken);
        return await importer.ImportAsync(batch, $"{ImportParsers.FormatName(format)} import from {url}", dryRun, progress, cancellationToken);
    }

    /// <summary>Imports a known public catalog (<see cref="PublicCatalogs"/>) from its configured address.</summary>
    public async Task<ImportResult> ImportPresetAsync(
        Caller caller, string presetId, bool dryRun,
        IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        RequireAdmin(caller);
        var catalog = publicCatalogs.Find(presetId);
        var batch = await FetchAsync(guard.Check(catalog.Url.AbsoluteUri), catalog.Format, cancellationToken);
        return await importer.ImportAsync(batch, catalog.ImportName, dryRun, progress, cancellationToken);
    }

    /// <summary>Downloads and parses a catalog file from a checked URL; used by the scheduled refresh too.</summary>
    public async Task<ImportBatch> FetchAsync(Uri url, CatalogImportFormat format, CancellationToken cancellationToken)
    {
        var client = httpClients.CreateClient(HttpClientName);
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var advice = (int)response.StatusCode >= 500 ? "The server has a problem; try again later." : "Check the address.";
                throw new ImportFileException($"{url.Host} answered {(int)response.StatusCode} {response.ReasonPhrase}. {advice}");
            }

            if (response.Content.Headers.ContentLength > ImportJson.MaxBytes)
            {
                throw new ImportFileException($"The file at {url} is larger than {ImportJson.MaxBytes / 1024 / 1024} MB, the most an import accepts.");
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await ImportParsers.ParseAsync(body, format, cancellationToken);
        }
        catch (HttpRequestException ex) when (ex.InnerException is OutboundBlockedException blocked)
        {
            throw blocked;
        }
        catch (HttpRequestException ex)
        {
            throw new ImportFileException($"Could not download {url}: {ex.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ImportFileException($"{url.Host} did not answer within {client.Timeout.TotalSeconds:0} seconds.");
        }
    }

    private static void RequireAdmin(Caller caller)
    {
        if (!caller.IsInstanceAdmin)
        {
            throw new ForbiddenException("Only an instance administrator can import into the catalog.");
        }
    }
}
