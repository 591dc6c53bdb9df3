using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Catalog.Editing;
using ModelHub.Web.Features.Common;

namespace ModelHub.IntegrationTests;

[Trait("Database", "true")]
public sealed class CatalogEditingTests : IntegrationTest
{
    private async Task<(CatalogEditor Editor, Caller Admin, AsyncServiceScope Scope)> EditorAsync(bool admin = true)
    {
        var user = await app.CreateUserAsync($"{Guid.NewGuid():N}@example.com", admin);
        var scope = app.Services.CreateAsyncScope();
        return (scope.ServiceProvider.GetRequiredService<CatalogEditor>(), new Caller(user.Id, admin), scope);
    }

    private static ModelForm NewModel(string slug = "hand-made-1") => new()
    {
        Slug = slug, Name = "Hand Made 1", Lab = "ModelHub Labs", ContextWindow = 32000, ReleaseDate = new DateOnly(2026, 1, 2), OpenWeights = true, License = "MIT",
        Capabilities = ModelCapability.ToolCalling,
    };

    [Fact]
    public async Task AdministratorAddsAModelRouteAndBenchmarkAsManualFacts()
    {
        var (editor, admin, scope) = await EditorAsync();
        await using var _ = scope;

        await editor.SaveModelAsync(admin, null, NewModel());
        await editor.SaveProviderAsync(admin, new ProviderForm("together", "Together AI", ApiStyle.OpenAiCompatible, "https://api.together.xyz/v1", null, "TOGETHER_API_KEY"));
        await editor.SaveRouteAsync(admin, "hand-made-1", null, new RouteForm("together", "labs/hand-made-1", 0.2m, 0.6m, null));
        await editor.SaveBenchmarkAsync(admin, "hand-made-1", "MMLU", "chat", 71.5m, 100);

        var model = (await app.Services.GetRequiredService<ModelDetailQueries>().GetAsync("hand-made-1"))!;
        Assert.Equal(CatalogSourceKind.Manual, model.Source.Kind);
        Assert.StartsWith("Manual edit by", model.Source.Name);
        Assert.Equal(0.2m, Assert.Single(model.Routes).InputPricePerMillion);
        Assert.Equal(71.5m, Assert.Single(model.Benchmarks).Score);
        Assert.Contains(model.Claims, c => c.Field == "Context window" && c.Value == "32,000");
    }

    [Fact]
    public async Task EditedPriceIsKeptInHistory()
    {
        var (editor, admin, scope) = await EditorAsync();
        await using var _ = scope;
        var route = await app.WithDbAsync(db => db.Routes.Include(r => r.Provider).SingleAsync(r => r.ProviderModelId == "glm-4v-9b"));

        await editor.SaveRouteAsync(admin, "glm-4v-9b", route.Id, new RouteForm("replicate", "glm-4v-9b", 0.04m, 0.2m, null, 131072));

        var history = await app.WithDbAsync(db => db.RoutePriceHistory.Where(p => p.RouteId == route.Id).OrderBy(p => p.Id).Select(p => p.InputPricePerMillion).ToListAsync());
        Assert.Equal([0.05m, 0.04m], history);
    }

    [Theory]
    [InlineData("Bad Slug!", 1000, "A slug uses lower-case letters")]
    [InlineData("ok-slug", 0, "context window must be above zero")]
    [InlineData("ok-slug", -5, "context window must be above zero")]
    public async Task InvalidModelIsRefusedWithAMessage(string slug, int context, string message)
    {
        var (editor, admin, scope) = await EditorAsync();
        await using var _ = scope;

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => editor.SaveModelAsync(admin, null, NewModel(slug) with { ContextWindow = context }));

        Assert.Contains(message, error.Message);
        Assert.Equal(0, await app.WithDbAsync(db => db.Models.CountAsync(m => m.Slug == slug)));
    }

    [Fact]
    public async Task DuplicateSlugNegativePriceAndDuplicateRouteAreRefused()
    {
        var (editor, admin, scope) = await EditorAsync();
        await using var _ = scope;

        var slug = await Assert.ThrowsAsync<ConflictException>(() => editor.SaveModelAsync(admin, null, NewModel("glm-4v-9b")));
        var negative = await Assert.ThrowsAsync<InvalidInputException>(() => editor.SaveRouteAsync(admin, "glm-4v-9b", null, new RouteForm("replicate", "x", -1m, 1m, null)));
        var duplicate = await Assert.ThrowsAsync<ConflictException>(() => editor.SaveRouteAsync(admin, "glm-4.5v", null, new RouteForm("replicate", "glm-4v-9b", 1m, 1m, null)));

        Assert.Contains("already has the slug", slug.Message);
        Assert.Contains("cannot be negative", negative.Message);
        Assert.Contains("already has a route", duplicate.Message);
    }

    [Fact]
    public async Task SecondEditorWorkingFromAnOldVersionIsToldInsteadOfOverwriting()
    {
        var (editor, admin, scope) = await EditorAsync();
        await using var _ = scope;
        var version = await app.WithDbAsync(db => db.Models.Where(m => m.Slug == "qwen3.5-4b").Select(m => m.Version).SingleAsync());
        var form = new ModelForm { Slug = "qwen3.5-4b", Name = "Qwen3.5-4B", Lab = "Alibaba", ContextWindow = 262144, Version = version };

        await editor.SaveModelAsync(admin, "qwen3.5-4b", form with { Description = "First editor" });
        var error = await Assert.ThrowsAsync<ConflictException>(() => editor.SaveModelAsync(admin, "qwen3.5-4b", form with { Description = "Second editor" }));

        Assert.Contains("Someone else saved this model", error.Message);
        Assert.Equal("First editor", await app.WithDbAsync(db => db.Models.Where(m => m.Slug == "qwen3.5-4b").Select(m => m.Description).SingleAsync()));
    }

    [Fact]
    public async Task OnlyAnAdministratorCanEdit()
    {
        var (editor, user, scope) = await EditorAsync(admin: false);
        await using var _ = scope;

        await Assert.ThrowsAsync<ForbiddenException>(() => editor.SaveModelAsync(user, null, NewModel()));
        await Assert.ThrowsAsync<ForbiddenException>(() => editor.SaveBenchmarkAsync(user, "glm-4v-9b", "MMLU", null, 50, 100));
    }
}
