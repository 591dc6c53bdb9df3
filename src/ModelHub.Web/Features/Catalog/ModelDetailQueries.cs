using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;

namespace ModelHub.Web.Features.Catalog;

/// <summary>Reads whole models (routes, benchmarks, sourced claims and disagreements) for the model page, compare and the API.</summary>
public sealed class ModelDetailQueries(IDbContextFactory<ModelHubDbContext> dbFactory)
{
    public async Task<ModelDetails?> GetAsync(string slug, CancellationToken cancellationToken = default) =>
        (await GetManyAsync([slug], cancellationToken)).SingleOrDefault();

    /// <summary>
    /// Full details of several models, in the order of <paramref name="slugs"/>, each with its routes, benchmarks and
    /// (unless <paramref name="withClaims"/> is false, for readers that never show them) sourced claims.
    /// </summary>
    public async Task<IReadOnlyList<ModelDetails>> GetManyAsync(IReadOnlyList<string> slugs, CancellationToken cancellationToken = default, bool withClaims = true)
    {
        if (slugs.Count == 0)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.Models.AsNoTracking()
            .Where(m => slugs.Contains(m.Slug))
            .Include(m => m.Source)
            .Include(m => m.Routes).ThenInclude(r => r.Provider)
            .Include(m => m.Routes).ThenInclude(r => r.Source)
            .Include(m => m.Benchmarks).ThenInclude(b => b.Source);
        var models = await (withClaims ? query.Include(m => m.Claims).ThenInclude(c => c.Source) : query)
            .AsSplitQuery()
            .ToListAsync(cancellationToken);

        var bySlug = models.ToDictionary(m => m.Slug);
        return slugs.Where(bySlug.ContainsKey).Select(s => ToDetails(bySlug[s])).ToList();
    }

    /// <summary>Where a merged model's slug now leads: the slug of the model it was merged into (following later merges), or null.</summary>
    public async Task<string?> MergedIntoAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var merged = await db.Models.IgnoreQueryFilters().AsNoTracking()
            .Where(m => m.MergedIntoId != null)
            .Select(m => new { m.Slug, m.Id, m.MergedIntoId })
            .ToListAsync(cancellationToken);
        var current = merged.FirstOrDefault(m => m.Slug == slug);
        for (var hops = 0; current is not null && hops < 20; hops++)
        {
            var next = current.MergedIntoId!.Value;
            current = merged.FirstOrDefault(m => m.Id == next);
            if (current is null)
            {
                return await db.Models.Where(m => m.Id == next).Select(m => m.Slug).SingleOrDefaultAsync(cancellationToken);
            }
        }

        return null;
    }

    /// <summary>The model's concurrency version, which an editor sends back so a newer save is not overwritten.</summary>
    public async Task<Guid?> VersionAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Models.Where(m => m.Slug == slug).Select(m => (Guid?)m.Version).SingleOrDefaultAsync(cancellationToken);
    }

    private static ModelDetails ToDetails(CatalogModel m)
    {
        var claims = m.Claims.Select(c => new ClaimView(c.Field, c.Value, ToView(c.Source))).OrderBy(c => c.Field).ToList();
        var disagreements = claims
            .GroupBy(c => c.Field)
            .Where(g => g.Select(c => FactClaims.Normalize(c.Value)).Distinct().Count() > 1)
            .Select(g => new Disagreement(g.Key, g.ToList()))
            .ToList();

        return new ModelDetails(
            m.Id, m.Slug, m.Name, m.Lab, m.Family, m.Description, m.ReleaseDate, m.ParametersBillions, m.ActiveParametersBillions,
            m.Architecture, m.ContextWindow, m.MaxOutputTokens, m.KnowledgeCutoff, m.License, m.OpenWeights,
            m.InputModalities, m.OutputModalities, m.Capabilities, m.Languages, m.HuggingFaceId, m.Status, m.UpdatedAtUtc,
            ToView(m.Source),
            m.Routes
                .OrderBy(r => r.IsWeightsOnly)
                .ThenBy(r => r.InputPricePerMillion ?? decimal.MaxValue)
                .ThenBy(r => r.Provider.Name)
                .Select(r => new RouteView(r.Id, r.Provider.Slug, r.Provider.Name, r.Provider.ApiStyle, r.Provider.BaseUrl, r.Provider.ApiKeyVariable,
                    r.ProviderModelId, r.InputPricePerMillion, r.OutputPricePerMillion, r.CachedInputPricePerMillion, r.ContextWindow, r.MaxOutputTokens,
                    r.Quantization, r.IsFree, r.IsWeightsOnly, r.Notes, r.Status, ToView(r.Source)) { UpdatedAtUtc = r.UpdatedAtUtc })
                .ToList(),
            m.Benchmarks
                .OrderBy(b => b.Variant)
                .ThenByDescending(b => b.Score / b.ScaleMax)
                .Select(b => new BenchmarkView(b.Benchmark, b.Variant, b.Score, b.ScaleMax, ToView(b.Source)))
                .ToList(),
            claims,
            disagreements);
    }

    private static SourceView ToView(CatalogSource s) => new(s.Id, s.Kind, s.Name, s.Url, s.PublishedOn, s.CreatedAtUtc);
}
