using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ModelHub.Web.Features.Common;

namespace ModelHub.Web.Features.Comparisons;

/// <summary>
/// <c>/api/v1/teams/{teamId}/comparisons/{comparisonId}/runs</c>: playground runs linked to a comparison as the
/// team's own measurements. Another team's comparison or run answers 404.
/// </summary>
internal static class ComparisonRunEndpoints
{
    public static RouteGroupBuilder MapComparisonRunEndpoints(this RouteGroupBuilder api)
    {
        var runs = api.MapGroup("/teams/{teamId:guid}/comparisons/{comparisonId:guid}/runs").WithTags("Comparisons");

        runs.MapPut("/{runId:guid}", async Task<NoContent> (Guid teamId, Guid comparisonId, Guid runId, ClaimsPrincipal user, ComparisonRunLinks links, CancellationToken ct) =>
            {
                await links.LinkAsync(Caller.From(user), teamId, comparisonId, runId, ct);
                return TypedResults.NoContent();
            })
            .WithName("LinkComparisonRun")
            .WithSummary("Links one of the team's playground runs to the comparison as evidence; Members and above. The run must have asked at least one compared model; linking again changes nothing.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        runs.MapDelete("/{runId:guid}", async Task<NoContent> (Guid teamId, Guid comparisonId, Guid runId, ClaimsPrincipal user, ComparisonRunLinks links, CancellationToken ct) =>
            {
                await links.UnlinkAsync(Caller.From(user), teamId, comparisonId, runId, ct);
                return TypedResults.NoContent();
            })
            .WithName("UnlinkComparisonRun")
            .WithSummary("Removes a run from the comparison's evidence; Members and above. Unlinking a run that is not linked changes nothing.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        runs.MapGet("/candidates", (Guid teamId, Guid comparisonId, int? take, ClaimsPrincipal user, ComparisonRunLinks links, CancellationToken ct) =>
                links.CandidatesAsync(Caller.From(user), teamId, comparisonId, take ?? 20, ct))
            .WithName("ListComparisonRunCandidates")
            .WithSummary($"The team's newest finished runs (take, 1 to {ComparisonRunLinks.MaxCandidates}, default 20) that asked at least one compared model and are not linked yet.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }
}
