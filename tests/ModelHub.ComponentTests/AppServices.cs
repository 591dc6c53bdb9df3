using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelHub.Web;
using ModelHub.Web.Data;

namespace ModelHub.ComponentTests;

/// <summary>
/// ModelHub's real services on a fresh SQLite file (migrated and seeded, as at start-up), built but never
/// started. Component tests take the services a component injects from here, so pages render over real
/// queries instead of mocks.
/// </summary>
public sealed class AppServices : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly AsyncServiceScope scope;

    public string DatabasePath { get; }

    private AppServices(WebApplication app, string databasePath)
    {
        this.app = app;
        DatabasePath = databasePath;
        scope = app.Services.CreateAsyncScope();
    }

    public IServiceProvider Services => scope.ServiceProvider;

    public static async Task<AppServices> StartAsync(IDictionary<string, string?>? settings = null)
    {
        var databasePath = Path.Combine(Path.GetTempPath(), $"modelhub-ct-{Guid.NewGuid():N}.db");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Testing",
            ApplicationName = typeof(ModelHubSetup).Assembly.GetName().Name,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["ConnectionStrings:Sqlite"] = $"Data Source={databasePath}",
            ["App:PublicBaseUrl"] = "http://localhost",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Logging.ClearProviders();
        builder.AddModelHub();
        var app = builder.Build();
        await DatabaseInitializer.InitializeAtStartupAsync(app.Services);
        return new AppServices(app, databasePath);
    }

    /// <summary>Registers the app's instance of <typeparamref name="T"/> with the bUnit context.</summary>
    public AppServices Share<T>(BunitContext context) where T : class
    {
        context.Services.AddSingleton(Services.GetRequiredService<T>());
        return this;
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await scope.DisposeAsync();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(DatabasePath + suffix);
        }
    }
}
