using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ModelHub.Web.Features.Instances;

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
