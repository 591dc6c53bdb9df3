using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelHub.Web.Features.Playground;
using ModelHub.Web.Features.Playground.Connections;
using ModelHub.Web.Features.Playground.Prompts;
using ModelHub.Web.Features.Playground.Runs;
using ModelHub.Web.Features.Teams;

namespace ModelHub.Web.Data.Configurations;

internal sealed class ProviderConnectionConfiguration : IEntityTypeConfiguration<ProviderConnection>
{
    public void Configure(EntityTypeBuilder<ProviderConnection> builder)
    {
        builder.HasIndex(c => new { c.TeamId, c.Name }).IsUnique();
        builder.Property(c => c.Name).HasMaxLength(PlaygroundRules.MaxConnectionNameLength);
        builder.Property(c => c.ApiStyle).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.BaseUrl).HasMaxLength(PlaygroundRules.MaxUrlLength);
        builder.Property(c => c.ApiKeyHint).HasMaxLength(8);
        builder.Property(c => c.CreatedByUserId).HasMaxLength(450);
        builder.Property(c => c.LastTestResult).HasMaxLength(1000);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasOne<Team>().WithMany().HasForeignKey(c => c.TeamId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(c => c.CatalogProvider).WithMany().HasForeignKey(c => c.CatalogProviderId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class PlaygroundRunConfiguration : IEntityTypeConfiguration<PlaygroundRun>
{
    public void Configure(EntityTypeBuilder<PlaygroundRun> builder)
    {
        builder.HasIndex(r => new { r.TeamId, r.CreatedAtUtc });
        builder.HasIndex(r => new { r.Status, r.LeaseExpiresAtUtc });
        builder.HasIndex(r => new { r.AuthorUserId, r.CreatedAtUtc });
        builder.Property(r => r.AuthorUserId).HasMaxLength(450);
        builder.Property(r => r.OwnerInstance).HasMaxLength(100);
        builder.Property(r => r.Title).HasMaxLength(PlaygroundRules.MaxTitleLength);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Team>().WithMany().HasForeignKey(r => r.TeamId).OnDelete(DeleteBehavior.Cascade);
        // No foreign key to the author: a run stays in the team's history after its author's account is deleted.
        builder.HasMany(r => r.Targets).WithOne(t => t.Run).HasForeignKey(t => t.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RunTargetConfiguration : IEntityTypeConfiguration<RunTarget>
{
    public void Configure(EntityTypeBuilder<RunTarget> builder)
    {
        builder.HasIndex(t => new { t.RunId, t.Position }).IsUnique();
        builder.HasIndex(t => t.Status);
        builder.Property(t => t.ConnectionName).HasMaxLength(PlaygroundRules.MaxConnectionNameLength);
        builder.Property(t => t.ApiStyle).HasConversion<string>().HasMaxLength(32);
        builder.Property(t => t.ModelSlug).HasMaxLength(200);
        builder.Property(t => t.ProviderModelId).HasMaxLength(PlaygroundRules.MaxModelIdLength);
        builder.Property(t => t.DisplayName).HasMaxLength(300);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.ErrorKind).HasMaxLength(32);
        builder.Property(t => t.ErrorMessage).HasMaxLength(2000);
        builder.Property(t => t.ErrorDetail).HasMaxLength(4000);
        builder.Property(t => t.FinishReason).HasMaxLength(64);
        builder.Property(t => t.InputPricePerMillion).HasConversion<FixedPointConverter>();
        builder.Property(t => t.OutputPricePerMillion).HasConversion<FixedPointConverter>();
        builder.Property(t => t.CostUsd).HasConversion<FixedPointConverter>();
        // SQL Server refuses a second cascade path from Team; ConnectionService clears the link before deleting.
        builder.HasOne<ProviderConnection>().WithMany().HasForeignKey(t => t.ConnectionId).OnDelete(DeleteBehavior.ClientSetNull);
    }
}

internal sealed class SavedPromptConfiguration : IEntityTypeConfiguration<SavedPrompt>
{
    public void Configure(EntityTypeBuilder<SavedPrompt> builder)
    {
        builder.HasIndex(p => new { p.TeamId, p.Name }).IsUnique();
        builder.Property(p => p.Name).HasMaxLength(PlaygroundRules.MaxPromptNameLength);
        builder.Property(p => p.CreatedByUserId).HasMaxLength(450);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasOne<Team>().WithMany().HasForeignKey(p => p.TeamId).OnDelete(DeleteBehavior.Cascade);
    }
}
