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
