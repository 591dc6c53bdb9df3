using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Comparisons;

namespace ModelHub.Web.Features.Evaluations;

/// <summary>
/// Carries the team's evaluations into its saved comparisons: each compared model's rubric scores (scaled 0 to 1),
/// blind-vote rating (as its expected win rate against an average model) and notes, with their counts. The
/// comparison service has already checked the caller's team.
/// </summary>
public sealed class EvaluationEvidenceSource(LeaderboardService leaderboard, IDbContextFactory<ModelHubDbContext> databases) : IComparisonEvidenceSource
{
    public const string VoteLabel = "Blind vote rating";
    public const string NotesLabel = "Team notes";

    public async Task<IReadOnlyList<EvaluationEvidence>> GetAsync(Guid teamId, IReadOnlyList<string> modelSlugs, CancellationToken cancellationToken)
    {
        var board = await leaderboard.ComputeForTeamAsync(teamId, cancellationToken);
        var wanted = modelSlugs.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var evidence = new List<EvaluationEvidence>();
        var criterionNames = board.Criteria.GroupBy(c => c.Criterion, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        foreach (var criterion in board.Criteria.Where(c => c.Kind != nameof(CriterionKind.Categorical)))
        {
            // The same criterion name in two rubrics would merge two scales; the rubric's name keeps them apart.
            var label = criterionNames[criterion.Criterion] > 1 ? $"{criterion.Criterion} ({criterion.Rubric})" : criterion.Criterion;
            foreach (var row in criterion.Models.Where(r => r.ModelSlug is not null && wanted.Contains(r.ModelSlug)))
            {
                evidence.Add(criterion.Kind == nameof(CriterionKind.Numeric)
                    ? new EvaluationEvidence(row.ModelSlug!, label, Scaled(row.Mean, criterion.Min, criterion.Max), row.Count,
                        $"{Number(row.Mean)} of {Number(criterion.Max)} (95% {Number(row.Low)}–{Number(row.High)})", row.TooFewToRank)
                    : new EvaluationEvidence(row.ModelSlug!, label, row.PassRate, row.Count,
                        $"{Percent(row.PassRate)} pass (95% {Percent(row.Low)}–{Percent(row.High)})", row.TooFewToRank));
            }
        }

        foreach (var row in board.Pairwise.Models.Where(r => r.ModelSlug is not null && wanted.Contains(r.ModelSlug)))
        {
            var expected = 1 / (1 + Math.Pow(10, (1000 - row.Rating) / 400));
            evidence.Add(new EvaluationEvidence(row.ModelSlug!, VoteLabel, expected, row.Votes,
                $"{row.Rating:0} (95% {row.Low:0}–{row.High:0}; {row.Wins} won, {row.Losses} lost, {row.Ties} tied)", row.TooFewToRank));
        }

        evidence.AddRange(await NotesAsync(teamId, modelSlugs, cancellationToken));
        return evidence;
    }

    private async Task<IReadOnlyList<EvaluationEvidence>> NotesAsync(Guid teamId, IReadOnlyList<string> modelSlugs, CancellationToken cancellationToken)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var slugs = modelSlugs.ToList();
        var compared = await db.Models.AsNoTracking().Where(m => slugs.Contains(m.Slug)).ToDictionaryAsync(m => m.Id, m => m.Slug, cancellationToken);
        var notes = await db.EvaluationNotes.AsNoTracking()
            .Where(n => n.TeamId == teamId && (n.ModelId != null || n.RouteId != null))
            .Select(n => new { n.ModelId, n.RouteId, n.Verdict, RouteModelId = db.Routes.Where(r => r.Id == n.RouteId).Select(r => (int?)r.ModelId).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        // Each note counts for the model its route belongs to now, else its recorded model with merges followed (as the notes list does).
        var current = await CurrentModels.LoadAsync(db, cancellationToken);
        var counts = notes
            .Select(n => (Slug: (n.RouteModelId ?? current.Resolve(n.ModelId)) is { } id ? compared.GetValueOrDefault(id) : null, n.Verdict))
            .Where(n => n.Slug is not null)
            .GroupBy(n => (n.Slug!, n.Verdict))
            .Select(g => new { Slug = g.Key.Item1, g.Key.Verdict, Count = g.Count() })
            .ToList();
        return counts.GroupBy(c => c.Slug).Select(g =>
        {
            var total = g.Sum(c => c.Count);
            var verdicts = g.Where(c => c.Verdict is not null).OrderBy(c => c.Verdict)
                .Select(c => $"{c.Count} {NoteService.VerdictText(c.Verdict!.Value)}").ToList();
            var display = $"{total} note{(total == 1 ? "" : "s")}{(verdicts.Count > 0 ? ": " + string.Join(", ", verdicts) : "")}";
            // Notes are read, not averaged: no score, so they never move the ranking.
            return new EvaluationEvidence(g.Key, NotesLabel, null, total, display, TooFewToRank: false);
        }).ToList();
    }

    private static double? Scaled(double? mean, double? min, double? max) =>
        mean is { } m && min is { } lo && max is { } hi && hi > lo ? Math.Clamp((m - lo) / (hi - lo), 0, 1) : null;

    private static string Number(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "—";

    private static string Percent(double? value) => value is { } v ? v.ToString("0%", CultureInfo.InvariantCulture) : "—";
}
