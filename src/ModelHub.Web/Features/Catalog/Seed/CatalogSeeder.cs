using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Administration;

namespace ModelHub.Web.Features.Catalog.Seed;

/// <summary>
/// Puts catalog-seed.json into the database once per seed version, in one transaction. Every row
/// points at the page it came from; each model's scalar facts are also kept as claims of its own
/// source, so a different value claimed by another page shows up as a disagreement.
/// </summary>
public sealed partial class CatalogSeeder(ModelHubDbContext db, TimeProvider clock, ILogger<CatalogSeeder> logger)
{
    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        var seed = SeedFile.Load();
        var settings = await db.InstanceSettings.SingleAsync(s => s.Id == InstanceSettings.SingletonId, cancellationToken);
        if (settings.CatalogSeedVersion >= seed.Version)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        var sources = seed.Sources.ToDictionary(s => s.Key, s => new CatalogSource
        {
            Kind = CatalogSourceKind.Seed,
            Name = s.Name,
            Url = s.Url,
            PublishedOn = s.PublishedOn,
            CreatedAtUtc = now,
        });
        db.CatalogSources.AddRange(sources.Values);

        var existingProviders = await db.Providers.ToDictionaryAsync(p => p.Slug, cancellationToken);
        var providers = new Dictionary<string, CatalogProvider>(existingProviders);
        foreach (var p in seed.Providers.Where(p => !existingProviders.ContainsKey(p.Slug)))
        {
            var provider = new CatalogProvider
            {
                Slug = p.Slug,
                Name = p.Name,
                ApiStyle = p.ApiStyle,
                BaseUrl = p.BaseUrl,
                DocsUrl = p.DocsUrl,
                ApiKeyVariable = p.ApiKeyVariable,
                Source = sources[p.Source],
            };
            providers[p.Slug] = provider;
            db.Providers.Add(provider);
        }

        var existingSlugs = await db.Models.Select(m => m.Slug).ToListAsync(cancellationToken);
        foreach (var m in seed.Models.Where(m => !existingSlugs.Contains(m.Slug)))
        {
            db.Models.Add(ToModel(m, sources, providers, now));
        }

        settings.CatalogSeedVersion = seed.Version;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogSeeded(seed.Version, seed.Models.Count);
    }

    private static CatalogModel ToModel(SeedModel m, Dictionary<string, CatalogSource> sources, Dictionary<string, CatalogProvider> providers, DateTime now)
    {
        var source = sources[m.Source];
        var model = new CatalogModel
        {
            Slug = m.Slug,
            Name = m.Name,
            Lab = m.Lab,
            Family = m.Family,
            Description = m.Description,
            ReleaseDate = m.ReleaseDate,
            ParametersBillions = m.ParametersBillions,
            ActiveParametersBillions = m.ActiveParametersBillions,
            Architecture = m.Architecture,
            ContextWindow = m.ContextWindow,
            MaxOutputTokens = m.MaxOutput,
            KnowledgeCutoff = m.KnowledgeCutoff,
            License = m.License,
            OpenWeights = m.OpenWeights,
            InputModalities = Combine(m.Input),
            OutputModalities = Combine(m.Output),
            Capabilities = Combine(m.Capabilities),
            Languages = m.Languages,
            HuggingFaceId = m.HuggingFaceId,
            Status = m.Status,
            Source = source,
            UpdatedAtUtc = now,
        };

        foreach (var (field, value) in FactClaims.Describe(model))
        {
            model.Claims.Add(new FactClaim { Field = field, Value = value, Source = source });
        }

        foreach (var claim in m.Claims ?? [])
        {
            // A page may restate a fact its model's own source already gave; keep one claim per source and field.
            model.Claims.RemoveAll(c => c.Source == sources[claim.Source] && c.Field == claim.Field);
            model.Claims.Add(new FactClaim { Field = claim.Field, Value = claim.Value, Source = sources[claim.Source] });
        }

        foreach (var r in m.Routes ?? [])
        {
            var route = new CatalogRoute
            {
                Provider = providers[r.Provider],
                ProviderModelId = r.ModelId,
                InputPricePerMillion = r.Input,
                OutputPricePerMillion = r.Output,
                CachedInputPricePerMillion = r.CachedInput,
                ContextWindow = r.ContextWindow,
                MaxOutputTokens = r.MaxOutput,
                Quantization = r.Quantization,
                IsFree = r.Free,
                IsWeightsOnly = r.WeightsOnly,
                Notes = r.Notes,
                Source = sources[r.Source],
                UpdatedAtUtc = now,
            };
            if (r.Input is not null || r.Output is not null)
            {
                route.PriceHistory.Add(new RoutePriceChange
                {
                    InputPricePerMillion = r.Input,
                    OutputPricePerMillion = r.Output,
                    CachedInputPricePerMillion = r.CachedInput,
                    EffectiveAtUtc = now,
                    Source = sources[r.Source],
                });
            }

            model.Routes.Add(route);
        }

        foreach (var b in m.Benchmarks ?? [])
        {
            model.Benchmarks.Add(new BenchmarkScore
            {
                Benchmark = b.Benchmark,
                Variant = b.Variant ?? "",
                Score = b.Score,
                ScaleMax = b.ScaleMax ?? 100,
                Source = sources[b.Source],
            });
        }

        return model;
    }

    private static T Combine<T>(List<T>? flags) where T : struct, Enum =>
        (T)(object)(flags ?? []).Aggregate(0, (all, flag) => all | Convert.ToInt32(flag));

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog seed v{Version} applied: {ModelCount} models")]
    private partial void LogSeeded(int version, int modelCount);
}
