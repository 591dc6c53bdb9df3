namespace ModelHub.Web.Data;

/// <summary>Settings under <c>Database</c>: which engine holds ModelHub's data.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (default, embedded, zero set-up), <c>SqlServer</c> or <c>PostgreSql</c>.</summary>
    public string Provider { get; set; } = DatabaseProviders.Sqlite;

    /// <summary>Apply pending migrations when the app starts. Turn off where a DBA applies the idempotent script.</summary>
    public bool ApplyMigrationsAtStartup { get; set; } = true;
}

public static class DatabaseProviders
{
    public const string Sqlite = "Sqlite";
    public const string SqlServer = "SqlServer";
    public const string PostgreSql = "PostgreSql";
}
