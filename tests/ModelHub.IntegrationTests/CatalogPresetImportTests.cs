using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelHub.Web.Features.Catalog.Import;
using ModelHub.Web.Features.Common;

namespace ModelHub.IntegrationTests;

/// <summary>
/// The public catalogs by name, each pointed by configuration at a fake on 127.0.0.1 that serves the
/// catalog's format from the fixtures.
/// </summary>
[Trait("Database", "true")]
public sealed class CatalogPresetImportTests : IAsyncLifetime
{
    private readonly ModelHubFactory app = new();
    private FixtureFileServer? files;

    public async ValueTask InitializeAsync()
    {
        files = await FixtureFileServer.StartAsync();
        app.Settings["Outbound:AllowedHosts:0"] = "127.0.0.1";
        app.Settings["Catalog:PublicSources:models-dev:Url"] = $"{files.BaseUrl}/models-dev.json";
        app.Settings["Catalog:PublicSources:litellm:Url"] = $"{files.BaseUrl}/litellm.json";
        app.Settings["Catalog:PublicSources:openrouter:Url"] = $"{files.BaseUrl}/openrouter.json";
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        if (files is not null)
        {
            await files.DisposeAsync();
        }
    }

    private async Task<ImportResult> ImportAsync(string preset, bool dryRun = false, bool admin = true)
    {
        var user = await app.CreateUserAsync($"{Guid.NewGuid():N}@example.com", admin);
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CatalogImportService>()
            .ImportPresetAsync(new Caller(user.Id, admin), preset, dryRun);
    }

    private Task<int> RoutesAsync(string providerModelId) => app.WithDbAsync(db => db.Routes.CountAsync(r => r.ProviderModelId == providerModelId));

    private Task<(int Routes, int Sources)> CountsAsync() => app.WithDbAsync(async db => (await db.Routes.CountAsync(), await db.CatalogSources.CountAsync()));

    [Theory]
    [InlineData("models-dev", "models.dev", "gpt-5-mini")]
    [InlineData("litellm", "LiteLLM", "mistralai/mistral-small-3.1-24b-instruct")]
    [InlineData("openrouter", "OpenRouter", "openrouter/auto")]
    public async Task OneClickImportWritesThePresetsRoutesFromItsConfiguredAddress(string preset, string name, string route)
    {
        var result = await ImportAsync(preset);

        Assert.True(result.Written);
        Assert.True(result.Added > 0);
        Assert.Equal(1, await RoutesAsync(route));
        var source = $"{name} (public) import from {files!.BaseUrl}/{preset}.json";
        Assert.Equal(1, await app.WithDbAsync(db => db.CatalogSources.CountAsync(s => s.Name == source)));
    }

    [Fact]
    public async Task DryRunListsTheChangesAndWritesNothing()
    {
        var before = await CountsAsync();

        var result = await ImportAsync("openrouter", dryRun: true);

        Assert.True(result.DryRun);
        Assert.False(result.Written);
        Assert.Contains(result.Changes, c => c.Kind == ImportChangeKind.Added && c.Subject.Contains("openrouter/auto"));
        Assert.Equal(before, await CountsAsync());
        Assert.Equal(0, await RoutesAsync("openrouter/auto"));
    }

    [Fact]
    public async Task OnlyAnAdministratorMayImportAPreset()
    {
        var before = await CountsAsync();

        await Assert.ThrowsAsync<ForbiddenException>(() => ImportAsync("openrouter", admin: false));

        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public async Task UnknownPresetIsRefusedWithTheKnownOnes()
    {
        var error = await Assert.ThrowsAsync<InvalidInputException>(() => ImportAsync("huggingface"));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains("There is no public catalog 'huggingface'", error.Message);
        Assert.Contains("models-dev, litellm, openrouter", error.Message);
    }

    [Fact]
    public async Task PresetWhoseServerAnswers500IsExplainedAndChangesNothing()
    {
        await using var failing = await FailingServer.StartAsync();
        app.Settings["Catalog:PublicSources:litellm:Url"] = $"{failing.BaseUrl}/model_prices_and_context_window.json";
        var before = await CountsAsync();

        var error = await Assert.ThrowsAsync<ImportFileException>(() => ImportAsync("litellm"));

        Assert.Equal("127.0.0.1 answered 500 Internal Server Error. The server has a problem; try again later.", error.Message);
        Assert.Equal(before, await CountsAsync());
    }

    [Fact]
    public void PresetsShowTheirConfiguredAddressAndKeepThePublicOneOtherwise()
    {
        app.Settings.Remove("Catalog:PublicSources:litellm:Url");

        var presets = app.Services.GetRequiredService<PublicCatalogs>().All;

        Assert.Equal(["models-dev", "litellm", "openrouter"], presets.Select(p => p.Id));
        Assert.Equal($"{files!.BaseUrl}/models-dev.json", presets[0].Url.AbsoluteUri);
        Assert.Equal("https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json", presets[1].Url.AbsoluteUri);
    }

    [Fact]
    public async Task RefreshWithPresetSourcesImportsThemFromTheirConfiguredAddresses()
    {
        app.Settings["Catalog:Refresh:Enabled"] = "true";
        app.Settings["Catalog:Refresh:Interval"] = "00:10:00";
        app.Settings["Catalog:Refresh:Sources:0:Preset"] = "openrouter";
        app.Settings["Catalog:Refresh:Sources:1:Preset"] = "litellm";
        _ = app.Services;

        var deadline = DateTime.UtcNow.AddSeconds(30);
        var imported = 0;
        while (imported < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250, TestContext.Current.CancellationToken);
            imported = await RoutesAsync("openrouter/auto") + await RoutesAsync("mistralai/mistral-small-3.1-24b-instruct");
        }

        Assert.Equal(2, imported);
        var sources = await app.WithDbAsync(db => db.CatalogSources.Where(s => s.Name.StartsWith("Scheduled")).Select(s => s.Name).ToListAsync());
        Assert.Contains($"Scheduled OpenRouter (public) refresh from {files!.BaseUrl}/openrouter.json", sources);
        Assert.Contains($"Scheduled LiteLLM (public) refresh from {files.BaseUrl}/litellm.json", sources);
    }

    /// <summary>appsettings.json lists the models-dev preset at Sources:0 and openrouter at Sources:1; these settings land on top.</summary>
    public static TheoryData<string, string, string> BadSettings => new()
    {
        { "Catalog:Refresh:Sources:0:Preset", "", "Catalog:Refresh:Sources:0 needs a Preset (models-dev, litellm, openrouter) or a Url and its Format." },
        { "Catalog:Refresh:Sources:1:Preset", "huggingface", "Catalog:Refresh:Sources:1:Preset 'huggingface' is not a public catalog; the known ones are models-dev, litellm, openrouter." },
        { "Catalog:Refresh:Sources:0:Url", "https://mirror.example.com/api.json", "Catalog:Refresh:Sources:0 names both Preset 'models-dev' and a Url" },
        { "Catalog:PublicSources:models-dev:Url", "mirror.example.com/api.json", "Catalog:PublicSources:models-dev:Url must be an absolute http or https address, not 'mirror.example.com/api.json'." },
        { "Catalog:PublicSources:huggingface:Url", "https://mirror.example.com/models.json", "Catalog:PublicSources:huggingface names no public catalog" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void MalformedSourceSettingStopsStartUpNamingTheKey(string key, string value, string message)
    {
        app.Settings[key] = value;

        var error = Assert.ThrowsAny<Exception>(() => app.Services);

        var validation = Assert.IsType<OptionsValidationException>(error is AggregateException { InnerExceptions.Count: 1 } one ? one.InnerException : error);
        Assert.Contains(message, validation.Message);
    }

    /// <summary>A catalog server that answers every request with 500.</summary>
    private sealed class FailingServer : IAsyncDisposable
    {
        private readonly WebApplication server;

        private FailingServer(WebApplication server) => this.server = server;

        public string BaseUrl => server.Urls.First();

        public static async Task<FailingServer> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var server = builder.Build();
            server.MapGet("/{**path}", () => Results.StatusCode(StatusCodes.Status500InternalServerError));
            await server.StartAsync();
            return new FailingServer(server);
        }

        public ValueTask DisposeAsync() => server.DisposeAsync();
    }
}
