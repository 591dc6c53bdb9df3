using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModelHub.Web;
using ModelHub.Web.Data;

namespace ModelHub.UnitTests;

public sealed class DatabaseSettingsTests
{
    private static WebApplicationBuilder BuilderWith(params (string Key, string? Value)[] settings)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        return builder;
    }

    [Fact]
    public void UnknownProviderFailsWithTheSettingName()
    {
        var builder = BuilderWith(("Database:Provider", "Postgres"));

        var error = Assert.Throws<StartupConfigurationException>(() => builder.AddModelHubDatabase());

        Assert.Contains("Database:Provider", error.Message);
        Assert.Contains("Postgres", error.Message);
    }

    [Fact]
    public void UnknownProviderErrorListsAllThreeProviders()
    {
        var builder = BuilderWith(("Database:Provider", "Oracle"));

        var error = Assert.Throws<StartupConfigurationException>(() => builder.AddModelHubDatabase());

        Assert.Contains("'Sqlite'", error.Message);
        Assert.Contains("'SqlServer'", error.Message);
        Assert.Contains("'PostgreSql'", error.Message);
    }

    [Fact]
    public void PostgreSqlWithoutConnectionStringFailsWithTheSettingName()
    {
        var builder = BuilderWith(("Database:Provider", "PostgreSql"), ("ConnectionStrings:PostgreSql", ""));

        var error = Assert.Throws<StartupConfigurationException>(() => builder.AddModelHubDatabase());

        Assert.Contains("ConnectionStrings:PostgreSql", error.Message);
    }

    [Fact]
    public void MalformedPostgreSqlConnectionStringFailsWithTheSettingName()
    {
        var builder = BuilderWith(("Database:Provider", "PostgreSql"), ("ConnectionStrings:PostgreSql", "Host=db;Flux Capacitor=on"));

        var error = Assert.Throws<StartupConfigurationException>(() => builder.AddModelHubDatabase());

        Assert.Contains("ConnectionStrings:PostgreSql", error.Message);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("eu-1", "ModelHub-eu-1")]
    public void PostgreSqlConnectionNamesTheAppAndItsInstance(string? instance, string? expected)
    {
        // Unnamed, an instance goes by its machine name and process id.
        expected ??= $"ModelHub-{Environment.MachineName}-{Environment.ProcessId}";
        var builder = BuilderWith(("Database:Provider", "PostgreSql"), ("ConnectionStrings:PostgreSql", "Host=db;Database=modelhub;Username=app"), ("Instance:Name", instance));

        builder.AddModelHubDatabase();
        using var services = builder.Services.BuildServiceProvider();
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ModelHubDbContext>();

        var connection = new Npgsql.NpgsqlConnectionStringBuilder(Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetConnectionString(db.Database));
        Assert.IsType<PostgreSqlModelHubDbContext>(db);
        Assert.Equal(expected, connection.ApplicationName);
    }

    [Fact]
    public void PostgreSqlConnectionKeepsAnApplicationNameItAlreadyHas()
    {
        var builder = BuilderWith(("Database:Provider", "PostgreSql"), ("ConnectionStrings:PostgreSql", "Host=db;Database=modelhub;Application Name=ops-console"), ("Instance:Name", "eu-1"));

        builder.AddModelHubDatabase();
        using var services = builder.Services.BuildServiceProvider();
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ModelHubDbContext>();

        var connection = new Npgsql.NpgsqlConnectionStringBuilder(Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetConnectionString(db.Database));
        Assert.Equal("ops-console", connection.ApplicationName);
    }

    [Fact]
    public void SqlServerWithoutConnectionStringFailsWithTheSettingName()
    {
        var builder = BuilderWith(("Database:Provider", "SqlServer"), ("ConnectionStrings:SqlServer", ""));

        var error = Assert.Throws<StartupConfigurationException>(() => builder.AddModelHubDatabase());

        Assert.Contains("ConnectionStrings:SqlServer", error.Message);
    }

    [Fact]
    public void MalformedSqliteConnectionStringFailsWithTheSettingName()
    {
        var builder = BuilderWith(("Database:Provider", "Sqlite"), ("ConnectionStrings:Sqlite", "this is not=a; valid;;=connection"));

        var error = Assert.Throws<StartupConfigurationException>(() => builder.AddModelHubDatabase());

        Assert.Contains("ConnectionStrings:Sqlite", error.Message);
    }

    [Fact]
    public void RelativeSqlitePathIsResolvedAgainstTheContentRoot()
    {
        var builder = BuilderWith(("Database:Provider", "Sqlite"), ("ConnectionStrings:Sqlite", "Data Source=data/test.db"));

        builder.AddModelHubDatabase();
        using var services = builder.Services.BuildServiceProvider();
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ModelHubDbContext>();

        var expected = Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, "data/test.db"));
        Assert.Contains(expected, Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetConnectionString(db.Database));
    }
}
