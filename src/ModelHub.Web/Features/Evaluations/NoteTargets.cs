using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Teams;

namespace ModelHub.Web.Features.Evaluations;

/// <summary>A note's target checked against the catalog and the team, with the model, route and run it concerns.</summary>
public sealed record ResolvedNoteTarget(
    NoteTargetKind Kind, string Id, int? ModelId, int? RouteId, Guid? RunId, Guid? RunTargetId, Guid? ComparisonId);

/// <summary>Turns the API's <c>{ kind, id }</c> into a checked target, and notes back into labelled, linked targets.</summary>
public static class NoteTargets
{
    public static string KindName(NoteTargetKind kind) => kind switch
    {
        NoteTargetKind.RunTarget => "runTarget",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static NoteTargetKind ParseKind(string? kind) => kind?.Trim().ToLowerInvariant() switch
    {
        "model" => NoteTargetKind.Model,
        "route" => NoteTargetKind.Route,
        "run" => NoteTargetKind.Run,
        "runtarget" or "run-target" or "run_target" => NoteTargetKind.RunTarget,
        "comparison" => NoteTargetKind.Comparison,
        _ => throw new InvalidInputException($"target.kind: model, route, run, runTarget or comparison, not '{kind}'."),
    };

    public static async Task<ResolvedNoteTarget> ResolveAsync(
        ModelHubDbContext db, TeamMembership membership, NoteTargetInput? target, CancellationToken cancellationToken)
    {
        if (target is null || string.IsNullOrWhiteSpace(target.Id))
        {
            throw new InvalidInputException("target: say what the note is about, as { \"kind\": \"model\", \"id\": \"<slug>\" } (or route, run, runTarget, comparison with its id).");
        }

        var kind = ParseKind(target.Kind);
        var id = target.Id.Trim();
        switch (kind)
        {
            case NoteTargetKind.Model:
                var model = await db.Models.AsNoTracking().Where(m => m.Slug == id).Select(m => new { m.Id, m.Slug }).SingleOrDefaultAsync(cancellationToken)
                    ?? throw new NotFoundException($"target.id: no catalog model has the slug '{id}'.");
                return new(kind, model.Slug, model.Id, null, null, null, null);
            case NoteTargetKind.Route:
                var routeId = int.TryParse(id, out var parsedRoute) ? parsedRoute : throw new InvalidInputException($"target.id: a route id is a number, not '{id}'.");
                var route = await db.Routes.AsNoTracking().Where(r => r.Id == routeId).Select(r => new { r.Id, r.ModelId }).SingleOrDefaultAsync(cancellationToken)
                    ?? throw new NotFoundException($"target.id: no provider route has the id {routeId}.");
                return new(kind, route.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), route.ModelId, route.Id, null, null, null);
            case NoteTargetKind.Run:
                var runId = ParseGuid(id);
                var run = await db.PlaygroundRuns.AsNoTracking().InTeam(membership).Where(r => r.Id == runId)
                    .Select(r => new { r.Id, Targets = r.Targets.Select(t => t.Id).ToList() }).SingleOrDefaultAsync(cancellationToken)
                    ?? throw new NotFoundException("target.id: that run does not exist in this team.");
                var answers = await RunAnswers.FindAsync(db, membership, run.Targets, cancellationToken);
                var models = answers.Values.Select(a => a.ModelId).Distinct().ToList();
                // A run of one model is a note on that model too; a run of several is about the run itself.
                return new(kind, run.Id.ToString(), models is [{ } only] ? only : null, null, run.Id, null, null);
            case NoteTargetKind.RunTarget:
                var answer = await RunAnswers.FindAsync(db, membership, ParseGuid(id), "target.id", cancellationToken);
                return new(kind, answer.RunTargetId.ToString(), answer.ModelId, answer.RouteId, answer.RunId, answer.RunTargetId, null);
            default:
                var comparisonId = ParseGuid(id);
                if (!await db.Comparisons.InTeam(membership).AnyAsync(c => c.Id == comparisonId, cancellationToken))
                {
                    throw new NotFoundException("target.id: that comparison does not exist in this team.");
                }

                return new(kind, comparisonId.ToString(), null, null, null, null, comparisonId);
        }
    }

    /// <summary>Labels and links for the targets of some notes, in a few queries whatever their number.</summary>
    public static async Task<IReadOnlyDictionary<Guid, NoteTargetView>> DescribeAsync(
        ModelHubDbContext db, TeamMembership membership, IReadOnlyList<EvaluationNote> notes, CancellationToken cancellationToken)
    {
        var modelIds = notes.Where(n => n.ModelId is not null).Select(n => n.ModelId!.Value).Distinct().ToList();
        var models = await db.Models.AsNoTracking().Where(m => modelIds.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => new { m.Slug, m.Name }, cancellationToken);
        var routeIds = notes.Where(n => n.RouteId is not null).Select(n => n.RouteId!.Value).Distinct().ToList();
        // Projected first: ToDictionaryAsync's selectors run on the loaded rows, where r.Provider is not loaded.
        var routes = await db.Routes.AsNoTracking().Where(r => routeIds.Contains(r.Id))
            .Select(r => new { r.Id, r.ProviderModelId, Provider = r.Provider.Name })
            .ToDictionaryAsync(r => r.Id, r => new { r.ProviderModelId, r.Provider }, cancellationToken);
        var runIds = notes.Where(n => n.RunId is not null).Select(n => n.RunId!.Value).Distinct().ToList();
        var runs = await db.PlaygroundRuns.AsNoTracking().InTeam(membership).Where(r => runIds.Contains(r.Id))
            .ToDictionaryAsync(r => r.Id, r => r.Title, cancellationToken);
        var answerIds = notes.Where(n => n.RunTargetId is not null).Select(n => n.RunTargetId!.Value).Distinct().ToList();
        var answers = await db.RunTargets.AsNoTracking().Where(t => answerIds.Contains(t.Id) && t.Run.TeamId == membership.TeamId)
            .ToDictionaryAsync(t => t.Id, t => t.DisplayName, cancellationToken);
        var comparisonIds = notes.Where(n => n.ComparisonId is not null).Select(n => n.ComparisonId!.Value).Distinct().ToList();
        var comparisons = await db.Comparisons.AsNoTracking().InTeam(membership).Where(c => comparisonIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);

        return notes.ToDictionary(n => n.Id, n =>
        {
            var model = n.ModelId is { } m ? models.GetValueOrDefault(m) : null;
            var route = n.RouteId is { } r ? routes.GetValueOrDefault(r) : null;
            var runTitle = n.RunId is { } run ? runs.GetValueOrDefault(run) : null;
            var (label, href) = n.TargetKind switch
            {
                NoteTargetKind.Model => (model?.Name ?? n.TargetId, model is null ? null : $"models/{model.Slug}"),
                NoteTargetKind.Route => (route is null ? $"Route {n.TargetId} (removed from the catalog)" : $"{route.Provider} · {route.ProviderModelId}",
                    model is null ? null : $"models/{model.Slug}#pricing"),
                NoteTargetKind.Run => ($"Run “{runTitle ?? n.TargetId}”", $"playground/runs/{n.RunId}"),
                NoteTargetKind.RunTarget => ($"{(n.RunTargetId is { } t ? answers.GetValueOrDefault(t) : null) ?? "An answer"} in run “{runTitle ?? n.RunId.ToString()}”",
                    $"playground/runs/{n.RunId}"),
                _ => (n.ComparisonId is { } c && comparisons.GetValueOrDefault(c) is { } name ? $"Comparison “{name}”" : "A deleted comparison",
                    $"comparisons/{n.ComparisonId}"),
            };
            return new NoteTargetView(KindName(n.TargetKind), n.TargetId, label, href, model?.Slug, n.RouteId, n.RunId, n.RunTargetId, n.ComparisonId);
        });
    }

    private static Guid ParseGuid(string id) =>
        Guid.TryParse(id, out var guid) ? guid : throw new InvalidInputException($"target.id: an id like 0190a1b2-… is expected, not '{id}'.");
}
