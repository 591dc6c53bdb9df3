using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Teams;

namespace ModelHub.Web.Features.Evaluations;

public sealed record ExportFile(byte[] Content, string ContentType, string FileName);

/// <summary>
/// The team's notes, scores or votes as CSV or JSONL, one row per note, per criterion value, or per vote, each with
/// model slug, route, run and prompt ids so the rows join with run exports and the catalog. Viewers and above.
/// </summary>
public sealed class EvaluationExport(IDbContextFactory<ModelHubDbContext> databases)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<ExportFile> ExportAsync(Caller caller, Guid teamId, string? kind, string? format, CancellationToken cancellationToken = default)
    {
        // Membership first: to someone outside the team, its export answers 404 whatever the query says.
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Viewer, cancellationToken);
        var jsonl = (format ?? "csv").Trim().ToLowerInvariant() switch
        {
            "csv" => false,
            "jsonl" or "ndjson" => true,
            var other => throw new InvalidInputException($"format: csv or jsonl, not '{other}'."),
        };
        var what = (kind ?? "").Trim().ToLowerInvariant();
        if (what is not ("notes" or "scores" or "votes"))
        {
            throw new InvalidInputException($"kind: notes, scores or votes, not '{kind}'.");
        }

        var rows = what switch
        {
            "notes" => await NotesAsync(db, membership, cancellationToken),
            "scores" => await ScoresAsync(db, membership, cancellationToken),
            _ => await VotesAsync(db, membership, cancellationToken),
        };
        var text = new StringBuilder();
        if (jsonl)
        {
            foreach (var row in rows)
            {
                text.Append(JsonSerializer.Serialize(row, Json)).Append('\n');
            }
        }
        else
        {
            var columns = rows.Count > 0 ? rows[0].Keys.ToList() : Columns(what);
            text.Append(string.Join(',', columns)).Append('\n');
            foreach (var row in rows)
            {
                text.Append(Csv.Row([.. columns.Select(c => row[c])]));
            }
        }

        var stamp = DateTime.UtcNow.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        return new ExportFile(Encoding.UTF8.GetBytes(text.ToString()), jsonl ? "application/x-ndjson; charset=utf-8" : "text/csv; charset=utf-8",
            $"{membership.Team.Name.ToLowerInvariant().Replace(' ', '-')}-{what}-{stamp}.{(jsonl ? "jsonl" : "csv")}");
    }

    private static List<string> Columns(string kind) => kind switch
    {
        "notes" => ["note_id", "target_kind", "target_id", "model_slug", "route_id", "run_id", "run_target_id", "comparison_id", "prompt_id", "verdict", "tags", "author", "created_at_utc", "updated_at_utc", "body"],
        "scores" => ["score_id", "rubric_id", "rubric", "criterion_id", "criterion", "kind", "value", "model_slug", "route_id", "run_id", "run_target_id", "prompt_id", "target", "ttft_ms", "total_ms", "cost_usd", "tags", "scorer", "created_at_utc", "comment"],
        _ => ["vote_id", "run_id", "prompt_id", "left_target_id", "left_model_slug", "left_route_id", "right_target_id", "right_model_slug", "right_route_id", "outcome", "tags", "voter", "created_at_utc"],
    };

    private static async Task<List<Dictionary<string, object?>>> NotesAsync(ModelHubDbContext db, TeamMembership membership, CancellationToken cancellationToken)
    {
        var notes = await db.EvaluationNotes.AsNoTracking().InTeam(membership).OrderBy(n => n.CreatedAtUtc).Take(EvaluationLimits.MaxExportRows).ToListAsync(cancellationToken);
        var targets = await NoteTargets.DescribeAsync(db, membership, notes, cancellationToken);
        var runIds = notes.Where(n => n.RunId is not null).Select(n => n.RunId!.Value).Distinct().ToList();
        var prompts = (await db.PlaygroundRuns.AsNoTracking().InTeam(membership).Where(r => runIds.Contains(r.Id))
                .Select(r => new { r.Id, r.SystemPrompt, r.MessagesJson }).ToListAsync(cancellationToken))
            .ToDictionary(r => r.Id, r => PromptIdentity.Of(r.SystemPrompt, r.MessagesJson));
        var authors = await EmailsAsync(db, notes.Select(n => n.AuthorUserId), cancellationToken);
        return notes.Select(n => new Dictionary<string, object?>
        {
            ["note_id"] = n.Id,
            ["target_kind"] = NoteTargets.KindName(n.TargetKind),
            ["target_id"] = n.TargetId,
            ["model_slug"] = targets[n.Id].ModelSlug,
            ["route_id"] = n.RouteId,
            ["run_id"] = n.RunId,
            ["run_target_id"] = n.RunTargetId,
            ["comparison_id"] = n.ComparisonId,
            ["prompt_id"] = n.RunId is { } run ? prompts.GetValueOrDefault(run) : null,
            ["verdict"] = n.Verdict?.ToString(),
            ["tags"] = string.Join(' ', EvaluationTags.FromColumn(n.Tags)),
            ["author"] = authors.GetValueOrDefault(n.AuthorUserId),
            ["created_at_utc"] = Utc(n.CreatedAtUtc),
            ["updated_at_utc"] = Utc(n.UpdatedAtUtc),
            ["body"] = n.Body,
        }).ToList();
    }

    private static async Task<List<Dictionary<string, object?>>> ScoresAsync(ModelHubDbContext db, TeamMembership membership, CancellationToken cancellationToken)
    {
        var scores = await db.EvaluationScores.AsNoTracking().InTeam(membership).Include(s => s.Values)
            .OrderBy(s => s.CreatedAtUtc).Take(EvaluationLimits.MaxExportRows).ToListAsync(cancellationToken);
        var views = await ScoreService.ViewsAsync(db, membership, scores, cancellationToken);
        return views.SelectMany(s => s.Values.Select(v => new Dictionary<string, object?>
        {
            ["score_id"] = s.Id,
            ["rubric_id"] = s.RubricId,
            ["rubric"] = s.Rubric,
            ["criterion_id"] = v.CriterionId,
            ["criterion"] = v.Criterion,
            ["kind"] = v.Kind,
            ["value"] = (object?)v.Number ?? (object?)v.Label ?? v.Passed,
            ["model_slug"] = s.ModelSlug,
            ["route_id"] = s.RouteId,
            ["run_id"] = s.RunId,
            ["run_target_id"] = s.RunTargetId,
            ["prompt_id"] = s.PromptId,
            ["target"] = s.Target,
            ["ttft_ms"] = s.TimeToFirstTokenMs,
            ["total_ms"] = s.TotalMs,
            ["cost_usd"] = s.CostUsd,
            ["tags"] = string.Join(' ', s.Tags),
            ["scorer"] = s.ScorerEmail,
            ["created_at_utc"] = Utc(s.CreatedAtUtc),
            ["comment"] = s.Comment,
        })).ToList();
    }

    private static async Task<List<Dictionary<string, object?>>> VotesAsync(ModelHubDbContext db, TeamMembership membership, CancellationToken cancellationToken)
    {
        var votes = await db.EvaluationVotes.AsNoTracking().InTeam(membership).OrderBy(v => v.CreatedAtUtc).Take(EvaluationLimits.MaxExportRows).ToListAsync(cancellationToken);
        var views = await VoteService.ViewsAsync(db, membership, votes, cancellationToken);
        return views.Select(v => new Dictionary<string, object?>
        {
            ["vote_id"] = v.Id,
            ["run_id"] = v.RunId,
            ["prompt_id"] = v.PromptId,
            ["left_target_id"] = v.LeftTargetId,
            ["left_model_slug"] = v.LeftModelSlug,
            ["left_route_id"] = v.LeftRouteId,
            ["right_target_id"] = v.RightTargetId,
            ["right_model_slug"] = v.RightModelSlug,
            ["right_route_id"] = v.RightRouteId,
            ["outcome"] = v.Outcome,
            ["tags"] = string.Join(' ', v.Tags),
            ["voter"] = v.VoterEmail,
            ["created_at_utc"] = Utc(v.CreatedAtUtc),
        }).ToList();
    }

    /// <summary>
    /// ISO 8601 in UTC with its "Z": the database hands times back without a kind, and a bare DateTime in a CSV cell would be
    /// written month-first (03/02/2026), which a spreadsheet elsewhere reads as the 3rd of February.
    /// </summary>
    private static string Utc(DateTime at) =>
        DateTime.SpecifyKind(at, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static Task<Dictionary<string, string>> EmailsAsync(ModelHubDbContext db, IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct().ToList();
        return db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? u.Id, cancellationToken);
    }
}
