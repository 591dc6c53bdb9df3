using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ModelHub.Web.Features.Common;

namespace ModelHub.Web.Features.Comparisons;

/// <summary>
/// <c>/api/v1/teams/{teamId}/comparisons</c>: a contract other tools rely on (issue 11), so its paths and
/// field names stay as they are. Another team's comparison answers 404.
/// </summary>
internal static class ComparisonEndpoints
{
    public static RouteGroupBuilder MapComparisonEndpoints(this RouteGroupBuilder api)
    {
        var comparisons = api.MapGroup("/teams/{teamId:guid}/comparisons").WithTags("Comparisons");

        comparisons.MapGet("/", (Guid teamId, ClaimsPrincipal user, ComparisonService service, CancellationToken ct) =>
                service.ListAsync(Caller.From(user), teamId, ct))
            .WithName("ListComparisons")
            .WithSummary("The team's saved comparisons, most recently changed first.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        comparisons.MapPost("/", async Task<Created<ComparisonView>> (Guid teamId, ComparisonInput input, ClaimsPrincipal user, ComparisonService service, CancellationToken ct) =>
            {
                var created = await service.CreateAsync(Caller.From(user), teamId, input, ct);
                return TypedResults.Created($"/api/v1/teams/{teamId}/comparisons/{created.Id}", created);
            })
            .WithName("CreateComparison")
            .WithSummary("Saves a comparison of 2 to 6 catalog models (by slug) at a workload; Members and above. Prices are snapshotted for the record.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        comparisons.MapGet("/{comparisonId:guid}", (Guid teamId, Guid comparisonId, ClaimsPrincipal user, ComparisonService service, CancellationToken ct) =>
                service.GetAsync(Caller.From(user), teamId, comparisonId, cancellationToken: ct))
            .WithName("GetComparison")
            .WithSummary("The comparison with each model's facts, every route's cost at the workload, the monthly cost (cheapest route with both prices, null when none) and the price changes since it was saved.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        comparisons.MapPut("/{comparisonId:guid}", (Guid teamId, Guid comparisonId, ComparisonInput input, ClaimsPrincipal user, ComparisonService service, CancellationToken ct) =>
                service.UpdateAsync(Caller.From(user), teamId, comparisonId, input, ct))
            .WithName("UpdateComparison")
            .WithSummary("Changes the name, models, workload or notes; with version, a newer save by someone else answers 409.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        comparisons.MapDelete("/{comparisonId:guid}", async Task<NoContent> (Guid teamId, Guid comparisonId, ClaimsPrincipal user, ComparisonService service, CancellationToken ct) =>
            {
                await service.DeleteAsync(Caller.From(user), teamId, comparisonId, ct);
                return TypedResults.NoContent();
            })
            .WithName("DeleteComparison")
            .WithSummary("Deletes the comparison: its author, or a team Admin or Owner.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }
}
