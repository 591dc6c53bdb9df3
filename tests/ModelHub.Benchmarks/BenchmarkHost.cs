using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using ModelHub.Web;
using ModelHub.Web.Data;

namespace ModelHub.Benchmarks;

/// <summary>The real app, in Production settings, on a fresh SQLite file in <paramref name="folder"/> and a free loopback port.</summary>
internal static class BenchmarkHost
{
    public static async Task<WebApplication> StartAsync(string folder, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ApplicationName = typeof(ModelHubSetup).Assembly.GetName().Name });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
        {
            ["ConnectionStrings:Sqlite"] = $"Data Source={Path.Combine(folder, "bench.db")}",
            ["Logging:LogLevel:Default"] = "Warning",
            ["App:PublicBaseUrl"] = "http://127.0.0.1",
        });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddModelHub();
        var app = builder.Build();
        await DatabaseInitializer.InitializeAtStartupAsync(app.Services);
        app.MapModelHub();
        await app.StartAsync();
        return app;
    }
}
