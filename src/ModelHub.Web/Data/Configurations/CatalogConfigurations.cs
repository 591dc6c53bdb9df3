using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Catalog.Identity;

namespace ModelHub.Web.Data.Configurations;

internal sealed class CatalogSourceConfiguration : IEntityTypeConfiguration<CatalogSource>
{
    public void Configure(EntityTypeBuilder<CatalogSource> builder)
    {
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Name).HasMaxLength(300);
        builder.Property(s => s.Url).HasMaxLength(1000);
    }
}

internal sealed class CatalogModelConfiguration : IEntityTypeConfiguration<CatalogModel>
{
    public void Configure(EntityTypeBuilder<CatalogModel> builder)
    {
        builder.ToTable("Models");
        builder.HasIndex(m => m.Slug).IsUnique();
        builder.HasIndex(m => m.Name);
        builder.HasIndex(m => m.Lab);
        builder.HasIndex(m => m.ReleaseDate);
        builder.HasIndex(m => m.ContextWindow);
        builder.Property(m => m.Slug).HasMaxLength(CatalogRules.MaxSlugLength);
        builder.Property(m => m.Name).HasMaxLength(CatalogRules.MaxNameLength);
        builder.Property(m => m.Lab).HasMaxLength(CatalogRules.MaxLabLength);
        builder.Property(m => m.Family).HasMaxLength(CatalogRules.MaxFamilyLength);
        builder.Property(m => m.Description).HasMaxLength(CatalogRules.MaxDescriptionLength);
        builder.Property(m => m.Architecture).HasMaxLength(CatalogRules.MaxArchitectureLength);
        builder.Property(m => m.KnowledgeCutoff).HasMaxLength(CatalogRules.MaxKnowledgeCutoffLength);
        builder.Property(m => m.License).HasMaxLength(CatalogRules.MaxLicenseLength);
        builder.Property(m => m.Languages).HasMaxLength(CatalogRules.MaxLanguagesLength);
        builder.Property(m => m.HuggingFaceId).HasMaxLength(CatalogRules.MaxHuggingFaceIdLength);
        builder.Property(m => m.ParametersBillions).HasConversion<FixedPointConverter>();
        builder.Property(m => m.ActiveParametersBillions).HasConversion<FixedPointConverter>();
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.HasIndex(m => m.MergedIntoId);
        builder.HasQueryFilter(m => m.MergedIntoId == null);
        builder.HasOne(m => m.Source).WithMany().HasForeignKey(m => m.SourceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(m => m.Routes).WithOne(r => r.Model).HasForeignKey(r => r.ModelId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Benchmarks).WithOne().HasForeignKey(b => b.ModelId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(m => m.Claims).WithOne().HasForeignKey(c => c.ModelId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CatalogProviderConfiguration : IEntityTypeConfiguration<CatalogProvider>
{
    public void Configure(EntityTypeBuilder<CatalogProvider> builder)
    {
        builder.ToTable("Providers");
        builder.HasIndex(p => p.Slug).IsUnique();
        builder.Property(p => p.Slug).HasMaxLength(CatalogRules.MaxSlugLength);
        builder.Property(p => p.Name).HasMaxLength(CatalogRules.MaxNameLength);
        builder.Property(p => p.ApiStyle).HasConversion<string>().HasMaxLength(24);
        builder.Property(p => p.BaseUrl).HasMaxLength(CatalogRules.MaxProviderUrlLength);
        builder.Property(p => p.DocsUrl).HasMaxLength(CatalogRules.MaxProviderUrlLength);
        builder.Property(p => p.ApiKeyVariable).HasMaxLength(CatalogRules.MaxApiKeyVariableLength);
        builder.HasOne(p => p.Source).WithMany().HasForeignKey(p => p.SourceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CatalogRouteConfiguration : IEntityTypeConfiguration<CatalogRoute>
{
    public void Configure(EntityTypeBuilder<CatalogRoute> builder)
    {
        builder.ToTable("Routes");
        builder.HasIndex(r => new { r.ProviderId, r.ProviderModelId }).IsUnique();
        builder.HasIndex(r => new { r.ModelId, r.InputPricePerMillion });
        builder.HasIndex(r => new { r.ModelId, r.OutputPricePerMillion });
        builder.HasIndex(r => r.ProviderModelId);
        builder.Property(r => r.ProviderModelId).HasMaxLength(300);
        builder.Property(r => r.InputPricePerMillion).HasConversion<FixedPointConverter>();
        builder.Property(r => r.OutputPricePerMillion).HasConversion<FixedPointConverter>();
        builder.Property(r => r.CachedInputPricePerMillion).HasConversion<FixedPointConverter>();
        builder.Property(r => r.Quantization).HasMaxLength(CatalogRules.MaxQuantizationLength);
        builder.Property(r => r.Notes).HasMaxLength(CatalogRules.MaxRouteNotesLength);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasOne(r => r.Provider).WithMany().HasForeignKey(r => r.ProviderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Source).WithMany().HasForeignKey(r => r.SourceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.PriceHistory).WithOne().HasForeignKey(p => p.RouteId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RoutePriceChangeConfiguration : IEntityTypeConfiguration<RoutePriceChange>
{
    public void Configure(EntityTypeBuilder<RoutePriceChange> builder)
    {
        builder.ToTable("RoutePriceHistory");
        builder.HasIndex(p => new { p.RouteId, p.EffectiveAtUtc });
        builder.Property(p => p.InputPricePerMillion).HasConversion<FixedPointConverter>();
        builder.Property(p => p.OutputPricePerMillion).HasConversion<FixedPointConverter>();
        builder.Property(p => p.CachedInputPricePerMillion).HasConversion<FixedPointConverter>();
        builder.HasOne(p => p.Source).WithMany().HasForeignKey(p => p.SourceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BenchmarkScoreConfiguration : IEntityTypeConfiguration<BenchmarkScore>
{
    public void Configure(EntityTypeBuilder<BenchmarkScore> builder)
    {
        builder.ToTable("BenchmarkScores");
        // Leads with ModelId: the catalog looks scores up per model. An index leading with Benchmark
        // tempted SQLite into scanning every score of a benchmark once per model when sorting by it.
        builder.HasIndex(b => new { b.ModelId, b.Benchmark, b.Variant, b.SourceId }).IsUnique();
        builder.Property(b => b.Benchmark).HasMaxLength(CatalogRules.MaxBenchmarkNameLength);
        builder.Property(b => b.Variant).HasMaxLength(CatalogRules.MaxBenchmarkNameLength);
        builder.Property(b => b.Score).HasConversion<FixedPointConverter>();
        builder.Property(b => b.ScaleMax).HasConversion<FixedPointConverter>();
        builder.HasOne(b => b.Source).WithMany().HasForeignKey(b => b.SourceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FactClaimConfiguration : IEntityTypeConfiguration<FactClaim>
{
    public void Configure(EntityTypeBuilder<FactClaim> builder)
    {
        builder.ToTable("FactClaims");
        builder.HasIndex(c => new { c.ModelId, c.Field, c.SourceId }).IsUnique();
        // Fields are the row labels of the source pages, some of them long (a seed page has one of 74 characters).
        builder.Property(c => c.Field).HasMaxLength(200);
        builder.Property(c => c.Value).HasMaxLength(2000);
        builder.HasOne(c => c.Source).WithMany().HasForeignKey(c => c.SourceId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ModelAliasConfiguration : IEntityTypeConfiguration<ModelAlias>
{
    public void Configure(EntityTypeBuilder<ModelAlias> builder)
    {
        builder.ToTable("ModelAliases");
        builder.HasIndex(a => new { a.Key, a.ProviderSlug });
        builder.HasIndex(a => a.ChangeId);
        builder.Property(a => a.ProviderSlug).HasMaxLength(CatalogRules.MaxSlugLength);
        builder.Property(a => a.Key).HasMaxLength(300);
        builder.HasOne<CatalogModel>().WithMany().HasForeignKey(a => a.ModelId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CatalogIdentityChangeConfiguration : IEntityTypeConfiguration<CatalogIdentityChange>
{
    public void Configure(EntityTypeBuilder<CatalogIdentityChange> builder)
    {
        builder.ToTable("CatalogIdentityChanges");
        builder.HasIndex(c => c.AtUtc);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.Summary).HasMaxLength(500);
        builder.Property(c => c.Record).HasMaxLength(100_000);
        builder.Property(c => c.ByUserId).HasMaxLength(450);
        builder.Property(c => c.ByEmail).HasMaxLength(256);
        builder.Property(c => c.UndoneByEmail).HasMaxLength(256);
    }
}

internal sealed class CatalogReviewItemConfiguration : IEntityTypeConfiguration<CatalogReviewItem>
{
    public void Configure(EntityTypeBuilder<CatalogReviewItem> builder)
    {
        builder.ToTable("CatalogReviewItems");
        builder.HasIndex(r => new { r.ProviderSlug, r.ProviderModelId }).IsUnique();
        builder.Property(r => r.ProviderSlug).HasMaxLength(CatalogRules.MaxSlugLength);
        builder.Property(r => r.ProviderModelId).HasMaxLength(300);
        builder.Property(r => r.Reason).HasMaxLength(1000);
        builder.Property(r => r.Candidates).HasMaxLength(2000);
        builder.Property(r => r.Payload).HasMaxLength(20_000);
        builder.Property(r => r.SourceName).HasMaxLength(300);
    }
}
