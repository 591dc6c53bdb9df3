using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace ModelHub.IntegrationTests;

/// <summary>A real HTTP server on 127.0.0.1 that serves the import fixtures, for URL imports and the scheduled refresh.</summary>
public sealed class FixtureFileServer : IAsyncDisposable
{
    private readonly WebApplication server;

    private FixtureFileServer(WebApplication server) => this.server = server;

    public string BaseUrl => server.Urls.First();

    public static async Task<FixtureFileServer> StartAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var server = builder.Build();
        server.MapGet("/missing.json", () => Results.NotFound());
        server.MapGet("/{name}.json", (string name) =>
            File.Exists(Path.Combine(AppContext.BaseDirectory, "Fixtures", $"{name}.json"))
                ? Results.File(Path.Combine(AppContext.BaseDirectory, "Fixtures", $"{name}.json"), "application/json")
                : Results.NotFound());
        await server.StartAsync();
        return new FixtureFileServer(server);
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
