using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Catalog.Import;
using MudBlazor;

namespace ModelHub.ComponentTests.Catalog;

/// <summary>The import page's public catalogs, with OpenRouter's address pointed at a fake on 127.0.0.1.</summary>
public sealed class CatalogImportPageTests : ComponentTest
{
    private const string OpenRouterModels = """
        { "data": [ { "id": "acme/widget-1", "name": "Acme: Widget 1", "context_length": 8192,
                      "pricing": { "prompt": "0.000001", "completion": "0.000002" } } ] }
        """;

    private WebApplication catalogServer = default!;
    private AppServices app = default!;
    private string mirror = "";

    public override async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        catalogServer = builder.Build();
        catalogServer.MapGet("/api/v1/models", () => Results.Text(OpenRouterModels, "application/json"));
        await catalogServer.StartAsync();
        mirror = $"{catalogServer.Urls.First()}/api/v1/models";

        app = await AppServices.StartAsync(new Dictionary<string, string?>
        {
            ["Catalog:PublicSources:openrouter:Url"] = mirror,
            ["Outbound:AllowedHosts:0"] = "127.0.0.1",
        });
        app.Share<CatalogImportService>(this).Share<PublicCatalogs>(this);
        SignIn(instanceAdmin: true);
        RenderPopovers();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await app.DisposeAsync();
        await catalogServer.DisposeAsync();
    }

    private Task<int> WidgetRoutesAsync() => WithDbAsync(db => db.Routes.CountAsync(r => r.ProviderModelId == "acme/widget-1"));

    private async Task<T> WithDbAsync<T>(Func<ModelHubDbContext, Task<T>> query)
    {
        await using var db = await app.Get<IDbContextFactory<ModelHubDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    [Fact]
    public void PublicCatalogsComeFirstWithTheirNamesAndAddresses()
    {
        var page = Render<CatalogImportPage>();

        var headings = page.FindAll("h2").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["Public catalogs", "Another file or URL"], headings);
        var cards = page.FindAll("[data-testid^=public-catalog-]").Where(c => c.GetAttribute("data-testid") != "public-catalog-url").ToList();
        Assert.Equal(["models.dev", "LiteLLM", "OpenRouter"], cards.Select(c => c.QuerySelector("h3")!.TextContent.Trim()));
        Assert.Equal(
            ["https://models.dev/api.json", "https://raw.githubusercontent.com/BerriAI/litellm/main/model_prices_and_context_window.json", mirror],
            cards.Select(c => c.QuerySelector("[data-testid=public-catalog-url]")!.TextContent.Trim()));
        Assert.All(cards, c => Assert.Equal(["Dry run", "Import"], c.QuerySelectorAll("button").Select(b => b.TextContent.Trim())));
        Assert.Equal("Import OpenRouter", cards[2].QuerySelectorAll("button")[1].GetAttribute("aria-label"));
    }

    [Fact]
    public async Task DryRunShowsTheResultsAndWritesNothing()
    {
        var page = Render<CatalogImportPage>();

        page.Find("button[aria-label='Dry run OpenRouter']").Click();

        page.WaitForAssertion(() => Assert.Equal("Preview", page.FindAll("h2").Last().TextContent.Trim()));
        Assert.Equal($"From OpenRouter (public), {mirror}", page.Find("[data-testid=import-from]").TextContent.Trim());
        Assert.Contains("Nothing was written", page.Markup);
        Assert.Contains("acme/widget-1", page.Find(".mh-grid").TextContent);
        Assert.Equal(0, await WidgetRoutesAsync());
    }

    [Fact]
    public void DryRunSaysWhereEachRouteGoesAndWhy()
    {
        var page = Render<CatalogImportPage>();

        page.Find("button[aria-label='Dry run OpenRouter']").Click();

        page.WaitForAssertion(() => Assert.Contains("Where each route goes", page.Markup));
        var matches = page.Find("[data-testid=route-matches]").TextContent;
        Assert.Contains("acme/widget-1", matches);
        Assert.Contains("New model", matches);
        Assert.Contains("no catalog model is", matches);
    }

    [Fact]
    public async Task ImportAsksFirstThenWritesTheRoutes()
    {
        var dialogs = Render<MudDialogProvider>();
        var page = Render<CatalogImportPage>();

        page.Find("button[aria-label='Import OpenRouter']").Click();
        dialogs.WaitForAssertion(() => Assert.Contains($"Download {mirror} and import it into the catalog?", dialogs.Markup));
        Assert.Equal(0, await WidgetRoutesAsync());
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Import").Click();

        page.WaitForAssertion(() => Assert.Equal("Imported", page.FindAll("h2").Last().TextContent.Trim()));
        Assert.Contains("The catalog is updated.", page.Markup);
        Assert.Equal(1, await WidgetRoutesAsync());
    }
}
