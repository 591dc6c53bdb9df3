using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ModelHub.Web.Data;

/// <summary>Marks a property whose value is a secret: it is encrypted with Data Protection before it reaches the database.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ProtectedSecretAttribute : Attribute;

/// <summary>
/// Encrypts secrets (provider API keys, extra headers) on the way into the database and decrypts
/// them on the way out. A prefix marks protected values so nothing is protected twice, as
/// bitwarden/server does; a value without it is read as it is.
/// </summary>
internal sealed class ProtectedStringConverter(IDataProtector protector) : ValueConverter<string, string>(
    value => Protect(protector, value),
    stored => Unprotect(protector, stored))
{
    public const string Prefix = "mhdp1:";

    public const string Purpose = "ModelHub.Secrets.v1";

    private static string Protect(IDataProtector protector, string value) =>
        value.StartsWith(Prefix, StringComparison.Ordinal) ? value : Prefix + protector.Protect(value);

    private static string Unprotect(IDataProtector protector, string stored) =>
        stored.StartsWith(Prefix, StringComparison.Ordinal) ? protector.Unprotect(stored[Prefix.Length..]) : stored;
}

/// <summary>
/// The protector secrets are encrypted with, found through the application's services. Design-time
/// tools (migrations) have none; they get one that refuses to run, since they never read secrets.
/// </summary>
internal static class SecretProtection
{
    public static IDataProtectionProvider? FindProvider(DbContext context) =>
        context.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<IDataProtectionProvider>();

    public static void ApplyProtectedSecrets(this ModelBuilder builder, DbContext context)
    {
        var protector = FindProvider(context)?.CreateProtector(ProtectedStringConverter.Purpose) ?? new UnavailableProtector();
        var converter = new ProtectedStringConverter(protector);
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            foreach (var property in entity.ClrType.GetProperties().Where(p => p.IsDefined(typeof(ProtectedSecretAttribute), false)))
            {
                builder.Entity(entity.ClrType).Property(property.Name).HasConversion(converter);
            }
        }
    }

    private sealed class UnavailableProtector : IDataProtector
    {
        public IDataProtector CreateProtector(string purpose) => this;

        public byte[] Protect(byte[] plaintext) => throw new InvalidOperationException("Secrets cannot be written without Data Protection.");

        public byte[] Unprotect(byte[] protectedData) => throw new InvalidOperationException("Secrets cannot be read without Data Protection.");
    }
}

/// <summary>
/// EF caches one model per context type, but the model holds the secret converter and with it one
/// application's key ring. Keying the cache by that application's Data Protection provider keeps
/// two hosts in one process (tests) from encrypting with each other's keys.
/// </summary>
internal sealed class SecretAwareModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        (context.GetType(), SecretProtection.FindProvider(context), designTime);
}
