using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Catalog.Identity;
using ModelHub.Web.Features.Catalog.Import;
using ModelHub.Web.Features.Common;
using MudBlazor;

namespace ModelHub.ComponentTests.Catalog;

/// <summary>The catalog identity page over the real service: likely duplicates, merge and undo, the review queue.</summary>
public sealed class CatalogIdentityPageTests : ComponentTest
{
    private AppServices app = default!;
    private IRenderedComponent<MudDialogProvider> dialogs = default!;

    public override async ValueTask InitializeAsync()
    {
        app = await AppServices.StartAsync();
        app.Share<CatalogIdentityService>(this).Share<CatalogQueries>(this);
        var admin = await app.CreateUserAsync(UserEmail);
        SignIn(admin.UserId, UserEmail, instanceAdmin: true);
        RenderPopovers();
        dialogs = Render<MudDialogProvider>();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await app.DisposeAsync();
    }

    private static ImportBatch Batch(params (string Provider, string Id)[] routes) => Batch(routes.Select(r => (r.Provider, r.Id, r.Id)).ToArray());

    private static ImportBatch Batch(params (string Provider, string Id, string Name)[] routes) => new(
        CatalogImportFormat.OpenRouter,
        routes.Select(r => r.Provider).Distinct().Select(p => new ImportedProvider(p, p, ApiStyle.OpenAiCompatible, null, null, null)).ToList(),
        routes.Select(r => new ImportedRoute(r.Provider, r.Id, new ImportedModel(ImportJson.Slugify(r.Id), r.Name, "Unknown"), 2m, 8m, null, 128_000, 8_192, false, $"Model '{r.Id}'")).ToList());

    private Task ImportAsync(ImportBatch batch) => app.Get<CatalogImporter>().ImportAsync(batch, "identity page test", dryRun: false);

    private async Task<string?> ModelOfAsync(string provider, string id)
    {
        await using var db = await app.Get<IDbContextFactory<ModelHubDbContext>>().CreateDbContextAsync();
        return await db.Routes.Where(r => r.Provider.Slug == provider && r.ProviderModelId == id).Select(r => r.Model.Slug).SingleOrDefaultAsync();
    }

    private static IElement? PairRow(IRenderedComponent<CatalogIdentityPage> page, string first, string second) =>
        page.FindAll("[data-testid=duplicates] tbody tr").FirstOrDefault(r => r.TextContent.Contains(first) && r.TextContent.Contains(second));

    private void Confirm(string button)
    {
        dialogs.WaitForAssertion(() => Assert.Contains(dialogs.FindAll("button"), b => b.TextContent.Trim() == button));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == button).Click();
    }

    [Fact]
    public async Task LikelyDuplicatesCanBeMergedAndTheMergeUndone()
    {
        // The rules cannot tie these two spellings of Mistral Small 3.1; the shared name makes them a likely pair.
        await ImportAsync(Batch(("mistral", "mistral-small-2503", "Mistral Small 3.1"), ("openrouter", "mistralai/mistral-small-3.1-24b-instruct", "Mistral Small 3.1")));
        var into = (await ModelOfAsync("mistral", "mistral-small-2503"))!;
        var from = (await ModelOfAsync("openrouter", "mistralai/mistral-small-3.1-24b-instruct"))!;
        Assert.NotEqual(from, into);

        var page = Render<CatalogIdentityPage>();

        page.WaitForAssertion(() => Assert.NotNull(PairRow(page, from, into)));
        Assert.Contains(PairRow(page, from, into)!.QuerySelectorAll(".mh-evidence li"), li => li.TextContent.Contains("the same name ('Mistral Small 3.1')"));
        Assert.Contains("No merges, splits or review decisions yet.", page.Find("[data-testid=history]").TextContent);

        page.Find($"button[aria-label='Merge {from} into {into}']").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("You can undo this", dialogs.Markup));
        Confirm("Merge");

        page.WaitForAssertion(() => Assert.Contains($"Merged", page.Find("[data-testid=history]").TextContent));
        Assert.Null(PairRow(page, from, into));
        Assert.Equal(into, await ModelOfAsync("openrouter", "mistralai/mistral-small-3.1-24b-instruct"));
        var history = page.Find("[data-testid=history]");
        Assert.Contains(UserEmail, history.TextContent);
        Assert.Contains($"({from}) into", history.TextContent);

        page.Find("[data-testid=history] button[aria-label^='Undo: Merged']").Click();
        Confirm("Undo");

        page.WaitForAssertion(() => Assert.NotNull(PairRow(page, from, into)));
        Assert.Contains($"Undone by {UserEmail}", page.Find("[data-testid=history]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=history] button[aria-label^='Undo: ']"));
        Assert.Equal(from, await ModelOfAsync("openrouter", "mistralai/mistral-small-3.1-24b-instruct"));
    }

    [Fact]
    public async Task ReviewQueueListsTheUnsureRouteAndJoiningACandidatePlacesIt()
    {
        await ImportAsync(Batch(("openai", "gpt-4.5-preview-2025-02-27"), ("openai", "gpt-4.5-preview-2025-03-01"), ("openrouter", "openai/gpt-4.5-preview")));
        var candidate = (await ModelOfAsync("openai", "gpt-4.5-preview-2025-02-27"))!;

        var page = Render<CatalogIdentityPage>();

        page.WaitForAssertion(() => Assert.Contains("openai/gpt-4.5-preview", page.Find("[data-testid=review-queue]").TextContent));
        var joins = page.FindAll("[data-testid=review-queue] button").Where(b => b.TextContent.Trim().StartsWith("Join ")).Select(b => b.TextContent.Trim()).ToList();
        Assert.Contains($"Join {candidate}", joins);
        Assert.Null(await ModelOfAsync("openrouter", "openai/gpt-4.5-preview"));

        page.FindAll("[data-testid=review-queue] button").Single(b => b.TextContent.Trim() == $"Join {candidate}").Click();

        page.WaitForAssertion(() => Assert.Contains("Nothing waits for review", page.Find("[data-testid=review-queue]").TextContent));
        Assert.Equal(candidate, await ModelOfAsync("openrouter", "openai/gpt-4.5-preview"));
        Assert.Contains("Review: joined a model", page.Find("[data-testid=history]").TextContent);
    }
}
