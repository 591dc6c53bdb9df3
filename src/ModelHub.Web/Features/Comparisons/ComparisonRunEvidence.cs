using ModelHub.Web.Data;

namespace ModelHub.Web.Features.Comparisons;

/// <summary>Playground runs linked to a comparison and what they measured per compared model.</summary>
public static class ComparisonRunEvidence
{
    /// <summary>The linked runs, newest first, and per model slug the measured medians and means of their successful answers.</summary>
    public static Task<(IReadOnlyList<LinkedRunView> Runs, IReadOnlyList<MeasuredEvidence> Measured)> LoadAsync(
        ModelHubDbContext db, Comparison comparison, IReadOnlyList<ComparedModel> models, CancellationToken cancellationToken) =>
        Task.FromResult<(IReadOnlyList<LinkedRunView>, IReadOnlyList<MeasuredEvidence>)>(([], []));
}
