using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ModelHub.Web.Features.Common;

namespace ModelHub.Web.Features.Evaluations;

/// <summary>
/// Notes, rubrics, scores, votes and the leaderboard under <c>/api/v1/teams/{teamId}</c>: a contract other tools
/// rely on (issue 12), so paths and field names stay as they are. Another team's data answers 404.
/// </summary>
internal static class EvaluationEndpoints
{
    public static RouteGroupBuilder MapEvaluationEndpoints(this RouteGroupBuilder api)
    {
        var team = api.MapGroup("/teams/{teamId:guid}").WithTags("Evaluations");
        MapNotes(team);
        MapRubrics(team);
        MapScoresAndVotes(team);

        team.MapGet("/evaluations/leaderboard", (Guid teamId, string? tag, Guid? rubricId, DateOnly? from, DateOnly? to, ClaimsPrincipal user,
                LeaderboardService service, CancellationToken ct) =>
                service.GetAsync(Caller.From(user), teamId, new LeaderboardFilter(tag, rubricId, from, to), ct))
            .WithName("GetLeaderboard")
            .WithSummary("Per model and per route: each numeric criterion's mean with a 95% bootstrap interval, each boolean's pass rate with a Wilson interval, " +
                "vote ratings from a Bradley-Terry fit on the Elo scale with bootstrap intervals, ranks that overlapping models share, \"too few to rank\" under 10, " +
                "and reviewer agreement (Cohen's kappa). Filters: tag, rubricId, from and to (dates, UTC, inclusive).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        team.MapGet("/evaluations/export", async (Guid teamId, string? kind, string? format, ClaimsPrincipal user, EvaluationExport export, CancellationToken ct) =>
            {
                var file = await export.ExportAsync(Caller.From(user), teamId, kind, format, ct);
                return Results.File(file.Content, file.ContentType, file.FileName);
            })
            .WithName("ExportEvaluations")
            .WithSummary("The team's notes, scores or votes (kind) as CSV or JSONL (format), with model slug, route, run and prompt ids.")
            .Produces<string>(StatusCodes.Status200OK, "text/csv", "application/x-ndjson")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static void MapNotes(RouteGroupBuilder team)
    {
        team.MapPost("/notes", async Task<Created<NoteView>> (Guid teamId, NoteInput input, ClaimsPrincipal user, NoteService notes, CancellationToken ct) =>
            {
                var note = await notes.CreateAsync(Caller.From(user), teamId, input, ct);
                return TypedResults.Created($"/api/v1/teams/{teamId}/notes/{note.Id}", note);
            })
            .WithName("CreateNote")
            .WithSummary("Writes a Markdown note on a model (id: its slug), route, run, runTarget or comparison, with an optional verdict " +
                "(Recommended, Acceptable, NotRecommended) and tags; Members and above. The answer's html is the body rendered and sanitised.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        team.MapGet("/notes", (Guid teamId, string? model, int? route, Guid? run, Guid? runTarget, Guid? comparison, string? tag, string? verdict, string? q,
                int? page, int? pageSize, ClaimsPrincipal user, NoteService notes, CancellationToken ct) =>
                notes.ListAsync(Caller.From(user), teamId, new NoteQuery(model, route, run, runTarget, comparison, tag, verdict, q, page ?? 1, pageSize ?? 50), ct))
            .WithName("ListNotes")
            .WithSummary("The team's notes, newest first, filtered by model (slug; includes notes on its routes and answers), route, run, runTarget, comparison, " +
                "tag, verdict and text (q); paged.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        team.MapGet("/notes/{noteId:guid}", (Guid teamId, Guid noteId, ClaimsPrincipal user, NoteService notes, CancellationToken ct) =>
                notes.GetAsync(Caller.From(user), teamId, noteId, ct))
            .WithName("GetNote")
            .WithSummary("One note with its target, author and sanitised html.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        team.MapPut("/notes/{noteId:guid}", (Guid teamId, Guid noteId, NoteInput input, ClaimsPrincipal user, NoteService notes, CancellationToken ct) =>
                notes.UpdateAsync(Caller.From(user), teamId, noteId, input, ct))
            .WithName("UpdateNote")
            .WithSummary("Changes a note's body, verdict and tags; its author only. With version, a newer save answers 409.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        team.MapDelete("/notes/{noteId:guid}", async Task<NoContent> (Guid teamId, Guid noteId, ClaimsPrincipal user, NoteService notes, CancellationToken ct) =>
            {
                await notes.DeleteAsync(Caller.From(user), teamId, noteId, ct);
                return TypedResults.NoContent();
            })
            .WithName("DeleteNote")
            .WithSummary("Deletes a note; its author or a team Admin.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static void MapRubrics(RouteGroupBuilder team)
    {
        team.MapGet("/rubrics", (Guid teamId, bool? includeArchived, ClaimsPrincipal user, RubricService rubrics, CancellationToken ct) =>
                rubrics.ListAsync(Caller.From(user), teamId, includeArchived ?? false, ct))
            .WithName("ListRubrics")
            .WithSummary("The team's rubrics with their criteria (Numeric with min and max, Categorical with labels, Boolean); the default one first.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        team.MapPost("/rubrics", async Task<Created<RubricView>> (Guid teamId, RubricInput input, ClaimsPrincipal user, RubricService rubrics, CancellationToken ct) =>
            {
                var rubric = await rubrics.CreateAsync(Caller.From(user), teamId, input, ct);
                return TypedResults.Created($"/api/v1/teams/{teamId}/rubrics/{rubric.Id}", rubric);
            })
            .WithName("CreateRubric")
            .WithSummary("Defines a rubric of 1 to 12 criteria; Admins and Owners.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        team.MapGet("/rubrics/{rubricId:guid}", (Guid teamId, Guid rubricId, ClaimsPrincipal user, RubricService rubrics, CancellationToken ct) =>
                rubrics.GetAsync(Caller.From(user), teamId, rubricId, ct))
            .WithName("GetRubric")
            .WithSummary("One rubric with its criteria and how many scores it has.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        team.MapDelete("/rubrics/{rubricId:guid}", async Task<NoContent> (Guid teamId, Guid rubricId, ClaimsPrincipal user, RubricService rubrics, CancellationToken ct) =>
            {
                await rubrics.DeleteAsync(Caller.From(user), teamId, rubricId, ct);
                return TypedResults.NoContent();
            })
            .WithName("DeleteRubric")
            .WithSummary("Removes a rubric; Admins and Owners. One with scores is archived instead, so its scores still count.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static void MapScoresAndVotes(RouteGroupBuilder team)
    {
        team.MapPost("/scores", async Task<Results<Created<ScoreView>, Ok<ScoreView>>> (Guid teamId, ScoreInput input, ClaimsPrincipal user, ScoreService scores, CancellationToken ct) =>
            {
                var (score, created) = await scores.SubmitAsync(Caller.From(user), teamId, input, ct);
                return created ? TypedResults.Created($"/api/v1/teams/{teamId}/scores/{score.Id}", score) : TypedResults.Ok(score);
            })
            .WithName("CreateScore")
            .WithSummary("Scores a run answer (runTargetId) against a rubric: value for a one-criterion rubric, or values by criterion id; Members and above. " +
                "Scoring the same answer with the same rubric again replaces your earlier score (200).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        team.MapGet("/scores", (Guid teamId, Guid? runTargetId, Guid? run, string? model, Guid? rubricId, ClaimsPrincipal user, ScoreService scores, CancellationToken ct) =>
                scores.ListAsync(Caller.From(user), teamId, new ScoreQuery(runTargetId, run, model, rubricId), ct))
            .WithName("ListScores")
            .WithSummary("Scores, newest first, filtered by runTargetId, run, model (slug) or rubricId; each with its answer's model, route, prompt id, latency and cost.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        team.MapDelete("/scores/{scoreId:guid}", async Task<NoContent> (Guid teamId, Guid scoreId, ClaimsPrincipal user, ScoreService scores, CancellationToken ct) =>
            {
                await scores.DeleteAsync(Caller.From(user), teamId, scoreId, ct);
                return TypedResults.NoContent();
            })
            .WithName("DeleteScore")
            .WithSummary("Deletes a score; the reviewer who gave it or a team Admin.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        team.MapPost("/votes", async Task<Results<Created<VoteView>, Ok<VoteView>>> (Guid teamId, VoteInput input, ClaimsPrincipal user, VoteService votes, CancellationToken ct) =>
            {
                var (vote, created) = await votes.SubmitAsync(Caller.From(user), teamId, input, ct);
                return created ? TypedResults.Created($"/api/v1/teams/{teamId}/votes/{vote.Id}", vote) : TypedResults.Ok(vote);
            })
            .WithName("CreateVote")
            .WithSummary("Records a blind pairwise vote on two answers of one run, in the order shown (outcome Left, Right, Tie or BothBad); Members and above. " +
                "Voting again on the same pair replaces your earlier vote (200).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        team.MapGet("/votes", (Guid teamId, Guid? run, ClaimsPrincipal user, VoteService votes, CancellationToken ct) =>
                votes.ListAsync(Caller.From(user), teamId, run, ct))
            .WithName("ListVotes")
            .WithSummary("Votes, newest first, optionally of one run, with both answers revealed.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        team.MapDelete("/votes/{voteId:guid}", async Task<NoContent> (Guid teamId, Guid voteId, ClaimsPrincipal user, VoteService votes, CancellationToken ct) =>
            {
                await votes.DeleteAsync(Caller.From(user), teamId, voteId, ct);
                return TypedResults.NoContent();
            })
            .WithName("DeleteVote")
            .WithSummary("Deletes a vote; the voter or a team Admin.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
