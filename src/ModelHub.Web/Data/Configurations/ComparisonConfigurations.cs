using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Comparisons;
using ModelHub.Web.Features.Teams;

namespace ModelHub.Web.Data.Configurations;

internal sealed class ComparisonConfiguration : IEntityTypeConfiguration<Comparison>
{
    public void Configure(EntityTypeBuilder<Comparison> builder)
    {
        builder.ToTable("Comparisons");
        builder.HasIndex(c => new { c.TeamId, c.UpdatedAtUtc });
        builder.Property(c => c.Name).HasMaxLength(ComparisonService.MaxNameLength);
        builder.Property(c => c.Notes).HasMaxLength(ComparisonService.MaxNotesLength);
        builder.Property(c => c.CachedInputShare).HasConversion<FixedPointConverter>();
        builder.Property(c => c.CreatedByUserId).HasMaxLength(450);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasOne<Team>().WithMany().HasForeignKey(c => c.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Models).WithOne().HasForeignKey(m => m.ComparisonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Snapshots).WithOne().HasForeignKey(s => s.ComparisonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Revisions).WithOne().HasForeignKey(r => r.ComparisonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Runs).WithOne().HasForeignKey(r => r.ComparisonId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(c => c.RequirementsJson).HasMaxLength(4000);
        builder.Property(c => c.WeightsJson).HasMaxLength(1000);
        builder.Property(c => c.ChosenModelName).HasMaxLength(300);
        builder.Property(c => c.DecisionRationale).HasMaxLength(ComparisonService.MaxRationaleLength);
        builder.Property(c => c.DecidedByEmail).HasMaxLength(256);
    }
}

internal sealed class ComparisonModelConfiguration : IEntityTypeConfiguration<ComparisonModel>
{
    public void Configure(EntityTypeBuilder<ComparisonModel> builder)
    {
        builder.ToTable("ComparisonModels");
        builder.HasIndex(m => new { m.ComparisonId, m.ModelId }).IsUnique();
        builder.HasIndex(m => m.ModelId);
    }
}

internal sealed class ComparisonRouteSnapshotConfiguration : IEntityTypeConfiguration<ComparisonRouteSnapshot>
{
    public void Configure(EntityTypeBuilder<ComparisonRouteSnapshot> builder)
    {
        builder.ToTable("ComparisonRouteSnapshots");
        builder.HasIndex(s => new { s.ComparisonId, s.RouteId });
        builder.Property(s => s.InputPricePerMillion).HasConversion<FixedPointConverter>();
        builder.Property(s => s.OutputPricePerMillion).HasConversion<FixedPointConverter>();
        builder.Property(s => s.CachedInputPricePerMillion).HasConversion<FixedPointConverter>();
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
    }
}

internal sealed class ComparisonRevisionConfiguration : IEntityTypeConfiguration<ComparisonRevision>
{
    public void Configure(EntityTypeBuilder<ComparisonRevision> builder)
    {
        builder.ToTable("ComparisonRevisions");
        builder.HasIndex(r => new { r.ComparisonId, r.AtUtc });
        builder.Property(r => r.ByUserId).HasMaxLength(450);
        builder.Property(r => r.ByEmail).HasMaxLength(256);
        builder.Property(r => r.Summary).HasMaxLength(1000);
    }
}

internal sealed class ComparisonRunConfiguration : IEntityTypeConfiguration<ComparisonRun>
{
    public void Configure(EntityTypeBuilder<ComparisonRun> builder)
    {
        builder.ToTable("ComparisonRuns");
        builder.HasIndex(r => new { r.ComparisonId, r.RunId }).IsUnique();
        builder.HasIndex(r => r.RunId);
        builder.Property(r => r.LinkedByUserId).HasMaxLength(450);
    }
}

internal sealed class ComparisonSeenConfiguration : IEntityTypeConfiguration<ComparisonSeen>
{
    public void Configure(EntityTypeBuilder<ComparisonSeen> builder)
    {
        builder.ToTable("ComparisonsSeen");
        builder.HasKey(s => new { s.ComparisonId, s.UserId });
        builder.HasIndex(s => s.UserId);
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.HasOne<Comparison>().WithMany().HasForeignKey(s => s.ComparisonId).OnDelete(DeleteBehavior.Cascade);
    }
}
