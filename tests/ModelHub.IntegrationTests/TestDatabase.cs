using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ModelHub.IntegrationTests;

/// <summary>
/// The database one test app runs on: a fresh SQLite file, or, when <c>MODELHUB_TEST_POSTGRES</c>
/// holds a PostgreSQL connection string (tests/postgres.sh sets it), a database of its own on that
/// server, copied from a template that was migrated and seeded once per test run.
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public const string PostgreSqlVariable = "MODELHUB_TEST_POSTGRES";

    public static string? PostgreSqlServer => Environment.GetEnvironmentVariable(PostgreSqlVariable) is { Length: > 0 } server ? server : null;

    public static bool IsPostgreSql => PostgreSqlServer is not null;

    /// <summary>A database for one app: migrated and seeded on PostgreSQL, or a SQLite file the app creates.</summary>
    public static TestDatabase Create() => PostgreSqlServer is { } server ? new PostgreSqlTestDatabase(server, seeded: true) : new SqliteTestDatabase();

    /// <summary>A database with no tables yet, as a new installation starts.</summary>
    public static TestDatabase CreateEmpty() => PostgreSqlServer is { } server ? new PostgreSqlTestDatabase(server, seeded: false) : new SqliteTestDatabase();

    /// <summary>The settings that point the app at this database.</summary>
    public abstract IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>Makes the database exist before the app (or a command) connects to it.</summary>
    public abstract Task EnsureCreatedAsync();

    /// <summary>A connection that bypasses the app, to see what is stored.</summary>
    public abstract Task<DbConnection> OpenConnectionAsync();

    public abstract ValueTask DisposeAsync();
}

/// <param name="path">The file; by default a new one in the temporary folder.</param>
public sealed class SqliteTestDatabase(string? path = null) : TestDatabase
{
    public string Path { get; } = path ?? System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"modelhub-it-{Guid.NewGuid():N}.db");

    public override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Database:Provider"] = "Sqlite",
        ["ConnectionStrings:Sqlite"] = $"Data Source={Path}",
    };

    public override Task EnsureCreatedAsync() => Task.CompletedTask;

    public override async Task<DbConnection> OpenConnectionAsync()
    {
        var connection = new SqliteConnection($"Data Source={Path}");
        await connection.OpenAsync();
        return connection;
    }

    public override ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(Path + suffix);
        }

        return ValueTask.CompletedTask;
    }
}

public sealed class PostgreSqlTestDatabase(string server, bool seeded) : TestDatabase
{
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? template;

    private readonly SemaphoreSlim createLock = new(1, 1);
    private bool created;

    public string Name { get; } = $"modelhub_it_{Guid.NewGuid():N}";

    // Named as the app would name itself, so the app keeps this string as it is and the pool it fills is the one cleared here.
    public string ConnectionString => new NpgsqlConnectionStringBuilder(server) { Database = Name, ApplicationName = "ModelHub" }.ConnectionString;

    public override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Database:Provider"] = "PostgreSql",
        ["ConnectionStrings:PostgreSql"] = ConnectionString,
    };

    public override async Task EnsureCreatedAsync()
    {
        await createLock.WaitAsync();
        try
        {
            if (created)
            {
                return;
            }

            // Copying a template takes a few tens of milliseconds; migrating and seeding takes seconds.
            var from = seeded ? $" TEMPLATE {await TemplateAsync(server)}" : "";
            await ExecuteAsync(server, $"CREATE DATABASE {Name}{from}");
            created = true;
        }
        finally
        {
            createLock.Release();
        }
    }

    public override async Task<DbConnection> OpenConnectionAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public override async ValueTask DisposeAsync()
    {
        if (!created)
        {
            return;
        }

        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    /// <summary>Migrates and seeds one database through the app's own start-up, once per test run.</summary>
    private static async Task<string> TemplateAsync(string server)
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (template is not null)
            {
                return template;
            }

            var database = new PostgreSqlTestDatabase(server, seeded: false);
            await using (var app = new ModelHubFactory(database))
            {
                _ = app.Services;
            }

            await using (var connection = new NpgsqlConnection(database.ConnectionString))
            {
                NpgsqlConnection.ClearPool(connection);
            }

            // PostgreSQL copies a template only while nobody is connected to it.
            await ExecuteAsync(server, $"ALTER DATABASE {database.Name} WITH ALLOW_CONNECTIONS false");
            await ExecuteAsync(server, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database.Name}'");
            AppDomain.CurrentDomain.ProcessExit += (_, _) => DropTemplate(server, database.Name);
            return template = database.Name;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static void DropTemplate(string server, string name)
    {
        try
        {
            ExecuteAsync(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)").GetAwaiter().GetResult();
        }
        catch (NpgsqlException)
        {
            // The server may be gone already: tests/postgres.sh removes the whole cluster.
        }
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
