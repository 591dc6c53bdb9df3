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

        Assert.All(sqlite.Database.GetMigrations(), id => Assert.Contains(id, sqlite.GetService<IMigrationsAssembly>().Migrations.Keys));
        Assert.NotEqual(
            sqlite.GetService<IMigrationsAssembly>().Migrations.Values.Select(t => t.Namespace).Distinct(),
            sqlServer.GetService<IMigrationsAssembly>().Migrations.Values.Select(t => t.Namespace).Distinct());
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
