using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelHub.Web.Features.AccessTokens;
using ModelHub.Web.Features.Accounts;
using ModelHub.Web.Features.Administration;
using ModelHub.Web.Features.Mail;

namespace ModelHub.Web.Data.Configurations;

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(100);
        builder.Property(u => u.Theme).HasConversion<string>().HasMaxLength(16);
    }
}

internal sealed class PersonalAccessTokenConfiguration : IEntityTypeConfiguration<PersonalAccessToken>
{
    public void Configure(EntityTypeBuilder<PersonalAccessToken> builder)
    {
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.UserId);
        builder.Property(t => t.Name).HasMaxLength(AccessTokenRules.MaxNameLength);
        builder.Property(t => t.TokenHash).HasMaxLength(64);
        builder.Property(t => t.DisplayPrefix).HasMaxLength(16);
        // Stored as flags; the migration gives existing tokens all scopes, as they had before scopes existed.
        builder.Property(t => t.Scopes);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.Property(m => m.To).HasMaxLength(256);
        builder.Property(m => m.Subject).HasMaxLength(256);
        builder.HasIndex(m => m.CreatedAtUtc);
    }
}

internal sealed class InstanceSettingsConfiguration : IEntityTypeConfiguration<InstanceSettings>
{
    public void Configure(EntityTypeBuilder<InstanceSettings> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasData(new InstanceSettings { Id = InstanceSettings.SingletonId, RegistrationOpen = true });
    }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> builder)
    {
        builder.Property(k => k.FriendlyName).HasMaxLength(256);
        // The package's entity allows null; a key is never stored without its XML.
        builder.Property(k => k.Xml).IsRequired();
    }
}
