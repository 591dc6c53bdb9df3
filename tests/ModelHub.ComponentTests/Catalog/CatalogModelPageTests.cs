using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Evaluations;
using ModelHub.Web.Features.Teams;

namespace ModelHub.ComponentTests.Catalog;

public sealed class CatalogModelPageTests : ComponentTest
{
    private AppServices app = default!;

    public override async ValueTask InitializeAsync()
    {
        app = await AppServices.StartAsync();
        // The page's Team notes section asks for the viewer's team, which this user has none of.
        app.Share<ModelDetailQueries>(this).Share<TeamService>(this).Share<ActiveTeamState>(this).Share<NoteService>(this).Share<TimeProvider>(this);
        SignIn();
        RenderPopovers();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await app.DisposeAsync();
    }

    private IRenderedComponent<ModelPage> RenderModel(string slug)
    {
        var page = Render<ModelPage>(p => p.Add(x => x.Slug, slug));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("h1")), TimeSpan.FromSeconds(10));
        return page;
    }

    [Fact]
    public void TheModelPageShowsEverySeedPageSection()
    {
        var page = RenderModel("glm-4v-9b");

        Assert.Equal("GLM-4V-9B", page.Find("h1").TextContent.Trim());
        Assert.Equal(
            ["Overview", "Specifications", "Capabilities", "Benchmarks", "Pricing by route", "How to access it", "Sources"],
            page.FindAll("h2").Select(h => h.TextContent.Trim()));
        var specs = page.Find(".mh-spec-table").TextContent;
        Assert.Contains("131,072 tokens", specs);
        Assert.Contains("2024-06-05", specs);
        var routes = page.Find("[data-testid=routes-table]").TextContent;
        Assert.Contains("Replicate", routes);
        Assert.Contains("glm-4v-9b", routes);
        Assert.Contains("$0.050", routes);
        Assert.Contains("$0.25", routes);
        Assert.Contains("Vision", page.Find("[data-testid=disagreements]").TextContent);
        Assert.Contains("Vision", page.Find("[data-testid=disagreement-table]").TextContent);
    }

    [Fact]
    public void SpecificationRowsComeFromTheModelFacts()
    {
        var page = RenderModel("glm-4v-9b");

        var labels = page.FindAll(".mh-spec-table th").Select(th => th.TextContent.Trim());
        Assert.Equal(ModelFacts.For(FactUse.Specification).Select(f => f.Label), labels);
    }

    [Fact]
    public void PricePerRouteIsABarChartWithEveryPriceInItsTable()
    {
        var page = RenderModel("glm-4.1v-9b-thinking");

        var chart = page.FindAll("[data-testid=bar-chart]").Single(c => c.TextContent.Contains("Price per route"));
        Assert.NotEmpty(chart.QuerySelectorAll("[role=img] svg"));
        var table = chart.QuerySelector("table")!.TextContent;
        Assert.Contains("SiliconFlow", table);
        Assert.Contains("0.035", table);
        Assert.Contains("SiliconFlow", page.Find(".mh-cheapest").TextContent);
    }

    [Fact]
    public void BenchmarksShowAsAChartAndATable()
    {
        var page = RenderModel("glm-4.1v-9b-thinking");

        Assert.Contains("MathVista", page.Find("[data-testid=benchmark-table]").TextContent);
        Assert.Contains("80.7%", page.Find("[data-testid=benchmark-table]").TextContent);
        Assert.Contains(page.FindAll("[data-testid=bar-chart] figcaption"), c => c.TextContent.Contains("Score as % of its scale"));
    }

    [Fact]
    public void CodeExamplesAreNamedRegionsKeyboardUsersCanScroll()
    {
        var page = RenderModel("glm-4v-9b");

        var code = page.FindAll("pre.mh-code");
        Assert.NotEmpty(code);
        Assert.All(code, pre =>
        {
            Assert.Equal("0", pre.GetAttribute("tabindex"));
            Assert.Equal("region", pre.GetAttribute("role"));
            Assert.False(string.IsNullOrWhiteSpace(pre.GetAttribute("aria-label")));
        });
        Assert.Contains("REPLICATE_API_TOKEN", code[0].TextContent);
    }

    [Fact]
    public void AnUnknownSlugSaysSo()
    {
        var page = RenderModel("no-such-model");

        Assert.Equal("Model not found", page.Find("h1").TextContent.Trim());
    }
}
