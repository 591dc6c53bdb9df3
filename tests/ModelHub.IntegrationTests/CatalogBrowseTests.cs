using Microsoft.Extensions.DependencyInjection;
using ModelHub.Web.Features.Catalog;

namespace ModelHub.IntegrationTests;

/// <summary>Search, filters, sorts and paging, run in SQLite against the seeded catalog.</summary>
[Trait("Database", "true")]
public sealed class CatalogBrowseTests : IntegrationTest
{
    private Task<CatalogResults> BrowseAsync(CatalogQuery query) =>
        app.Services.GetRequiredService<CatalogQueries>().BrowseAsync(query);

    [Fact]
    public async Task SearchFindsByNameLabAndProviderModelId()
    {
        var byName = await BrowseAsync(new CatalogQuery { Search = "glm-4.5" });
        var byLab = await BrowseAsync(new CatalogQuery { Search = "alibaba" });
        var byRouteId = await BrowseAsync(new CatalogQuery { Search = "thinking-flash" });
        var byProvider = await BrowseAsync(new CatalogQuery { Search = "SiliconFlow" });

        Assert.Equal(["GLM-4.5V"], byName.Items.Select(i => i.Name));
        Assert.Equal(["Qwen3.5-4B"], byLab.Items.Select(i => i.Name));
        Assert.Equal(["GLM-4.1V-9B-Thinking"], byRouteId.Items.Select(i => i.Name));
        Assert.Contains("GLM-4.1V-9B-Thinking", byProvider.Items.Select(i => i.Name));
    }

    [Fact]
    public async Task SearchTreatsLikeWildcardsAsText()
    {
        var result = await BrowseAsync(new CatalogQuery { Search = "%" });

        Assert.Equal(0, result.Total);
    }

    [Fact]
    public async Task CapabilityAndModalityFiltersRequireEveryOneChosen()
    {
        var result = await BrowseAsync(new CatalogQuery { Capabilities = ModelCapability.Vision | ModelCapability.Reasoning, Input = Modality.Video });

        Assert.NotEmpty(result.Items);
        Assert.All(result.Items, i =>
        {
            Assert.True(i.Capabilities.HasFlag(ModelCapability.Vision | ModelCapability.Reasoning));
            Assert.True(i.InputModalities.HasFlag(Modality.Video));
        });
        Assert.Contains("GLM-4.1V-9B-Thinking", result.Items.Select(i => i.Name));
    }

    [Fact]
    public async Task OpenWeightsLicenseProviderAndContextFiltersNarrowTheList()
    {
        var result = await BrowseAsync(new CatalogQuery { OpenWeights = true, License = "MIT", Provider = "siliconflow", MinContext = 60000 });

        Assert.Equal(["GLM-4.1V-9B-Thinking"], result.Items.Select(i => i.Name));
    }

    [Fact]
    public async Task PriceCeilingsUseTheCheapestServedRoute()
    {
        var result = await BrowseAsync(new CatalogQuery { MaxInputPrice = 0.1m, MaxOutputPrice = 0.3m, Sort = CatalogSort.InputPrice });

        Assert.NotEmpty(result.Items);
        Assert.All(result.Items, i => Assert.True(i.CheapestInputPrice <= 0.1m, $"{i.Name} costs {i.CheapestInputPrice}"));
        Assert.Contains("GLM-4V-9B", result.Items.Select(i => i.Name));
        Assert.DoesNotContain("GLM-4.5V", result.Items.Select(i => i.Name));
    }

    [Fact]
    public async Task ReleaseDateRangeFilters()
    {
        var result = await BrowseAsync(new CatalogQuery { ReleasedFrom = new DateOnly(2026, 1, 1) });

        Assert.Equal(["Qwen3.5-4B"], result.Items.Select(i => i.Name));
    }

    [Fact]
    public async Task SortsByPriceWithUnpricedModelsLastInBothDirections()
    {
        var ascending = await BrowseAsync(new CatalogQuery { Sort = CatalogSort.InputPrice, PageSize = 100 });
        var descending = await BrowseAsync(new CatalogQuery { Sort = CatalogSort.InputPrice, Descending = true, PageSize = 100 });

        var pricedAsc = ascending.Items.TakeWhile(i => i.CheapestInputPrice is not null).Select(i => i.CheapestInputPrice!.Value).ToList();
        var pricedDesc = descending.Items.TakeWhile(i => i.CheapestInputPrice is not null).Select(i => i.CheapestInputPrice!.Value).ToList();
        Assert.Equal(pricedAsc.Order(), pricedAsc);
        Assert.Equal(pricedDesc.OrderDescending(), pricedDesc);
        Assert.All(ascending.Items.SkipWhile(i => i.CheapestInputPrice is not null), i => Assert.Null(i.CheapestInputPrice));
        Assert.Equal(0m, pricedAsc[0]);
    }

    [Fact]
    public async Task SortsByContextReleaseAndName()
    {
        var context = await BrowseAsync(new CatalogQuery { Sort = CatalogSort.Context, Descending = true, PageSize = 3 });
        var released = await BrowseAsync(new CatalogQuery { Sort = CatalogSort.Released, Descending = true, PageSize = 1 });
        var names = await BrowseAsync(new CatalogQuery { PageSize = 100 });

        Assert.Equal(1048576, context.Items[0].ContextWindow);
        Assert.Equal("Qwen3.5-4B", released.Items[0].Name);
        Assert.Equal(names.Items.Select(i => i.Name).Order(StringComparer.Ordinal), names.Items.Select(i => i.Name));
    }

    [Fact]
    public async Task SortsByAChosenBenchmark()
    {
        var result = await BrowseAsync(new CatalogQuery { Sort = CatalogSort.Benchmark, Benchmark = "MMLU", Descending = true, PageSize = 2 });

        Assert.Equal(["GLM-4-9B", "GLM-4-9B-Chat"], result.Items.Select(i => i.Name));
        Assert.Equal([74.7m, 72.4m], result.Items.Select(i => i.BenchmarkScore!.Value));
    }

    [Fact]
    public async Task PagesDoNotOverlapAndCoverTheTotal()
    {
        var first = await BrowseAsync(new CatalogQuery { PageSize = 7, Page = 1 });
        var all = new List<string>(first.Items.Select(i => i.Slug));
        for (var page = 2; page <= first.PageCount; page++)
        {
            all.AddRange((await BrowseAsync(new CatalogQuery { PageSize = 7, Page = page })).Items.Select(i => i.Slug));
        }

        Assert.Equal(first.Total, all.Count);
        Assert.Equal(all.Count, all.Distinct().Count());
    }

    [Fact]
    public async Task PageSizeIsCappedAndPageNumberFloored()
    {
        var result = await BrowseAsync(new CatalogQuery { PageSize = 10_000, Page = -3 });

        Assert.Equal(CatalogRules.MaxPageSize, result.PageSize);
        Assert.Equal(1, result.Page);
    }
}
