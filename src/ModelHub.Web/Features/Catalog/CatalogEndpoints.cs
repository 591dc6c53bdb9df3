using Microsoft.AspNetCore.Http.HttpResults;
using ModelHub.Web.Features.Common;

namespace ModelHub.Web.Features.Catalog;

public sealed record ModelListResponse(IReadOnlyList<ModelDetails> Items, int Total, int Page, int PageSize);

/// <summary>One model fact as <see cref="ModelFacts"/> describes it: its export column, label, unit and which way is better.</summary>
public sealed record ModelFieldResponse(string Name, string Label, string? Unit, FactComparison Comparison, bool InSpecification, bool InCompare, bool InExport);

internal static class CatalogEndpoints
{
    public static RouteGroupBuilder MapCatalogEndpoints(this RouteGroupBuilder api)
    {
        var models = api.MapGroup("/models").WithTags("Catalog");

        models.MapGet("/", async ([AsParameters] CatalogQueryParameters parameters, CatalogQueries catalog, ModelDetailQueries details, CancellationToken ct) =>
        {
            var query = parameters.ToQuery();
            var page = await catalog.BrowseAsync(query, ct);
            var items = await details.GetManyAsync(page.Items.Select(i => i.Slug).ToList(), ct);
            return new ModelListResponse(items, page.Total, page.Page, page.PageSize);
        })
        .WithSummary("The catalog, with the browse page's filters, sort and paging; each model's routes, benchmarks and sourced facts nested.");

        models.MapGet("/export", async ([AsParameters] CatalogQueryParameters parameters, string? format, CatalogExport export, CancellationToken ct) =>
        {
            format = (format ?? "csv").ToLowerInvariant();
            var query = parameters.ToQuery();
            var exported = await export.ExportAsync(query, CatalogExport.MaxModels, ct);
            var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmm", System.Globalization.CultureInfo.InvariantCulture);
            return format switch
            {
                "csv" => Results.File(System.Text.Encoding.UTF8.GetBytes(CatalogExport.ToCsv(exported)), "text/csv; charset=utf-8", $"modelhub-catalog-{stamp}.csv"),
                "json" => Results.File(CatalogExport.ToJson(exported), "application/json", $"modelhub-catalog-{stamp}.json"),
                _ => throw new InvalidInputException($"format must be csv or json, not '{format}'."),
            };
        })
        .WithSummary("The current view (same filters and sort as the list) as a CSV or JSON file, up to 5,000 models.");

        models.MapGet("/fields", () => ModelFacts.All
                .Select(f => new ModelFieldResponse(f.Name, f.Label, f.Unit, f.Comparison,
                    f.Use.HasFlag(FactUse.Specification), f.Use.HasFlag(FactUse.Compare), f.Use.HasFlag(FactUse.Export)))
                .ToList())
            .WithSummary("The model facts the catalog describes, in the order pages and exports list them: name (the CSV column), label, unit and whether higher or lower is better.");

        models.MapGet("/{slug}", async Task<Ok<ModelDetails>> (string slug, ModelDetailQueries details, CancellationToken ct) =>
            TypedResults.Ok(await details.GetAsync(slug, ct) ?? throw new NotFoundException($"No model has the slug '{slug}'.")));

        return api;
    }
}
