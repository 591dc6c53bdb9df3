using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Catalog.Import;

namespace ModelHub.IntegrationTests;

/// <summary>Imports of the three public formats, written from their documentation, into the seeded catalog.</summary>
[Trait("Database", "true")]
public sealed class CatalogImportTests : IntegrationTest
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    private async Task<ImportResult> ImportAsync(string fixture, CatalogImportFormat format, bool dryRun = false)
    {
        await using var file = File.OpenRead(Fixture(fixture));
        return await ImportAsync(file, format, dryRun);
    }

    private async Task<ImportResult> ImportAsync(Stream content, CatalogImportFormat format, bool dryRun = false)
    {
        var batch = await ImportParsers.ParseAsync(content, format);
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CatalogImporter>().ImportAsync(batch, $"test {format}", dryRun);
    }

    private Task<(int Models, int Routes, int Sources, int Prices, int Claims)> CatalogCountsAsync() => app.WithDbAsync(async db =>
        (await db.Models.CountAsync(), await db.Routes.CountAsync(), await db.CatalogSources.CountAsync(), await db.RoutePriceHistory.CountAsync(), await db.FactClaims.CountAsync()));

    [Fact]
    public async Task ModelsDevImportAddsNewModelsFillsGapsAndFlagsConflicts()
    {
        var result = await ImportAsync("models-dev.json", CatalogImportFormat.ModelsDev);

        Assert.True(result.Written);
        Assert.Contains(result.Changes, c => c is { Kind: ImportChangeKind.Added, Subject: "Model GPT-5 Mini" });
        Assert.Contains(result.Changes, c => c is { Kind: ImportChangeKind.Added, Subject: "Route zai:glm-4.5v" });
        Assert.Contains(result.Changes, c => c.Kind == ImportChangeKind.Conflicting && c.Subject == "Model GPT-4o" && c.Detail.Contains("Knowledge cutoff"));
        Assert.Contains(result.Changes, c => c.Kind == ImportChangeKind.Conflicting && c.Subject == "Model GLM-4.5V" && c.Detail.Contains("Max output"));

        var catalog = app.Services.GetRequiredService<ModelDetailQueries>();
        var gpt5 = (await catalog.GetAsync("gpt-5-mini"))!;
        Assert.Equal((0.25m, 2m, 0.025m), (gpt5.Routes[0].InputPricePerMillion!.Value, gpt5.Routes[0].OutputPricePerMillion!.Value, gpt5.Routes[0].CachedInputPricePerMillion!.Value));
        Assert.Equal(400000, gpt5.ContextWindow);
        Assert.True(gpt5.Capabilities.HasFlag(ModelCapability.Reasoning | ModelCapability.Vision | ModelCapability.ToolCalling));
        Assert.Equal(CatalogSourceKind.Import, gpt5.Source.Kind);

        var glm = (await catalog.GetAsync("glm-4.5v"))!;
        Assert.Equal(32000, glm.MaxOutputTokens);
        Assert.Contains(glm.Disagreements, d => d.Field == "Max output" && d.Claims.Any(c => c.Value == "16,384"));
        var llama = (await catalog.GetAsync("llama-3.3-70b-instruct"))!;
        Assert.Equal(32768, llama.MaxOutputTokens);
    }

    [Fact]
    public async Task ImportingTheSameFileAgainChangesAndDuplicatesNothing()
    {
        var first = await ImportAsync("models-dev.json", CatalogImportFormat.ModelsDev);
        var after = await CatalogCountsAsync();

        var second = await ImportAsync("models-dev.json", CatalogImportFormat.ModelsDev);

        Assert.True(first.Written);
        Assert.False(second.Written);
        Assert.Equal((0, 0, 0), (second.Added, second.Changed, second.Conflicting));
        var routesInFile = (await ImportParsers.ParseAsync(File.OpenRead(Fixture("models-dev.json")), CatalogImportFormat.ModelsDev)).Routes.Count;
        Assert.Equal(routesInFile, second.Unchanged);
        Assert.Equal(after, await CatalogCountsAsync());
    }

    [Fact]
    public async Task DryRunReportsTheSameCountsAndWritesNothing()
    {
        var before = await CatalogCountsAsync();

        var preview = await ImportAsync("openrouter.json", CatalogImportFormat.OpenRouter, dryRun: true);

        Assert.False(preview.Written);
        Assert.Equal(before, await CatalogCountsAsync());
        var real = await ImportAsync("openrouter.json", CatalogImportFormat.OpenRouter);
        Assert.Equal((preview.Added, preview.Changed, preview.Unchanged, preview.Conflicting), (real.Added, real.Changed, real.Unchanged, real.Conflicting));
        Assert.NotEqual(before, await CatalogCountsAsync());
    }

    [Fact]
    public async Task OpenRouterStringPricesPerTokenBecomePerMillionAndAPriceChangeIsKeptInHistory()
    {
        var result = await ImportAsync("openrouter.json", CatalogImportFormat.OpenRouter);

        var sonnet = await app.WithDbAsync(db => db.Routes.Include(r => r.PriceHistory).SingleAsync(r => r.ProviderModelId == "anthropic/claude-sonnet-4"));
        Assert.Equal(2.8m, sonnet.InputPricePerMillion);
        Assert.Equal(15m, sonnet.OutputPricePerMillion);
        Assert.Equal([3m, 2.8m], sonnet.PriceHistory.OrderBy(p => p.Id).Select(p => p.InputPricePerMillion!.Value));
        Assert.Contains(result.Changes, c => c.Subject == "Route openrouter:anthropic/claude-sonnet-4" && c.Detail.Contains("input $3.00 → $2.80"));

        var auto = await app.WithDbAsync(db => db.Routes.SingleAsync(r => r.ProviderModelId == "openrouter/auto"));
        Assert.Null(auto.InputPricePerMillion);
        Assert.Null(auto.OutputPricePerMillion);

        var glmChat = (await app.Services.GetRequiredService<ModelDetailQueries>().GetAsync("glm-4-9b-chat"))!;
        Assert.Equal(128000, glmChat.ContextWindow);
        Assert.Contains(glmChat.Disagreements, d => d.Field == "Context window" && d.Claims.Any(c => c.Value == "32,000"));
    }

    [Fact]
    public async Task LiteLlmCostsPerTokenBecomePerMillionEmbeddingsAreSkippedAndPrefixesStripped()
    {
        var result = await ImportAsync("litellm.json", CatalogImportFormat.LiteLlm);

        var routes = await app.WithDbAsync(db => db.Routes.Include(r => r.Provider).ToListAsync());
        Assert.DoesNotContain(routes, r => r.ProviderModelId == "text-embedding-3-small");
        var mistral = Assert.Single(routes, r => r.ProviderModelId == "mistralai/mistral-small-3.1-24b-instruct");
        Assert.Equal(("openrouter", 0.1m, 0.3m), (mistral.Provider.Slug, mistral.InputPricePerMillion!.Value, mistral.OutputPricePerMillion!.Value));
        var deepseek = Assert.Single(routes, r => r.Provider.Slug == "deepseek" && r.ProviderModelId == "deepseek-chat");
        Assert.Equal(0.27m, deepseek.InputPricePerMillion);
        Assert.Equal(65536, deepseek.ContextWindow);
        Assert.DoesNotContain(result.Changes, c => c.Subject.Contains("sample_spec"));
    }

    public static TheoryData<string, CatalogImportFormat, string> BadFiles => new()
    {
        { "", CatalogImportFormat.ModelsDev, "The file is empty." },
        { "{\"openai\": {\"id\": \"openai\", \"models\": {\"gpt-4o\": {\"cost\": {\"input\": 2.5,", CatalogImportFormat.ModelsDev, "looks truncated" },
        { "{\n  \"data\": [\n    { \"id\": \"a/b\", pricing: {} }\n  ]\n}", CatalogImportFormat.OpenRouter, "not valid JSON at line 3" },
        { "{\"gpt-4o\": {\"litellm_provider\": \"openai\", \"mode\": \"chat\"}}", CatalogImportFormat.OpenRouter, "has a top-level 'data' list" },
        { "{\"data\": []}", CatalogImportFormat.ModelsDev, "Provider 'data' has no 'models' object" },
        { "{\"openai\": {\"models\": {}}}", CatalogImportFormat.LiteLlm, "No entry has 'litellm_provider'" },
        { "{\"data\": [{\"id\": \"x/y\", \"pricing\": {\"prompt\": \"cheap\", \"completion\": \"0\"}}]}", CatalogImportFormat.OpenRouter, "Model 'x/y' (entry 1): 'prompt' must be a price, not \"cheap\"" },
        { "{\"openai\": {\"models\": {\"m\": {\"cost\": {\"input\": -2, \"output\": 1}}}}}", CatalogImportFormat.ModelsDev, "Provider 'openai', model 'm': 'input' is negative" },
        { "{\"openai\": {\"models\": {\"m\": {\"limit\": {\"context\": \"big\"}}}}}", CatalogImportFormat.ModelsDev, "'context' must be a whole number of tokens" },
        { "[1, 2, 3]", CatalogImportFormat.LiteLlm, "top level is a list" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task BadFileIsRejectedWithWhereAndTheCatalogIsUnchanged(string content, CatalogImportFormat format, string message)
    {
        var before = await CatalogCountsAsync();

        var error = await Assert.ThrowsAsync<ImportFileException>(() => ImportAsync(new MemoryStream(Encoding.UTF8.GetBytes(content)), format));

        Assert.Contains(message, error.Message);
        Assert.Equal(before, await CatalogCountsAsync());
    }

    [Fact]
    public async Task OversizedFileIsRejectedBeforeParsing()
    {
        var before = await CatalogCountsAsync();
        var huge = new MemoryStream(new byte[ImportJson.MaxBytes + 1]);

        var error = await Assert.ThrowsAsync<ImportFileException>(() => ImportAsync(huge, CatalogImportFormat.ModelsDev));

        Assert.Contains("larger than 25 MB", error.Message);
        Assert.Equal(before, await CatalogCountsAsync());
    }

    [Fact]
    public async Task AFailureHalfWayWritesNothing()
    {
        var before = await CatalogCountsAsync();
        var batch = await ImportParsers.ParseAsync(File.OpenRead(Fixture("models-dev.json")), CatalogImportFormat.ModelsDev);
        var broken = batch with { Routes = [.. batch.Routes, batch.Routes[0] with { ProviderSlug = "nowhere", ProviderModelId = "x", Entry = "Provider 'nowhere', model 'x'" }] };

        await using var scope = app.Services.CreateAsyncScope();
        var error = await Assert.ThrowsAsync<ImportFileException>(() =>
            scope.ServiceProvider.GetRequiredService<CatalogImporter>().ImportAsync(broken, "broken", dryRun: false));

        Assert.Contains("'nowhere'", error.Message);
        Assert.Equal(before, await CatalogCountsAsync());
    }
}
