using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using ModelHub.Web.Features.Accounts;

namespace ModelHub.Web.Data;

// Used only by `dotnet ef migrations add`: each provider's migrations are generated from its own context type.
// Identity shapes its tables from IdentityOptions found through the application service provider,
// so the design-time contexts get the same store options as the running app.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteModelHubDbContext>
{
    public SqliteModelHubDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteModelHubDbContext>()
            .UseSqlite("Data Source=design-time.db")
            .UseApplicationServiceProvider(DesignTimeServices.Create())
            .Options);
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerModelHubDbContext>
{
    public SqlServerModelHubDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerModelHubDbContext>()
            .UseSqlServer("Server=design-time;Database=ModelHub")
            .UseApplicationServiceProvider(DesignTimeServices.Create())
            .Options);
}

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlModelHubDbContext>
{
    public PostgreSqlModelHubDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PostgreSqlModelHubDbContext>();
        PostgreSqlSetup.Configure(options, "Host=design-time;Database=ModelHub");
        return new(options.UseApplicationServiceProvider(DesignTimeServices.Create()).Options);
    }
}

internal static class DesignTimeServices
{
    public static IServiceProvider Create() =>
        new ServiceCollection()
            .Configure<IdentityOptions>(options => AccountsSetup.ConfigureStores(options.Stores))
            .BuildServiceProvider();
}
