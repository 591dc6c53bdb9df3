using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Catalog.Import;
using ModelHub.Web.Features.Comparisons;
using ModelHub.Web.Features.Teams;

namespace ModelHub.IntegrationTests;

/// <summary>The saved-comparison API contract of issue 11: paths, field names, the cost formula, roles and price changes.</summary>
[Trait("Database", "true")]
public sealed class ComparisonApiTests : IntegrationTest
{
    private TestUser owner = null!;
    private Guid teamId;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        owner = await app.CreateUserAsync($"owner-{Guid.NewGuid():N}@example.com");
        teamId = (await (await owner.Api.PostJsonAsync("/api/v1/teams", new CreateTeamRequest("Platform"))).ReadAsync<TeamSummary>(HttpStatusCode.Created)).Id;
    }

    private string Path(string rest = "") => $"/api/v1/teams/{teamId}/comparisons{rest}";

    private static readonly ComparisonWorkload Unseen = new(RequestsPerDay: 1_234, InputTokensPerRequest: 1_500, OutputTokensPerRequest: 321, CachedInputShare: 0.4m, DaysPerMonth: 28);

    /// <summary>The formula written out again, independently of the app's calculator.</summary>
    private static decimal? Expected(RouteView r, ComparisonWorkload w) =>
        r.IsFree || r.IsWeightsOnly || r.InputPricePerMillion is null || r.OutputPricePerMillion is null
            ? null
            : (w.InputTokensPerRequest * (1 - w.CachedInputShare) * r.InputPricePerMillion.Value
               + w.InputTokensPerRequest * w.CachedInputShare * (r.CachedInputPricePerMillion ?? r.InputPricePerMillion.Value)
               + w.OutputTokensPerRequest * r.OutputPricePerMillion.Value) / 1_000_000m * w.RequestsPerDay * w.DaysPerMonth;

    private async Task<ComparisonView> CreateAsync(params string[] models) =>
        await (await owner.Api.PostJsonAsync(Path(), new ComparisonInput("GLM or GPT", models, Unseen))).ReadAsync<ComparisonView>(HttpStatusCode.Created);

    [Fact]
    public async Task CreateAnswers201AndEachModelsMonthlyCostIsItsCheapestRouteByTheFormula()
    {
        var response = await owner.Api.PostJsonAsync(Path(), new ComparisonInput("GLM or GPT", ["glm-4v-9b", "gpt-4o"], Unseen));
        var created = await response.ReadAsync<ComparisonView>(HttpStatusCode.Created);

        Assert.Equal($"/api/v1/teams/{teamId}/comparisons/{created.Id}", response.Headers.Location?.OriginalString);
        foreach (var slug in new[] { "glm-4v-9b", "gpt-4o" })
        {
            var model = await (await owner.Api.GetAsync($"/api/v1/models/{slug}")).ReadAsync<ModelDetails>();
            var cheapest = model.Routes.Select(r => (Route: r, Cost: Expected(r, Unseen))).Where(x => x.Cost is not null).MinBy(x => x.Cost);
            var compared = created.Models.Single(m => m.Slug == slug);

            Assert.NotNull(compared.MonthlyCost);
            Assert.Equal(decimal.Round(cheapest.Cost!.Value, 6), compared.MonthlyCost.Usd);
            Assert.Equal(cheapest.Route.ProviderSlug, compared.MonthlyCost.ProviderSlug);
            Assert.Equal(cheapest.Route.ProviderModelId, compared.MonthlyCost.ProviderModelId);
        }
    }

    [Fact]
    public async Task ListAndGetReturnTheSavedComparisonWithTheContractsFieldNames()
    {
        var created = await CreateAsync("glm-4v-9b", "gpt-4o");

        var list = await (await owner.Api.GetAsync(Path())).ReadAsync<List<ComparisonSummary>>();
        var json = await (await owner.Api.GetAsync(Path($"/{created.Id}"))).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal(["glm-4v-9b", "gpt-4o"], Assert.Single(list).ModelSlugs);
        Assert.Contains("\"monthlyCost\":{\"usd\":", json);
        Assert.Contains("\"providerSlug\":", json);
        Assert.Contains("\"priceChanges\":[]", json);
        Assert.Contains("\"requestsPerDay\":1234", json);
    }

    [Fact]
    public async Task AfterAPriceImportTheComparisonListsTheChangeAndItsCostFollows()
    {
        var created = await CreateAsync("glm-4v-9b", "gpt-4o");
        var before = created.Models.Single(m => m.Slug == "glm-4v-9b").MonthlyCost!;

        // Replicate doubles the input price of the GLM-4V-9B route.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var batch = new ImportBatch(CatalogImportFormat.ModelsDev,
                [new ImportedProvider("replicate", "Replicate", ApiStyle.Replicate, null, null, null)],
                [new ImportedRoute("replicate", "glm-4v-9b", new ImportedModel("glm-4v-9b", "GLM-4V-9B", "Unknown"), 0.10m, 0.25m, null, null, null, false, "Provider 'replicate', model 'glm-4v-9b'")]);
            await scope.ServiceProvider.GetRequiredService<CatalogImporter>().ImportAsync(batch, "price change", dryRun: false);
        }

        var after = await (await owner.Api.GetAsync(Path($"/{created.Id}"))).ReadAsync<ComparisonView>();

        var change = Assert.Single(after.PriceChanges);
        Assert.Equal(("glm-4v-9b", "replicate", "glm-4v-9b", "inputPricePerMillion", "0.05", "0.1"),
            (change.ModelSlug, change.ProviderSlug, change.ProviderModelId, change.Field, change.OldValue, change.NewValue));
        var glm = after.Models.Single(m => m.Slug == "glm-4v-9b");
        var replicate = glm.Routes.Single(r => r.ProviderSlug == "replicate");
        Assert.Equal(0.10m, replicate.InputPricePerMillion);
        Assert.True(glm.MonthlyCost!.Usd > before.Usd || glm.MonthlyCost.ProviderSlug != "replicate");
    }

    [Fact]
    public async Task AnotherTeamsComparisonAnswers404ForEveryMethod()
    {
        var created = await CreateAsync("glm-4v-9b", "gpt-4o");
        var outsider = await app.CreateUserAsync($"outsider-{Guid.NewGuid():N}@example.com");

        await (await outsider.Api.GetAsync(Path($"/{created.Id}"))).ExpectAsync(HttpStatusCode.NotFound);
        await (await outsider.Api.GetAsync(Path())).ExpectAsync(HttpStatusCode.NotFound);
        await (await outsider.Api.PutJsonAsync(Path($"/{created.Id}"), new ComparisonInput("Mine now", ["glm-4v-9b", "gpt-4o"]))).ExpectAsync(HttpStatusCode.NotFound);
        await (await outsider.Api.DeleteAsync(Path($"/{created.Id}"))).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ViewersReadMembersEditOnlyAuthorsAndAdminsDelete()
    {
        var created = await CreateAsync("glm-4v-9b", "gpt-4o");
        var viewer = await app.AddMemberAsync(owner, teamId, $"viewer-{Guid.NewGuid():N}@example.com", TeamRole.Viewer);
        var member = await app.AddMemberAsync(owner, teamId, $"member-{Guid.NewGuid():N}@example.com", TeamRole.Member);

        await (await viewer.Api.GetAsync(Path($"/{created.Id}"))).ExpectAsync(HttpStatusCode.OK);
        await (await viewer.Api.PostJsonAsync(Path(), new ComparisonInput("Viewer's", ["glm-4v-9b", "gpt-4o"]))).ExpectAsync(HttpStatusCode.Forbidden);
        await (await member.Api.PutJsonAsync(Path($"/{created.Id}"), new ComparisonInput("Renamed by a member", ["glm-4v-9b", "gpt-4o"], Unseen))).ExpectAsync(HttpStatusCode.OK);
        await (await member.Api.DeleteAsync(Path($"/{created.Id}"))).ExpectAsync(HttpStatusCode.Forbidden);
        await (await owner.Api.DeleteAsync(Path($"/{created.Id}"))).ExpectAsync(HttpStatusCode.NoContent);
        await (await owner.Api.GetAsync(Path($"/{created.Id}"))).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ChangesAreVersionedAndAStaleSaveIsRefused()
    {
        var created = await CreateAsync("glm-4v-9b", "gpt-4o");

        var renamed = await (await owner.Api.PutJsonAsync(Path($"/{created.Id}"), new ComparisonInput("Renamed", ["glm-4v-9b", "gpt-4o", "gpt-4o-mini"], Unseen, null, created.Version))).ReadAsync<ComparisonView>();
        var stale = await owner.Api.PutJsonAsync(Path($"/{created.Id}"), new ComparisonInput("Stale", ["glm-4v-9b", "gpt-4o"], Unseen, null, created.Version));

        await stale.ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal(3, renamed.Models.Count);
        Assert.Contains("renamed to Renamed", renamed.Revisions[0].Summary);
        Assert.Contains("added GPT-4o mini", renamed.Revisions[0].Summary);
        Assert.Equal(owner.Email, renamed.Revisions[0].ByEmail);
    }

    [Fact]
    public async Task ExportGivesMarkdownForADesignDocAndCsvOfEveryRouteAtTheChosenWorkload()
    {
        var created = await CreateAsync("glm-4v-9b", "gpt-4o");

        var markdown = await (await owner.Api.GetAsync(Path($"/{created.Id}/export?format=md"))).ExpectAsync(HttpStatusCode.OK);
        var csv = await (await owner.Api.GetAsync(Path($"/{created.Id}/export?format=csv&requestsPerDay=2468"))).ExpectAsync(HttpStatusCode.OK);
        var doubled = await (await owner.Api.GetAsync(Path($"/{created.Id}/export?format=json&requestsPerDay=2468"))).ReadAsync<ComparisonView>();

        Assert.StartsWith("# GLM or GPT", markdown);
        Assert.Contains("| GLM-4V-9B | ", markdown);
        Assert.Contains("`glm-4v-9b`", markdown);
        Assert.StartsWith("model_slug,model,provider,provider_model_id,", csv);
        Assert.Contains("glm-4v-9b,GLM-4V-9B,replicate,glm-4v-9b,", csv);
        var before = created.Models.Single(m => m.Slug == "glm-4v-9b").MonthlyCost!.Usd;
        Assert.Equal(decimal.Round(before * 2, 4), decimal.Round(doubled.Models.Single(m => m.Slug == "glm-4v-9b").MonthlyCost!.Usd, 4));
        Assert.Equal(1_234, (await (await owner.Api.GetAsync(Path($"/{created.Id}"))).ReadAsync<ComparisonView>()).Workload.RequestsPerDay);
        await (await owner.Api.GetAsync(Path($"/{created.Id}/export?format=pdf"))).ExpectAsync(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData(new[] { "glm-4v-9b" }, 0.2, "models")]
    [InlineData(new[] { "glm-4v-9b", "no-such-model" }, 0.2, "no-such-model")]
    [InlineData(new[] { "glm-4v-9b", "gpt-4o" }, 1.5, "cachedInputShare")]
    public async Task InvalidInputAnswers400NamingTheField(string[] models, double cachedShare, string named)
    {
        var body = await (await owner.Api.PostJsonAsync(Path(), new ComparisonInput("Bad", models, Unseen with { CachedInputShare = (decimal)cachedShare })))
            .ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Contains(named, body);
    }

    [Fact]
    public async Task TheDecisionRecordShowsWhoChoseWhatAndWhyAndSurvivesLaterEdits()
    {
        var created = await CreateAsync("glm-4v-9b", "gpt-4o");

        var decided = await (await owner.Api.PutJsonAsync(Path($"/{created.Id}/decision"), new DecisionInput("gpt-4o", "Tool calling is a must for the agent."))).ReadAsync<ComparisonView>();
        var edited = await (await owner.Api.PutJsonAsync(Path($"/{created.Id}"), new ComparisonInput("Renamed", ["glm-4v-9b", "gpt-4o", "gpt-4o-mini"], Notes: "Check EU hosting."))).ReadAsync<ComparisonView>();
        var withoutChosen = await (await owner.Api.PutJsonAsync(Path($"/{created.Id}"), new ComparisonInput("Renamed", ["glm-4v-9b", "gpt-4o-mini"]))).ReadAsync<ComparisonView>();

        Assert.Equal("gpt-4o", decided.Decision!.ModelSlug);
        Assert.Equal("Tool calling is a must for the agent.", decided.Decision.Rationale);
        Assert.Equal(owner.Email, decided.Decision.ByEmail);
        Assert.Equal(decided.Decision, edited.Decision);
        Assert.Equal("GPT-4o", withoutChosen.Decision!.ModelName);
        Assert.False(withoutChosen.Decision.StillCompared);
        Assert.Contains(withoutChosen.Revisions, r => r.Summary == "chose GPT-4o");
        var withdrawn = await (await owner.Api.PutJsonAsync(Path($"/{created.Id}/decision"), new DecisionInput(null, null))).ReadAsync<ComparisonView>();
        Assert.Null(withdrawn.Decision);
        var notCompared = await (await owner.Api.PutJsonAsync(Path($"/{created.Id}/decision"), new DecisionInput("claude-opus-4", null))).ExpectAsync(HttpStatusCode.BadRequest);
        Assert.Contains("modelSlug", notCompared);
    }

    [Fact]
    public async Task AChangeWithoutAWorkloadKeepsTheSavedOne()
    {
        var created = await CreateAsync("glm-4v-9b", "gpt-4o");

        var renamed = await (await owner.Api.PutJsonAsync(Path($"/{created.Id}"), new ComparisonInput("Renamed", ["glm-4v-9b", "gpt-4o"]))).ReadAsync<ComparisonView>();

        Assert.Equal(Unseen, renamed.Workload);
    }

    [Fact]
    public async Task MustHavesMarkFailingModelsAndSavedWeightsRankTheRestWithReasons()
    {
        var created = await CreateAsync("glm-4v-9b", "gpt-4o", "llama-3.3-70b-instruct");

        var saved = await (await owner.Api.PutJsonAsync(Path($"/{created.Id}"), new ComparisonInput("GLM or GPT", ["glm-4v-9b", "gpt-4o", "llama-3.3-70b-instruct"],
            Requirements: new ComparisonRequirements(Capabilities: ModelCapability.ToolCalling), Weights: new ComparisonWeights(Cost: 5, Context: 0, Speed: 0, Benchmarks: 0, Scores: 0))))
            .ReadAsync<ComparisonView>();
        var reread = await (await owner.Api.GetAsync(Path($"/{created.Id}"))).ReadAsync<ComparisonView>();

        Assert.Equal(ModelCapability.ToolCalling, reread.Requirements.Capabilities);
        Assert.Equal(5, reread.Weights.Cost);
        var glm = saved.Analysis.Ranking.Single(r => r.Slug == "glm-4v-9b");
        Assert.Null(glm.Rank);
        Assert.Contains(glm.Failures, f => f.Contains("Tool calling", StringComparison.OrdinalIgnoreCase));
        var ranked = saved.Analysis.Ranking.Where(r => r.Rank is not null).OrderBy(r => r.Rank).ToList();
        Assert.NotEmpty(ranked);
        Assert.All(ranked, r => Assert.Contains(r.Explanation, e => e.StartsWith("cost", StringComparison.OrdinalIgnoreCase)));
        var cheapest = saved.Models.Where(m => m.Slug != "glm-4v-9b" && m.MonthlyCost is not null).MinBy(m => m.MonthlyCost!.Usd)!;
        Assert.Equal(cheapest.Slug, ranked[0].Slug);
        Assert.Contains("requirements changed", saved.Revisions[0].Summary);
        await (await owner.Api.PutJsonAsync(Path($"/{created.Id}"), new ComparisonInput("GLM or GPT", ["glm-4v-9b", "gpt-4o"], Weights: new ComparisonWeights(Cost: 9))))
            .ExpectAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task EverySectionIsComputedForTwoAndForSixModels()
    {
        var two = await CreateAsync("glm-4v-9b", "gpt-4o");
        var six = await CreateAsync("gpt-4o", "claude-sonnet-4", "gemini-2.5-flash", "llama-3.3-70b-instruct", "deepseek-v3", "glm-4v-9b");

        foreach (var (view, count) in new[] { (two, 2), (six, 6) })
        {
            var a = view.Analysis;
            Assert.False(string.IsNullOrWhiteSpace(a.Verdict));
            Assert.All(a.Scorecard, row => Assert.Equal(count, row.Values.Count));
            Assert.Equal(count, a.Tradeoffs.Count);
            Assert.All(a.Tradeoffs, t => Assert.NotEmpty(t.ChooseWhen));
            Assert.Equal(count * (count - 1), a.Switches.Count);
            Assert.Equal(count, a.Ranking.Count);
            Assert.NotEmpty(a.DeepDive);
            Assert.NotEmpty(a.Faq);
            Assert.DoesNotContain(a.Scorecard.SelectMany(r => r.Values), v => v is "$0" or "$0.00" or "0");
        }
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesEveryComparisonCallAndTheContractsFields()
    {
        using var document = System.Text.Json.JsonDocument.Parse(await (await app.CreateApiClient().GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK));
        var paths = document.RootElement.GetProperty("paths");
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");

        string[] operations =
        [
            "post /api/v1/teams/{teamId}/comparisons", "get /api/v1/teams/{teamId}/comparisons",
            "get /api/v1/teams/{teamId}/comparisons/{comparisonId}", "put /api/v1/teams/{teamId}/comparisons/{comparisonId}",
            "delete /api/v1/teams/{teamId}/comparisons/{comparisonId}", "put /api/v1/teams/{teamId}/comparisons/{comparisonId}/decision",
            "put /api/v1/teams/{teamId}/comparisons/{comparisonId}/runs/{runId}", "get /api/v1/teams/{teamId}/comparisons/{comparisonId}/export",
        ];
        foreach (var operation in operations)
        {
            var (method, path) = (operation.Split(' ')[0], operation.Split(' ')[1]);
            Assert.True(paths.TryGetProperty(path, out var item) && item.TryGetProperty(method, out _), $"{operation} is missing");
            var op = item.GetProperty(method);
            Assert.False(string.IsNullOrWhiteSpace(op.GetProperty("summary").GetString()), $"{operation} has no summary");
            Assert.True(op.GetProperty("responses").TryGetProperty("404", out _), $"{operation} does not say it answers 404");
        }

        var view = schemas.GetProperty("ComparisonView").GetProperty("properties");
        foreach (var field in new[] { "id", "models", "priceChanges", "workload", "decision", "analysis" })
        {
            Assert.True(view.TryGetProperty(field, out _), $"ComparisonView has no {field}");
        }

        foreach (var field in new[] { "usd", "providerSlug", "providerModelId" })
        {
            Assert.True(schemas.GetProperty("MonthlyCost").GetProperty("properties").TryGetProperty(field, out _), $"MonthlyCost has no {field}");
        }

        foreach (var field in new[] { "requestsPerDay", "inputTokensPerRequest", "outputTokensPerRequest", "cachedInputShare", "daysPerMonth" })
        {
            Assert.True(schemas.GetProperty("ComparisonWorkload").GetProperty("properties").TryGetProperty(field, out _), $"ComparisonWorkload has no {field}");
        }
    }
}
