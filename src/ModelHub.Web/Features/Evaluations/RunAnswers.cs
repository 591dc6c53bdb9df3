using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Playground.Runs;
using ModelHub.Web.Features.Teams;

namespace ModelHub.Web.Features.Evaluations;

/// <summary>One answer of a team's run, with the catalog model it came from as the catalog knows it now.</summary>
public sealed record RunAnswer(
    Guid RunTargetId, Guid RunId, int Position, string DisplayName, string ProviderModelId, int? RouteId, int? ModelId, string? ModelSlug,
    string? ModelName, RunStatus Status, string RunTitle, string PromptId, double? TimeToFirstTokenMs, double? TotalMs, decimal? CostUsd);

/// <summary>
/// Finds run answers of the caller's team and the model each one answered for. The route decides first (a
/// catalog merge moves routes, so it stays right); the slug recorded at run time is the fallback.
/// </summary>
public static class RunAnswers
{
    public static async Task<IReadOnlyDictionary<Guid, RunAnswer>> FindAsync(
        ModelHubDbContext db, TeamMembership membership, IReadOnlyCollection<Guid> runTargetIds, CancellationToken cancellationToken)
    {
        if (runTargetIds.Count == 0)
        {
            return new Dictionary<Guid, RunAnswer>();
        }

        var rows = await db.RunTargets.AsNoTracking()
            .Where(t => runTargetIds.Contains(t.Id) && t.Run.TeamId == membership.TeamId)
            .Select(t => new
            {
                t.Id, t.RunId, t.Position, t.DisplayName, t.ProviderModelId, t.RouteId, t.ModelSlug, t.Status, t.Run.Title, t.Run.SystemPrompt,
                t.Run.MessagesJson, t.TimeToFirstTokenMs, t.TotalMs, t.CostUsd,
                RouteModel = db.Routes.Where(r => r.Id == t.RouteId).Select(r => new { r.Model.Id, r.Model.Slug, r.Model.Name }).FirstOrDefault(),
                SlugModel = db.Models.Where(m => m.Slug == t.ModelSlug).Select(m => new { m.Id, m.Slug, m.Name }).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Id, r =>
        {
            var model = r.RouteModel ?? r.SlugModel;
            return new RunAnswer(r.Id, r.RunId, r.Position, r.DisplayName, r.ProviderModelId, r.RouteId, model?.Id, model?.Slug ?? r.ModelSlug, model?.Name,
                r.Status, r.Title, PromptIdentity.Of(r.SystemPrompt, r.MessagesJson), r.TimeToFirstTokenMs, r.TotalMs, r.CostUsd);
        });
    }

    public static async Task<RunAnswer> FindAsync(ModelHubDbContext db, TeamMembership membership, Guid runTargetId, string field, CancellationToken cancellationToken) =>
        (await FindAsync(db, membership, [runTargetId], cancellationToken)).GetValueOrDefault(runTargetId)
        ?? throw new Common.NotFoundException($"{field}: that run answer does not exist in this team.");
}
