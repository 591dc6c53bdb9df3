using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Playground.Runs;

namespace ModelHub.Web.Features.Comparisons;

/// <summary>Playground runs linked to a comparison and what they measured per compared model.</summary>
public static class ComparisonRunEvidence
{
    /// <summary>The linked runs, newest first, and per model slug the measured medians and means of their successful answers.</summary>
    public static async Task<(IReadOnlyList<LinkedRunView> Runs, IReadOnlyList<MeasuredEvidence> Measured)> LoadAsync(
        ModelHubDbContext db, Comparison comparison, IReadOnlyList<ComparedModel> models, CancellationToken cancellationToken)
    {
        // One query for the runs and their answers; a link to a deleted run or to another team's run finds nothing.
        var runs = await db.PlaygroundRuns.AsNoTracking()
            .Where(r => r.TeamId == comparison.TeamId && db.ComparisonRuns.Any(l => l.ComparisonId == comparison.Id && l.RunId == r.Id))
            .OrderByDescending(r => r.CreatedAtUtc).ThenByDescending(r => r.Id)
            .Select(r => new
            {
                r.Id,
                r.Title,
                r.CreatedAtUtc,
                Targets = r.Targets.OrderBy(t => t.Position).Select(t => new
                {
                    t.DisplayName, t.ModelSlug, t.RouteId, t.ProviderModelId, t.Status, t.TimeToFirstTokenMs, t.TotalMs, t.InputTokens, t.OutputTokens, t.CostUsd,
                }).ToList(),
            })
            .ToListAsync(cancellationToken);

        var views = runs.Select(r => new LinkedRunView(r.Id, r.Title, r.CreatedAtUtc, r.Targets.Select(t => new LinkedRunTarget(
            t.DisplayName, t.ModelSlug, t.ProviderModelId, t.Status.ToString(), t.TimeToFirstTokenMs, RunMetrics.TokensPerSecond(t.OutputTokens, t.TimeToFirstTokenMs, t.TotalMs),
            t.InputTokens, t.OutputTokens, t.CostUsd)).ToList())).ToList();

        var succeeded = runs.SelectMany(r => r.Targets).Where(t => t.Status == RunStatus.Succeeded)
            .Select(t => (Slug: ModelOf(models, t.ModelSlug, t.RouteId), t.TimeToFirstTokenMs, PerSecond: RunMetrics.TokensPerSecond(t.OutputTokens, t.TimeToFirstTokenMs, t.TotalMs),
                t.CostUsd, t.InputTokens, t.OutputTokens))
            .Where(t => t.Slug is not null)
            .ToLookup(t => t.Slug!);

        var measured = models.Where(m => succeeded.Contains(m.Slug)).Select(m =>
        {
            var answers = succeeded[m.Slug].ToList();
            var costs = answers.Where(a => a.CostUsd is not null).Select(a => a.CostUsd!.Value).ToList();
            return new MeasuredEvidence(m.Slug, answers.Count,
                Median(answers.Select(a => a.TimeToFirstTokenMs)),
                Median(answers.Select(a => a.PerSecond)),
                costs.Count == 0 ? null : decimal.Round(costs.Average(), 6),
                Mean(answers.Select(a => a.InputTokens)),
                Mean(answers.Select(a => a.OutputTokens)));
        }).ToList();

        return (views, measured);
    }

    /// <summary>
    /// The compared model a run's answer came from, or null. The route decides first: a catalog merge moves
    /// routes to the surviving model but leaves the answer's slug as it was; the slug decides for answers
    /// without a catalog route.
    /// </summary>
    public static string? ModelOf(IReadOnlyList<ComparedModel> models, string? modelSlug, int? routeId) =>
        (routeId is { } id ? models.FirstOrDefault(m => m.Details.Routes.Any(r => r.Id == id)) : null)?.Slug
        ?? models.FirstOrDefault(m => string.Equals(m.Slug, modelSlug, StringComparison.OrdinalIgnoreCase))?.Slug;

    private static double? Median(IEnumerable<double?> values)
    {
        var sorted = values.OfType<double>().Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double? Mean(IEnumerable<int?> values)
    {
        var present = values.OfType<int>().ToList();
        return present.Count == 0 ? null : present.Average();
    }
}
