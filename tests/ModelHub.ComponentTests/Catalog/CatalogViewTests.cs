using ModelHub.Web.Features.Catalog;

namespace ModelHub.ComponentTests.Catalog;

/// <summary>The catalog page's state class, without rendering anything.</summary>
public sealed class CatalogViewTests
{
    [Fact]
    public void ReadsTheViewAndTheTickedModelsFromTheAddress()
    {
        var view = new CatalogView();

        var changed = view.Read("http://localhost/models?q=glm&cap=Vision,Reasoning&sort=Context&desc=true&page=2&compare=a,b");

        Assert.True(changed);
        Assert.Equal("glm", view.Query.Search);
        Assert.Equal(ModelCapability.Vision | ModelCapability.Reasoning, view.Query.Capabilities);
        Assert.Equal((CatalogSort.Context, true, 2), (view.Query.Sort, view.Query.Descending, view.Query.Page));
        Assert.Equal(["a", "b"], view.Selected);
    }

    [Fact]
    public void APageOrSortChangeIsNotAFilterChange()
    {
        var view = new CatalogView();
        view.Read("http://localhost/models?q=glm");

        Assert.False(view.Read("http://localhost/models?q=glm&sort=InputPrice&page=3&compare=x"));
        Assert.True(view.Read("http://localhost/models?q=glm&open=true"));
    }

    [Fact]
    public void AFilterChangeGoesBackToTheFirstPageAndKeepsTheTickedModels()
    {
        var view = new CatalogView();
        view.Read("http://localhost/models?page=3&compare=glm-4v-9b");

        Assert.Equal("models?cap=Vision&compare=glm-4v-9b", view.WithCapability(ModelCapability.Vision, on: true));
    }

    [Fact]
    public void AHeaderSortsByItsColumnFromTheFirstPageAndASecondClickReversesIt()
    {
        var view = new CatalogView();
        view.Read("http://localhost/models?cap=Vision&page=3&compare=glm-4v-9b");

        Assert.Equal("models?cap=Vision&sort=InputPrice&compare=glm-4v-9b", view.SortBy(CatalogSort.InputPrice));
        Assert.Equal("none", view.SortState(CatalogSort.InputPrice));
        view.Read("http://localhost/models?cap=Vision&sort=InputPrice");
        Assert.Equal("ascending", view.SortState(CatalogSort.InputPrice));
        Assert.Equal("models?cap=Vision&sort=InputPrice&desc=true", view.SortBy(CatalogSort.InputPrice));
        view.Read("http://localhost/models?cap=Vision&sort=InputPrice&desc=true");
        Assert.Equal("descending", view.SortState(CatalogSort.InputPrice));
        Assert.Equal("models?cap=Vision&sort=InputPrice", view.SortBy(CatalogSort.InputPrice));
    }

    [Fact]
    public void ThePagerKeepsThePageAndSizeInTheAddressAndTheTableLoadsWhatTheAddressSays()
    {
        var view = new CatalogView();
        view.Read("http://localhost/models?cap=Vision&sort=InputPrice&desc=true&page=2");

        Assert.Equal("models?cap=Vision&sort=InputPrice&desc=true&page=3", view.AtPage(3));
        Assert.Equal("models?cap=Vision&sort=InputPrice&desc=true&size=10", view.WithPageSize(10));
        var query = view.QueryToLoad();
        Assert.Equal((2, CatalogRules.DefaultPageSize, CatalogSort.InputPrice, true), (query.Page, query.PageSize, query.Sort, query.Descending));
        Assert.Equal(ModelCapability.Vision, query.Capabilities);
        Assert.Same(query, view.Loaded);
    }

    [Fact]
    public void ChoosingABenchmarkSortsByItBestFirstAndClearingItGoesBackToNames()
    {
        var view = new CatalogView();
        view.Read("http://localhost/models");

        Assert.Equal("models?sort=Benchmark&desc=true&bench=MMLU", view.WithBenchmark("MMLU"));
        view.Read("http://localhost/models?sort=Benchmark&desc=true&bench=MMLU");
        Assert.True(view.HasBenchmarkColumn);
        Assert.Equal("models", view.WithBenchmark(null));
    }

    [Fact]
    public void AnUnreadableAddressFallsBackToTheWholeCatalogAndSaysWhy()
    {
        var view = new CatalogView();

        view.Read("http://localhost/models?from=yesterday");

        Assert.Equal(new CatalogQuery(), view.Query);
        Assert.Contains("from must be a date", view.AddressProblem);
    }

    [Fact]
    public void ExportAndCompareAddressesCarryTheView()
    {
        var view = new CatalogView();
        view.Read("http://localhost/models?q=glm&page=2&compare=glm-4v-9b,glm-4.5v");

        Assert.Equal("api/v1/models/export?q=glm&format=json", view.ExportAddress("json"));
        Assert.Equal("compare?models=glm-4v-9b%2Cglm-4.5v", view.CompareAddress);
    }
}
