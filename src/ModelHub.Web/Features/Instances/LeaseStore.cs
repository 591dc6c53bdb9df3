using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;

namespace ModelHub.Web.Features.Instances;

/// <summary>
/// Leases in the shared database. Taking one is a single conditional UPDATE (free or expired or
/// already ours), or an INSERT when the lease has never existed; the primary key settles two
/// instances inserting at once. So two instances never both believe they hold it, whatever the provider.
/// </summary>
public sealed class LeaseStore(IDbContextFactory<ModelHubDbContext> databases, InstanceIdentity instance, TimeProvider clock)
{
    /// <summary>
    /// Takes <paramref name="name"/> for <paramref name="duration"/> when it is free or expired, or
    /// renews it when this instance holds it and <paramref name="renewIfHeld"/>; false otherwise.
    /// </summary>
    public async Task<bool> TryAcquireAsync(string name, TimeSpan duration, bool renewIfHeld = true, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var until = now + duration;
        var holder = renewIfHeld ? instance.Name : null;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var taken = await db.InstanceLeases
            .Where(l => l.Name == name && (l.Holder == holder || l.ExpiresAtUtc < now))
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, instance.Name).SetProperty(l => l.ExpiresAtUtc, until), cancellationToken);
        if (taken == 1)
        {
            return true;
        }

        if (await db.InstanceLeases.AnyAsync(l => l.Name == name, cancellationToken))
        {
            return false;
        }

        db.InstanceLeases.Add(new InstanceLease { Name = name, Holder = instance.Name, ExpiresAtUtc = until });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // Another instance inserted it first.
            return false;
        }
    }

    /// <summary>Gives the lease up early, if this instance still holds it.</summary>
    public async Task ReleaseAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        await db.InstanceLeases.Where(l => l.Name == name && l.Holder == instance.Name)
            .ExecuteDeleteAsync(cancellationToken);
    }
}
