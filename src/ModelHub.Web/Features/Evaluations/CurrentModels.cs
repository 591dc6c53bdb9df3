using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Common;

namespace ModelHub.Web.Features.Evaluations;

/// <summary>
/// Which catalog model a note or score counts for now. A catalog merge moves the merged model's routes to the target and
/// hides the merged model, so evidence follows its route when it has one, and otherwise follows the merge from the
/// model recorded when it was written. A model's old slug keeps finding its evidence, as the model page's old address does.
/// </summary>
public sealed class CurrentModels
{
    private readonly IReadOnlyDictionary<int, int> mergedInto;

    private CurrentModels(IReadOnlyDictionary<int, int> mergedInto) => this.mergedInto = mergedInto;

    public static async Task<CurrentModels> LoadAsync(ModelHubDbContext db, CancellationToken cancellationToken) =>
        new(await db.Models.IgnoreQueryFilters().AsNoTracking().Where(m => m.MergedIntoId != null)
            .ToDictionaryAsync(m => m.Id, m => m.MergedIntoId!.Value, cancellationToken));

    /// <summary>The model an id stands for now: itself, or where its merges lead.</summary>
    public int Resolve(int modelId)
    {
        var seen = new HashSet<int>();
        var id = modelId;
        while (mergedInto.TryGetValue(id, out var next) && seen.Add(id))
        {
            id = next;
        }

        return id;
    }

    public int? Resolve(int? modelId) => modelId is { } id ? Resolve(id) : null;

    /// <summary>The model and every model merged into it, however many merges ago.</summary>
    public IReadOnlyList<int> WithMerged(int modelId) => [modelId, .. mergedInto.Keys.Where(id => id != modelId && Resolve(id) == modelId)];

    /// <summary>The id of the model a slug names now, following merges; 404 naming <paramref name="field"/> when no catalog model ever had it.</summary>
    public async Task<int> ResolveSlugAsync(ModelHubDbContext db, string slug, string field, CancellationToken cancellationToken)
    {
        var id = await db.Models.IgnoreQueryFilters().AsNoTracking().Where(m => m.Slug == slug).Select(m => (int?)m.Id).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"{field}: no catalog model has the slug '{slug}'.");
        return Resolve(id);
    }

    /// <summary>The ids whose evidence counts for the model a slug names now: it and every model merged into it.</summary>
    public async Task<List<int>> FindAsync(ModelHubDbContext db, string slug, string field, CancellationToken cancellationToken) =>
        [.. WithMerged(await ResolveSlugAsync(db, slug, field, cancellationToken))];
}
