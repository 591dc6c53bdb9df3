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

        comparisons.MapGet("/{comparisonId:guid}/export", async (Guid teamId, Guid comparisonId, string? format, int? requestsPerDay, int? inputTokensPerRequest,
                int? outputTokensPerRequest, decimal? cachedInputShare, int? daysPerMonth, ClaimsPrincipal user, ComparisonService service, CancellationToken ct) =>
            {
                var caller = Caller.From(user);
                var saved = await service.GetAsync(caller, teamId, comparisonId, cancellationToken: ct);
                var w = saved.Workload;
                var workload = new ComparisonWorkload(requestsPerDay ?? w.RequestsPerDay, inputTokensPerRequest ?? w.InputTokensPerRequest,
                    outputTokensPerRequest ?? w.OutputTokensPerRequest, cachedInputShare ?? w.CachedInputShare, daysPerMonth ?? w.DaysPerMonth);
                var view = workload == w ? saved : await service.GetAsync(caller, teamId, comparisonId, ComparisonService.Checked(workload), ct);
                var file = $"comparison-{System.Text.RegularExpressions.Regex.Replace(view.Name.ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-')}";
                return (format ?? "md").ToLowerInvariant() switch
                {
                    "md" or "markdown" => Results.File(System.Text.Encoding.UTF8.GetBytes(ComparisonExport.ToMarkdown(view)), "text/markdown; charset=utf-8", $"{file}.md"),
                    "csv" => Results.File(System.Text.Encoding.UTF8.GetBytes(ComparisonExport.ToCsv(view)), "text/csv; charset=utf-8", $"{file}.csv"),
                    "json" => Results.Json(view),
                    var other => throw new InvalidInputException($"format: md, csv or json, not '{other}'."),
                };
            })
            .WithName("ExportComparison")
            .WithSummary("The comparison as Markdown (for a design doc), CSV (every route's cost) or JSON; workload parameters cost it at another traffic without saving.")
            .Produces<string>(StatusCodes.Status200OK, "text/markdown", "text/csv", "application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        comparisons.MapPut("/{comparisonId:guid}", (Guid teamId, Guid comparisonId, ComparisonInput input, ClaimsPrincipal user, ComparisonService service, CancellationToken ct) =>
                service.UpdateAsync(Caller.From(user), teamId, comparisonId, input, ct))
            .WithName("UpdateComparison")
            .WithSummary("Changes the name, models, workload or notes; with version, a newer save by someone else answers 409.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        comparisons.MapPut("/{comparisonId:guid}/decision", (Guid teamId, Guid comparisonId, DecisionInput input, ClaimsPrincipal user, ComparisonService service, CancellationToken ct) =>
                service.DecideAsync(Caller.From(user), teamId, comparisonId, input, ct))
            .WithName("DecideComparison")
            .WithSummary("Records the team's chosen model (one of the comparison's slugs) with a rationale, or withdraws the decision when modelSlug is null; Members and above.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        comparisons.MapDelete("/{comparisonId:guid}", async Task<NoContent> (Guid teamId, Guid comparisonId, ClaimsPrincipal user, ComparisonService service, CancellationToken ct) =>
            {
                await service.DeleteAsync(Caller.From(user), teamId, comparisonId, ct);
                return TypedResults.NoContent();
            })
            .WithName("DeleteComparison")
            .WithSummary("Deletes the comparison: its author, or a team Admin or Owner.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapComparisonRunEndpoints();
        return api;
    }
}
