using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;
using ModelHub.Web.Features.Common;

namespace ModelHub.Web.Features.Catalog;

/// <summary>One model fact as <see cref="ModelFacts"/> describes it: its export column, label, unit and which way is better.</summary>
public sealed record ModelFieldResponse(string Name, string Label, string? Unit, FactComparison Comparison, bool InSpecification, bool InCompare, bool InExport);

internal static class CatalogEndpoints
{
    public static RouteGroupBuilder MapCatalogEndpoints(this RouteGroupBuilder api)
    {
        var models = api.MapGroup("/models").WithTags("Catalog");

        models.MapGet("/", async (
                [AsParameters] CatalogQueryParameters parameters,
                [FromQuery(Name = CatalogIncludes.Parameter), Description("What each model brings along, comma-separated: routes, benchmarks, claims (with disagreements), disagreements, all or none. Default: routes.")] string? include,
                CatalogListQueries list,
                CatalogApiJson json,
                CancellationToken ct) =>
            {
                var query = parameters.ToQuery();
                var page = await list.ListAsync(query, CatalogIncludes.Parse(include), ct);
                return new CatalogJsonResult<ModelListResponse>(page, json.List);
            })
            .WithName("ListModels")
            .WithSummary("A page of the catalog, with the browse page's filters, sort and paging; routes, benchmarks and claims as include= asks.")
            .WithDescription("Each source is written once in `sources` (keyed by id) and each provider once in `providers` (keyed by slug); " +
                "models, routes, benchmarks and claims carry `sourceId` and routes `providerSlug`. Null values are left out. " +
                "`include` defaults to `routes`; a list not asked for is absent, an empty one is []. " +
                "The answer carries a strong ETag: send it back in If-None-Match to get 304 when nothing changed.")
            .Produces<ModelListResponse>(StatusCodes.Status200OK, "application/json")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest);

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
        .WithName("ExportModels")
        .WithSummary("The current view (same filters and sort as the list) as a CSV or JSON file, up to 5,000 models.")
        .Produces<string>(StatusCodes.Status200OK, "text/csv", "application/json")
        .ProducesProblem(StatusCodes.Status400BadRequest);

        models.MapGet("/fields", () => ModelFacts.All
                .Select(f => new ModelFieldResponse(f.Name, f.Label, f.Unit, f.Comparison,
                    f.Use.HasFlag(FactUse.Specification), f.Use.HasFlag(FactUse.Compare), f.Use.HasFlag(FactUse.Export)))
                .ToList())
            .WithName("ListModelFields")
            .WithSummary("The model facts the catalog describes, in the order pages and exports list them: name (the CSV column), label, unit and whether higher or lower is better.");

        models.MapGet("/{slug}", async Task<IResult> (string slug, ModelDetailQueries details, CatalogApiJson json, CancellationToken ct) =>
            {
                if (await details.GetAsync(slug, ct) is { } model)
                {
                    return new CatalogJsonResult<ModelDetails>(model, json.Details);
                }

                // A merged model's slug leads to the model it joined, as its page does.
                return await details.MergedIntoAsync(slug, ct) is { } target
                    ? Results.Redirect($"/api/v1/models/{Uri.EscapeDataString(target)}", permanent: true, preserveMethod: true)
                    : throw new NotFoundException($"No model has the slug '{slug}'.");
            })
            .WithName("GetModel")
            .WithSummary("One model with its routes, benchmarks, sourced claims and disagreements, each with its source; with a strong ETag for If-None-Match. A merged model's slug answers 308 to the model it joined.")
            .Produces<ModelDetails>(StatusCodes.Status200OK, "application/json")
            .Produces(StatusCodes.Status304NotModified)
            .Produces(StatusCodes.Status308PermanentRedirect)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }
}
