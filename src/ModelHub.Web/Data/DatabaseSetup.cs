using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace ModelHub.Web.Data;

public static class DatabaseSetup
{
    public static IHostApplicationBuilder AddModelHubDatabase(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section);

        switch (options.Provider)
        {
            case var p when string.Equals(p, DatabaseProviders.Sqlite, StringComparison.OrdinalIgnoreCase):
                var sqlite = SqliteConnectionString(builder);
                Register<SqliteModelHubDbContext>(builder.Services, db => db.UseSqlite(sqlite).AddInterceptors(new SqlitePragmas()));
                break;
            case var p when string.Equals(p, DatabaseProviders.SqlServer, StringComparison.OrdinalIgnoreCase):
                var sqlServer = builder.Configuration.GetConnectionString(DatabaseProviders.SqlServer);
                if (string.IsNullOrWhiteSpace(sqlServer))
                {
                    throw new StartupConfigurationException(
                        "Database:Provider is SqlServer but ConnectionStrings:SqlServer is empty. " +
                        "Set it, for example with the environment variable ConnectionStrings__SqlServer.");
                }
                // No EnableRetryOnFailure: its execution strategy refuses the transactions the app opens
                // itself (the seeder, imports, merges), so start-up would fail on a live server.
                Register<SqlServerModelHubDbContext>(builder.Services, db => db.UseSqlServer(sqlServer));
                break;
            case var p when string.Equals(p, DatabaseProviders.PostgreSql, StringComparison.OrdinalIgnoreCase):
                var postgreSql = PostgreSqlConnectionString(builder.Configuration);
                Register<PostgreSqlModelHubDbContext>(builder.Services, db => PostgreSqlSetup.Configure(db, postgreSql));
                break;
            default:
                throw new StartupConfigurationException(
                    $"Database:Provider must be '{DatabaseProviders.Sqlite}', '{DatabaseProviders.SqlServer}' or '{DatabaseProviders.PostgreSql}', not '{options.Provider}'.");
        }

        builder.Services.AddScoped<DatabaseInitializer>();
        return builder;
    }

    /// <summary>
    /// The SQLite connection string with a relative file path made absolute against the content
    /// root, so the database lands in the same place whichever directory the app is started from.
    /// </summary>
    private static string SqliteConnectionString(IHostApplicationBuilder builder)
    {
        var configured = builder.Configuration.GetConnectionString(DatabaseProviders.Sqlite);
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new StartupConfigurationException(
                "ConnectionStrings:Sqlite is empty. Set it to a SQLite connection string such as 'Data Source=data/modelhub.db'.");
        }

        SqliteConnectionStringBuilder connection;
        try
        {
            connection = new SqliteConnectionStringBuilder(configured);
        }
        catch (ArgumentException ex)
        {
            throw new StartupConfigurationException($"ConnectionStrings:Sqlite is not a valid SQLite connection string: {ex.Message}");
        }

        if (string.IsNullOrWhiteSpace(connection.DataSource))
        {
            throw new StartupConfigurationException("ConnectionStrings:Sqlite needs a 'Data Source=<file>' part.");
        }

        if (connection.DataSource != ":memory:" && !Path.IsPathRooted(connection.DataSource))
        {
            connection.DataSource = Path.GetFullPath(Path.Combine(builder.Environment.ContentRootPath, connection.DataSource));
        }

        return connection.ToString();
    }

    /// <summary>
    /// The PostgreSQL connection string, naming the app to the server (<c>application_name</c>, seen in
    /// <c>pg_stat_activity</c> and the server's logs) unless the connection string names it already.
    /// </summary>
    internal static string PostgreSqlConnectionString(IConfiguration configuration)
    {
        var configured = configuration.GetConnectionString(DatabaseProviders.PostgreSql);
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new StartupConfigurationException(
                "Database:Provider is PostgreSql but ConnectionStrings:PostgreSql is empty. " +
                "Set it, for example with the environment variable ConnectionStrings__PostgreSql.");
        }

        NpgsqlConnectionStringBuilder connection;
        try
        {
            connection = new NpgsqlConnectionStringBuilder(configured);
        }
        catch (ArgumentException ex)
        {
            throw new StartupConfigurationException($"ConnectionStrings:PostgreSql is not a valid PostgreSQL connection string: {ex.Message}");
        }

        if (string.IsNullOrWhiteSpace(connection.ApplicationName))
        {
            // pg_stat_activity then says which instance holds each connection.
            connection.ApplicationName = $"ModelHub-{Features.Instances.InstanceIdentity.Resolve(configuration[Features.Instances.InstanceOptions.NameKey])}";
        }

        return connection.ConnectionString;
    }

    private static void Register<TContext>(IServiceCollection services, Action<DbContextOptionsBuilder> configure)
        where TContext : ModelHubDbContext
    {
        services.AddDbContextFactory<TContext>(options =>
        {
            configure(options);
            options.ReplaceService<IModelCacheKeyFactory, SecretAwareModelCacheKeyFactory>();

            // Merged models are hidden by a query filter, but a merge moves every route away first,
            // so no route is left pointing at a hidden model.
            options.ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.PossibleIncorrectRequiredNavigationWithQueryFilterInteractionWarning));
        });
        services.AddSingleton<IDbContextFactory<ModelHubDbContext>, BaseTypeFactory<TContext>>();
        services.AddScoped<ModelHubDbContext>(sp => sp.GetRequiredService<TContext>());
    }

    /// <summary>Lets services ask for the provider-neutral context type.</summary>
    private sealed class BaseTypeFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<ModelHubDbContext>
        where TContext : ModelHubDbContext
    {
        public ModelHubDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<ModelHubDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await inner.CreateDbContextAsync(cancellationToken);
    }
}
