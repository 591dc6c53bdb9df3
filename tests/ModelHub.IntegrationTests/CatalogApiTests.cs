using System.Net;
using ModelHub.Web.Features.Catalog;

namespace ModelHub.IntegrationTests;

[Trait("Database", "true")]
public sealed class CatalogApiTests : IntegrationTest
{
    [Fact]
    public async Task ListAppliesTheSameFiltersSortAndPagingAsThePage()
    {
        var user = await app.CreateUserAsync("reader@example.com");

        var list = await (await user.Api.GetAsync("/api/v1/models?cap=Vision,Reasoning&open=true&sort=InputPrice&size=2&include=routes,benchmarks")).ReadAsync<ModelListResponse>();

        Assert.Equal(2, list.PageSize);
        Assert.True(list.Total >= 2);
        Assert.All(list.Items, m => Assert.True(m.Capabilities.HasFlag(ModelCapability.Vision | ModelCapability.Reasoning) && m.OpenWeights == true));
        Assert.Equal("GLM-4.1V-9B-Thinking", list.Items[0].Name);
        Assert.NotEmpty(list.Items[0].Routes!);
        Assert.NotEmpty(list.Items[0].Benchmarks!);
        Assert.All(list.Items[0].Routes!, r => Assert.Contains(r.ProviderSlug, list.Providers.Keys));
        Assert.All(list.Items[0].Benchmarks!, b => Assert.Contains(b.SourceId, list.Sources.Keys));
    }

    [Fact]
    public async Task DetailNestsRoutesBenchmarksSourcesAndDisagreements()
    {
        var user = await app.CreateUserAsync("reader@example.com");

        var model = await (await user.Api.GetAsync("/api/v1/models/glm-4v-9b")).ReadAsync<ModelDetails>();

        Assert.Equal("GLM-4V-9B", model.Name);
        Assert.Equal("glm-4v-9b", Assert.Single(model.Routes, r => r.ProviderSlug == "replicate").ProviderModelId);
        Assert.Contains(model.Disagreements, d => d.Field == "Vision");
        Assert.Contains("Replicate", model.Source.Name);
    }

    [Fact]
    public async Task UnknownSlugGets404WithAMessage()
    {
        var user = await app.CreateUserAsync("reader@example.com");

        var body = await (await user.Api.GetAsync("/api/v1/models/no-such-model")).ExpectAsync(HttpStatusCode.NotFound);

        Assert.Contains("no-such-model", body);
    }

    [Theory]
    [InlineData("sort=Cheapness", "'Cheapness' is not a valid sort")]
    [InlineData("cap=Telepathy", "'Telepathy' is not a valid cap")]
    [InlineData("maxInput=-1", "maxInput must be a price")]
    [InlineData("from=yesterday", "from must be a date written yyyy-MM-dd")]
    [InlineData("size=0", "size must be a whole number")]
    public async Task MalformedQueryGets400NamingTheParameter(string query, string message)
    {
        var user = await app.CreateUserAsync("reader@example.com");

        var body = await (await user.Api.GetAsync($"/api/v1/models?{query}")).ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Contains(message, body);
    }

    [Fact]
    public async Task CatalogNeedsASignedInUserOrToken()
    {
        var response = await app.CreateApiClient().GetAsync("/api/v1/models");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task QueryStringRoundTripsEveryOption()
    {
        var query = new CatalogQuery
        {
            Search = "glm", Capabilities = ModelCapability.Vision | ModelCapability.ToolCalling, Input = Modality.Image, OpenWeights = false,
            License = "MIT", Provider = "replicate", MinContext = 64000, MaxInputPrice = 0.5m, MaxOutputPrice = 2m,
            ReleasedFrom = new DateOnly(2024, 1, 1), ReleasedTo = new DateOnly(2025, 12, 31), Sort = CatalogSort.Benchmark, Descending = true,
            Benchmark = "MMLU", Page = 3, PageSize = 50,
        };

        var parsed = CatalogQueryString.Parse(CatalogQueryString.ToQueryString(query));

        Assert.Equal(query, parsed);
    }

    [Fact]
    public async Task OpenApiDocumentListsTheCatalogParameters()
    {
        var body = await (await app.CreateApiClient().GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);

        Assert.Contains("/api/v1/models/{slug}", body);
        Assert.Contains("\"minContext\"", body);
        Assert.Contains("\"maxInput\"", body);
        Assert.Contains("Required capabilities, comma-separated", body);
        Assert.Contains("\"include\"", body);
        Assert.Contains("routes, benchmarks, claims (with disagreements), disagreements, all or none. Default: routes.", body);
        Assert.Contains("A page of the catalog", body);
    }
}
