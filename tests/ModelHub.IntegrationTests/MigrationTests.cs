using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Identity;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Accounts;

namespace ModelHub.IntegrationTests;

/// <summary>Each provider's migrations must describe exactly the model the app runs with.</summary>
[Trait("Database", "true")]
public sealed class MigrationTests
{
    // The running app's Identity options shape the model, so the contexts here get them too.
    private static IServiceProvider AppServices() =>
        new ServiceCollection().Configure<IdentityOptions>(o => AccountsSetup.ConfigureStores(o.Stores)).BuildServiceProvider();

    private static SqliteModelHubDbContext Sqlite(string file) =>
        new(new DbContextOptionsBuilder<SqliteModelHubDbContext>().UseSqlite($"Data Source={file}").UseApplicationServiceProvider(AppServices()).Options);

    private static SqlServerModelHubDbContext SqlServer() =>
        new(new DbContextOptionsBuilder<SqlServerModelHubDbContext>().UseSqlServer("Server=127.0.0.1,1;Database=ModelHub;Connect Timeout=1").UseApplicationServiceProvider(AppServices()).Options);

    private static PostgreSqlModelHubDbContext PostgreSql(string connectionString = "Host=127.0.0.1;Port=1;Database=modelhub;Timeout=1")
    {
        var options = new DbContextOptionsBuilder<PostgreSqlModelHubDbContext>();
        PostgreSqlSetup.Configure(options, connectionString);
        return new(options.UseApplicationServiceProvider(AppServices()).Options);
    }

    [Fact]
    public void SqliteMigrationsMatchTheModel()
    {
        using var db = Sqlite(Path.Combine(Path.GetTempPath(), $"modelhub-mig-{Guid.NewGuid():N}.db"));

        Assert.False(db.Database.HasPendingModelChanges());
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void SqlServerMigrationsMatchTheModel()
    {
        using var db = SqlServer();

        Assert.False(db.Database.HasPendingModelChanges());
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void PostgreSqlMigrationsMatchTheModel()
    {
        using var db = PostgreSql();

        Assert.False(db.Database.HasPendingModelChanges());
        Assert.NotEmpty(db.Database.GetMigrations());
    }

    [Fact]
    public void PostgreSqlIdempotentScriptGenerates()
    {
        using var db = PostgreSql();

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("IF NOT EXISTS", script);
        Assert.Contains("CREATE TABLE \"Teams\"", script);
        Assert.Contains("timestamp with time zone", script);
    }

    /// <summary>On the provider under test: SQLite, or PostgreSQL when MODELHUB_TEST_POSTGRES is set.</summary>
    [Fact]
    public async Task MigrationsApplyOnAnEmptyDatabase()
    {
        await using var database = TestDatabase.CreateEmpty();
        await database.EnsureCreatedAsync();
        await using ModelHubDbContext db = database switch
        {
            PostgreSqlTestDatabase postgreSql => PostgreSql(postgreSql.ConnectionString),
            SqliteTestDatabase sqlite => Sqlite(sqlite.Path),
            _ => throw new InvalidOperationException("Unknown test database."),
        };

        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.Teams.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.Models.IgnoreQueryFilters().CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void SqlServerIdempotentScriptGenerates()
    {
        using var db = SqlServer();

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Contains("IF NOT EXISTS", script);
        Assert.Contains("CREATE TABLE [Teams]", script);
        Assert.Contains("CREATE TABLE [AspNetUsers]", script);
        Assert.Contains("CREATE TABLE [DataProtectionKeys]", script);
    }

    [Fact]
    public void ProvidersKeepSeparateMigrations()
    {
        using var sqlite = Sqlite(":memory:");
        using var sqlServer = SqlServer();
        using var postgreSql = PostgreSql();

        Assert.All(sqlite.Database.GetMigrations(), id => Assert.Contains(id, sqlite.GetService<IMigrationsAssembly>().Migrations.Keys));
        var namespaces = new ModelHubDbContext[] { sqlite, sqlServer, postgreSql }
            .Select(db => Assert.Single(db.GetService<IMigrationsAssembly>().Migrations.Values.Select(t => t.Namespace).Distinct()))
            .ToList();
        Assert.Equal(3, namespaces.Distinct().Count());
    }

    [Fact]
    public async Task SqliteDatabaseIsCreatedInWalModeInAMissingFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"modelhub-wal-{Guid.NewGuid():N}", "data");
        await using (var app = new ModelHubFactory(new SqliteTestDatabase(Path.Combine(folder, "modelhub.db"))))
        {
            _ = app.Services;

            await using var db = Sqlite(Path.Combine(folder, "modelhub.db"));
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA journal_mode;";
            Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
    }
}
