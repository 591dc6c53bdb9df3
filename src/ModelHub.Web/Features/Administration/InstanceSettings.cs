namespace ModelHub.Web.Features.Administration;

/// <summary>Instance-wide switches an administrator changes at run time; a single row.</summary>
public sealed class InstanceSettings
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public bool RegistrationOpen { get; set; } = true;

    /// <summary>The catalog seed version applied to this instance; the seed runs once per version.</summary>
    public int CatalogSeedVersion { get; set; }
}
