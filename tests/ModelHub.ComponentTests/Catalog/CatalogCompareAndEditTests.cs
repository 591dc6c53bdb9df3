using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Catalog.Editing;

namespace ModelHub.ComponentTests.Catalog;

public sealed class CatalogCompareAndEditTests : ComponentTest
{
    private AppServices app = default!;

    public override async ValueTask InitializeAsync()
    {
        app = await AppServices.StartAsync();
        app.Share<ModelDetailQueries>(this).Share<CatalogQueries>(this).Share<CatalogEditor>(this);
        SignIn(instanceAdmin: true);
        RenderPopovers();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public void CompareRowsComeFromTheModelFactsAndMarkTheBetterValue()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("compare?models=glm-4v-9b,glm-4.5v");
        var page = Render<ComparePage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=compare-table] tbody tr")), TimeSpan.FromSeconds(10));

        var rows = page.FindAll("[data-testid=compare-table] tbody th").Select(th => th.TextContent.Trim()).ToList();
        Assert.Equal(ModelFacts.For(FactUse.Compare).Select(f => f.Label).Concat(CatalogText.AllCapabilities.Select(CatalogText.Capability)), rows);
        var context = page.FindAll("[data-testid=compare-table] tbody tr").Single(tr => tr.QuerySelector("th")!.TextContent.Trim() == "Context window");
        Assert.Contains("131K", context.TextContent);
        Assert.Contains("64K", context.TextContent);
        Assert.Contains("131K", context.QuerySelector("td.mh-best")!.TextContent);
        Assert.All(page.FindAll("[data-testid=compare-table] thead button"), b => Assert.StartsWith("Remove ", b.GetAttribute("aria-label")));
    }

    [Fact]
    public void TheEditFormShowsAMessageBesideTheFieldAndKeepsWhatWasTyped()
    {
        var page = Render<ModelEditPage>(p => p.Add(x => x.Slug, "glm-4v-9b"));
        page.WaitForAssertion(() => Assert.Contains("Edit GLM-4V-9B", page.Find("h1").TextContent), TimeSpan.FromSeconds(10));

        var context = page.FindAll("input").Single(i => i.GetAttribute("id") is { } id && page.Find($"label[for='{id}']").TextContent.Contains("Context window (tokens)"));
        context.Change("-1");
        page.FindAll("button").Single(b => b.TextContent.Trim() == "Save model").Click();

        page.WaitForAssertion(() => Assert.Contains("Context window must be above zero.", page.Markup));
        Assert.Equal("-1", page.FindAll("input").Single(i => i.GetAttribute("id") == context.GetAttribute("id")).GetAttribute("value"));
    }
}
