using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelHub.Web.Features.Instances;
using ModelHub.Web.Features.Operations;

namespace ModelHub.Web.Data.Configurations;

internal sealed class InstanceLeaseConfiguration : IEntityTypeConfiguration<InstanceLease>
{
    public void Configure(EntityTypeBuilder<InstanceLease> builder)
    {
        builder.HasKey(l => l.Name);
        builder.Property(l => l.Name).HasMaxLength(100);
        builder.Property(l => l.Holder).HasMaxLength(100);
    }
}

internal sealed class RequestCounterConfiguration : IEntityTypeConfiguration<RequestCounter>
{
    public void Configure(EntityTypeBuilder<RequestCounter> builder)
    {
        builder.HasKey(c => c.Key);
        builder.Property(c => c.Key).HasMaxLength(RequestCounter.KeyLength).IsFixedLength();
        builder.HasIndex(c => c.ExpiresAtUtc);
    }
}
