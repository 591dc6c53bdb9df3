using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModelHub.Web.Features.Catalog.Import;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Common.Outbound;

namespace ModelHub.IntegrationTests;

/// <summary>Imports from a URL, served by a real HTTP server on 127.0.0.1.</summary>
[Trait("Database", "true")]
public sealed class CatalogUrlImportTests : IAsyncLifetime
{
    private readonly ModelHubFactory app = new();
    private FixtureFileServer? files;
    private string baseUrl = "";

    public async ValueTask InitializeAsync()
    {
        files = await FixtureFileServer.StartAsync();
        baseUrl = files.BaseUrl;
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        if (files is not null)
        {
            await files.DisposeAsync();
        }
    }

    private async Task<ImportResult> ImportAsync(string url, bool admin = true)
    {
        var user = await app.CreateUserAsync($"{Guid.NewGuid():N}@example.com", admin);
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CatalogImportService>()
            .ImportUrlAsync(new Caller(user.Id, admin), url, CatalogImportFormat.OpenRouter, dryRun: false);
    }

    [Fact]
    public async Task LocalAddressIsRefusedUnlessItsHostIsAllowed()
    {
        var error = await Assert.ThrowsAnyAsync<UserFacingException>(() => ImportAsync($"{baseUrl}/openrouter.json"));

        Assert.Contains("https", error.Message);
        Assert.Equal(0, await app.WithDbAsync(db => db.Routes.CountAsync(r => r.ProviderModelId == "openrouter/auto")));
    }

    [Fact]
    public async Task AllowedLocalHostServesTheImport()
    {
        app.Settings["Outbound:AllowedHosts:0"] = "127.0.0.1";

        var result = await ImportAsync($"{baseUrl}/openrouter.json");

        Assert.True(result.Written);
        Assert.Equal(1, await app.WithDbAsync(db => db.Routes.CountAsync(r => r.ProviderModelId == "openrouter/auto")));
    }

    [Fact]
    public async Task HttpsNameThatResolvesToLoopbackIsRefusedAtConnectTime()
    {
        var port = new Uri(baseUrl).Port;

        var error = await Assert.ThrowsAsync<OutboundBlockedException>(() => ImportAsync($"https://localhost:{port}/openrouter.json"));

        Assert.Contains("internal address", error.Message);
    }

    [Fact]
    public async Task NotFoundIsExplained()
    {
        app.Settings["Outbound:AllowedHosts:0"] = "127.0.0.1";

        var error = await Assert.ThrowsAsync<ImportFileException>(() => ImportAsync($"{baseUrl}/missing.json"));

        Assert.Contains("answered 404", error.Message);
    }

    [Fact]
    public async Task OnlyAnAdministratorMayImport()
    {
        app.Settings["Outbound:AllowedHosts:0"] = "127.0.0.1";

        await Assert.ThrowsAsync<ForbiddenException>(() => ImportAsync($"{baseUrl}/openrouter.json", admin: false));
    }
}

/// <summary>The scheduled refresh, pointed at a local server.</summary>
[Trait("Database", "true")]
public sealed class CatalogRefreshTests : IAsyncLifetime
{
    private readonly ModelHubFactory app = new();
    private FixtureFileServer? files;

    public async ValueTask InitializeAsync() => files = await FixtureFileServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        if (files is not null)
        {
            await files.DisposeAsync();
        }
    }

    [Fact]
    public async Task RefreshIsOffByDefault()
    {
        _ = app.Services;
        await Task.Delay(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);

        Assert.Equal(0, await app.WithDbAsync(db => db.CatalogSources.CountAsync(s => s.Name.StartsWith("Scheduled"))));
    }

    [Fact]
    public async Task EnabledRefreshImportsTheConfiguredUrls()
    {
        app.Settings["Catalog:Refresh:Enabled"] = "true";
        app.Settings["Catalog:Refresh:Interval"] = "00:10:00";
        // appsettings.json names presets at these indexes; a URL source replaces them.
        app.Settings["Catalog:Refresh:Sources:0:Preset"] = "";
        app.Settings["Catalog:Refresh:Sources:1:Preset"] = "";
        app.Settings["Catalog:Refresh:Sources:0:Url"] = $"{files!.BaseUrl}/openrouter.json";
        app.Settings["Catalog:Refresh:Sources:0:Format"] = "OpenRouter";
        app.Settings["Catalog:Refresh:Sources:1:Url"] = "https://127.0.0.1:1/unreachable.json";
        app.Settings["Catalog:Refresh:Sources:1:Format"] = "ModelsDev";
        app.Settings["Outbound:AllowedHosts:0"] = "127.0.0.1";
        _ = app.Services;

        var deadline = DateTime.UtcNow.AddSeconds(30);
        var imported = 0;
        while (imported == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
            imported = await app.WithDbAsync(db => db.Routes.CountAsync(r => r.ProviderModelId == "openrouter/auto"));
        }

        Assert.Equal(1, imported);
        Assert.Equal(1, await app.WithDbAsync(db => db.CatalogSources.CountAsync(s => s.Name.StartsWith("Scheduled OpenRouter refresh"))));
    }
}
