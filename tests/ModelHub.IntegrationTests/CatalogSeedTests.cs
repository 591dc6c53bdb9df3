using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Catalog.Seed;

namespace ModelHub.IntegrationTests;

/// <summary>The five seed pages' facts are in the catalog on first run, with their sources.</summary>
[Trait("Database", "true")]
public sealed class CatalogSeedTests : IntegrationTest
{
    private Task<ModelDetails?> ModelAsync(string slug) =>
        app.Services.GetRequiredService<ModelDetailQueries>().GetAsync(slug);

    [Fact]
    public async Task SeedPagesModelsAreAllThere()
    {
        string[] seeded = ["glm-4-9b", "glm-4-9b-chat", "glm-4-9b-chat-1m", "glm-4v-9b", "glm-4.5v", "glm-4.1v-9b-thinking", "qwen3.5-4b"];

        var slugs = await app.WithDbAsync(db => db.Models.Select(m => m.Slug).ToListAsync());

        Assert.All(seeded, slug => Assert.Contains(slug, slugs));
        Assert.True(slugs.Count >= 20, "The starter set gives a newcomer a real catalog.");
    }

    [Fact]
    public async Task Glm4vOnReplicateHasItsPricesContextAndSource()
    {
        var model = (await ModelAsync("glm-4v-9b"))!;

        var replicate = Assert.Single(model.Routes, r => r.ProviderSlug == "replicate");
        Assert.Equal("glm-4v-9b", replicate.ProviderModelId);
        Assert.Equal(0.05m, replicate.InputPricePerMillion);
        Assert.Equal(0.25m, replicate.OutputPricePerMillion);
        Assert.Equal(131072, model.ContextWindow);
        Assert.Equal(new DateOnly(2024, 6, 5), model.ReleaseDate);
        Assert.Equal(9m, model.ParametersBillions);
        Assert.Equal("REPLICATE_API_TOKEN", replicate.ApiKeyVariable);
        Assert.Contains("GLM-4V 9B on Replicate", replicate.Source.Name);
    }

    [Fact]
    public async Task DisagreeingPagesAreBothKeptAndShownAsADisagreement()
    {
        var model = (await ModelAsync("glm-4v-9b"))!;

        var vision = Assert.Single(model.Disagreements, d => d.Field == "Vision");
        Assert.Contains(vision.Claims, c => c.Value == "No" && c.Source.Name.Contains("vs Qwen3.5-4B"));
        Assert.Contains(vision.Claims, c => c.Value.StartsWith("Yes") && c.Source.Name.Contains("GLM-4-9B"));
        Assert.Contains(model.Disagreements, d => d.Field == "Lab");
        Assert.DoesNotContain(model.Disagreements, d => d.Field == "Context window");
    }

    [Fact]
    public async Task OneLabHasOneNameAndEachPagesWordingStaysItsClaim()
    {
        string[] glm = ["glm-4-9b", "glm-4-9b-chat", "glm-4-9b-chat-1m", "glm-4v-9b", "glm-4.5v", "glm-4.1v-9b-thinking", "glm-4.6v"];

        var labs = await app.WithDbAsync(db => db.Models.Where(m => glm.Contains(m.Slug)).Select(m => m.Lab).Distinct().ToListAsync());

        Assert.Equal(["Zhipu AI (Z.ai)"], labs);
        var glm4v = (await ModelAsync("glm-4v-9b"))!;
        Assert.Contains(glm4v.Claims, c => c.Field == "Lab" && c.Value == "Tsinghua Knowledge Engineering Group (THUDM)" && c.Source.Name.Contains("on Replicate"));
        var thinking = (await ModelAsync("glm-4.1v-9b-thinking"))!;
        Assert.Contains(thinking.Claims, c => c.Field == "Lab" && c.Value == "Z.ai (Zhipu AI) with Tsinghua University KEG");
    }

    [Fact]
    public async Task Glm45vKeepsMixtureOfExpertsSizesAndRouteDetails()
    {
        var model = (await ModelAsync("glm-4.5v"))!;

        Assert.Equal(106m, model.ParametersBillions);
        Assert.Equal(12m, model.ActiveParametersBillions);
        Assert.Equal(32000, model.MaxOutputTokens);
        Assert.Equal("2024", model.KnowledgeCutoff);
        Assert.Equal("zai-org/GLM-4.5V", model.HuggingFaceId);
        Assert.True(model.Capabilities.HasFlag(ModelCapability.Reasoning | ModelCapability.ToolCalling | ModelCapability.StructuredOutput | ModelCapability.Vision));
        var uno = Assert.Single(model.Routes, r => r.ProviderSlug == "unorouter");
        Assert.Equal((0.78m, 2.34m, "fp8"), (uno.InputPricePerMillion!.Value, uno.OutputPricePerMillion!.Value, uno.Quantization!));
        Assert.Equal(ApiStyle.OpenAiCompatible, uno.ApiStyle);
    }

    [Fact]
    public async Task Glm4_9bVariantsKeepTheirBenchmarksApart()
    {
        var chat = (await ModelAsync("glm-4-9b-chat"))!;
        var baseModel = (await ModelAsync("glm-4-9b"))!;

        Assert.Equal(72.4m, chat.Benchmarks.Single(b => b.Benchmark == "MMLU").Score);
        Assert.Equal(74.7m, baseModel.Benchmarks.Single(b => b.Benchmark == "MMLU").Score);
        Assert.Equal(10m, chat.Benchmarks.Single(b => b.Benchmark == "MT-Bench").ScaleMax);
        var free = Assert.Single(chat.Routes, r => r.ProviderSlug == "openrouter");
        Assert.Equal("thudm/glm-4-9b:free", free.ProviderModelId);
        Assert.True(free.IsFree);
        Assert.Equal(1000000, (await ModelAsync("glm-4-9b-chat-1m"))!.ContextWindow);
    }

    [Fact]
    public async Task Glm41vThinkingHasRoutesBenchmarksAndLicense()
    {
        var model = (await ModelAsync("glm-4.1v-9b-thinking"))!;

        Assert.Equal("MIT", model.License);
        Assert.Equal(9, model.Benchmarks.Count);
        Assert.Equal(73.6m, model.Benchmarks.Single(b => b.Benchmark == "VideoMME").Score);
        Assert.Equal(0.035m, model.Routes.Single(r => r.ProviderSlug == "siliconflow").InputPricePerMillion);
        Assert.Equal("glm-4.1v-thinking-flash", model.Routes.Single(r => r.ProviderSlug == "zai").ProviderModelId);
        Assert.Equal("siliconflow", model.CheapestRoute?.ProviderSlug);
        Assert.True(model.InputModalities.HasFlag(Modality.Video));
    }

    [Fact]
    public async Task Qwen35HasNoRoutesAndItsLicense()
    {
        var model = (await ModelAsync("qwen3.5-4b"))!;

        Assert.Empty(model.Routes);
        Assert.Equal("Apache 2.0", model.License);
        Assert.Equal(262144, model.ContextWindow);
    }

    [Fact]
    public async Task SeedRunsOnceEvenWhenCalledAgain()
    {
        async Task<(int Models, int Routes, int Claims, int Prices)> CountAsync() => await app.WithDbAsync(async db =>
            (await db.Models.CountAsync(), await db.Routes.CountAsync(), await db.FactClaims.CountAsync(), await db.RoutePriceHistory.CountAsync()));
        var before = await CountAsync();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CatalogSeeder>().SeedAsync();
        }

        Assert.Equal(before, await CountAsync());
    }
}
