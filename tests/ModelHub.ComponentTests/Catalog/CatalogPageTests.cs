using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ModelHub.Web.Features.Catalog;

namespace ModelHub.ComponentTests.Catalog;

public sealed class CatalogPageTests : ComponentTest
{
    private AppServices app = default!;

    public override async ValueTask InitializeAsync()
    {
        app = await AppServices.StartAsync();
        app.Share<CatalogQueries>(this);
        SignIn();
        RenderPopovers();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await app.DisposeAsync();
    }

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<CatalogPage> RenderAt(string address)
    {
        Navigation.NavigateTo(address);
        var page = Render<CatalogPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Instance.View.Loaded), TimeSpan.FromSeconds(10));
        return page;
    }

    private static IReadOnlyList<string> ModelNames(IRenderedComponent<CatalogPage> page) =>
        page.FindAll("[data-testid=catalog-table] tbody .mh-model-link").Select(a => a.TextContent.Trim()).ToList();

    [Fact]
    public void CatalogFiltersUpdateTheUrlAndTheGridsQuery()
    {
        var page = RenderAt("models?q=glm");
        page.WaitForAssertion(() => Assert.Contains("GLM-4-9B-Chat", ModelNames(page)));

        page.FindAll(".mh-filter-group label").Single(l => l.TextContent.Trim() == "Vision").QuerySelector("input")!.Change(true);

        Assert.EndsWith("models?q=glm&cap=Vision", Navigation.Uri);
        page.WaitForAssertion(() =>
        {
            Assert.Equal(ModelCapability.Vision, page.Instance.View.Loaded!.Capabilities);
            Assert.Equal("glm", page.Instance.View.Loaded!.Search);
            Assert.DoesNotContain("GLM-4-9B-Chat", ModelNames(page));
            Assert.Contains("GLM-4V-9B", ModelNames(page));
        });
    }

    [Fact]
    public void TheAddressSortAndPageReachTheGridsQuery()
    {
        var page = RenderAt("models?cap=Vision&sort=InputPrice");

        page.WaitForAssertion(() =>
        {
            Assert.Equal(CatalogSort.InputPrice, page.Instance.View.Loaded!.Sort);
            Assert.Equal("GLM-4.1V-9B-Thinking", ModelNames(page)[0]);
        });
        var header = page.FindAll("th").Single(th => th.TextContent.Contains("Input $/1M"));
        Assert.Equal("ascending", header.GetAttribute("aria-sort"));
    }

    [Fact]
    public void TickingModelsKeepsThemInTheAddressForCompare()
    {
        var page = RenderAt("models?q=glm-4");
        page.WaitForAssertion(() => Assert.Contains("GLM-4V-9B", ModelNames(page)));

        page.Find("input[aria-label='Select GLM-4V-9B for comparison']").Change(true);
        Assert.Contains("compare=glm-4v-9b", Navigation.Uri);
        page.WaitForAssertion(() => Assert.Contains("Compare (1)", page.Markup));
    }

    [Fact]
    public void AnUnreadableAddressIsExplainedAndTheWholeCatalogShown()
    {
        var page = RenderAt("models?minContext=lots");

        page.WaitForAssertion(() => Assert.Contains("This address holds a filter ModelHub cannot read", page.Find("[role=alert]").TextContent));
        Assert.Null(page.Instance.View.Loaded!.MinContext);
    }

    [Fact]
    public void ExportLinksCarryTheView()
    {
        var page = RenderAt("models?cap=Vision&sort=InputPrice");

        var csv = page.FindAll("a").Single(a => a.TextContent.Contains("Export CSV"));
        Assert.Equal("api/v1/models/export?cap=Vision&sort=InputPrice&format=csv", csv.GetAttribute("href"));
    }
}
