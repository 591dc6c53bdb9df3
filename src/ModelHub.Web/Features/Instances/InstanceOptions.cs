using System.ComponentModel.DataAnnotations;

namespace ModelHub.Web.Features.Instances;

/// <summary>Settings under <c>Instance</c>: how this process names itself among several on one database.</summary>
public sealed class InstanceOptions
{
    public const string Section = "Instance";

    /// <summary>The name's configuration key, for what reads it before options are bound (database and telemetry set-up).</summary>
    public const string NameKey = Section + ":" + nameof(Name);

    /// <summary>
    /// The instance's name in logs, telemetry, the database's application name and the runs it owns.
    /// Unset, it is the machine name and process id, which is unique but changes at every restart.
    /// </summary>
    [StringLength(60)]
    [RegularExpression("^[A-Za-z0-9._-]+$", ErrorMessage = "Instance:Name may hold only letters, digits, '.', '_' and '-'.")]
    public string? Name { get; set; }

    /// <summary>How long a run stays owned without its instance renewing the lease; past it, another instance marks the run interrupted.</summary>
    [Range(typeof(TimeSpan), "00:00:02", "00:10:00")]
    public TimeSpan RunLease { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>This process's name among the instances sharing the database.</summary>
public sealed class InstanceIdentity(string name)
{
    public string Name { get; } = name;

    public static string Resolve(string? configured) =>
        string.IsNullOrWhiteSpace(configured) ? $"{Environment.MachineName}-{Environment.ProcessId}" : configured.Trim();
}
