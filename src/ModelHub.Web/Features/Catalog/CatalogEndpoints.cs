using Microsoft.AspNetCore.Http.HttpResults;
using ModelHub.Web.Features.Common;

namespace ModelHub.Web.Features.Catalog;

public sealed record ModelListResponse(IReadOnlyList<ModelDetails> Items, int Total, int Page, int PageSize);

internal static class CatalogEndpoints
{
    public static RouteGroupBuilder MapCatalogEndpoints(this RouteGroupBuilder api)
    {
        var models = api.MapGroup("/models").WithTags("Catalog");

        models.MapGet("/", async (HttpRequest request, CatalogQueries catalog, CancellationToken ct) =>
        {
            var query = CatalogQueryString.Parse(request.Query.ToDictionary(q => q.Key, q => q.Value, StringComparer.OrdinalIgnoreCase));
            var page = await catalog.BrowseAsync(query, ct);
            var items = await catalog.GetManyAsync(page.Items.Select(i => i.Slug).ToList(), ct);
            return new ModelListResponse(items, page.Total, page.Page, page.PageSize);
        })
        .WithSummary("The catalog: the browse page's filters, sort and paging as query parameters (q, cap, input, open, license, provider, minContext, maxInput, maxOutput, from, to, sort, desc, bench, page, size).");

        models.MapGet("/{slug}", async Task<Ok<ModelDetails>> (string slug, CatalogQueries catalog, CancellationToken ct) =>
            TypedResults.Ok(await catalog.GetAsync(slug, ct) ?? throw new NotFoundException($"No model has the slug '{slug}'.")));

        return api;
    }
}
