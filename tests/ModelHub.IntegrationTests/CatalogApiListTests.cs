using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Features.Catalog;

namespace ModelHub.IntegrationTests;

/// <summary>The compact list: sources and providers written once, include=, ETags and compression.</summary>
[Trait("Database", "true")]
public sealed class CatalogApiListTests : IntegrationTest
{
    private static readonly string[] NestedLists = ["routes", "benchmarks", "claims", "disagreements"];

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.ExpectAsync(HttpStatusCode.OK)).RootElement;

    private static IEnumerable<JsonElement> Array(JsonElement item, string name) =>
        item.TryGetProperty(name, out var list) ? list.EnumerateArray() : [];

    [Fact]
    public async Task SourcesMapNamesEachSourceOnceAndEverySourceIdResolvesInIt()
    {
        var user = await app.CreateUserAsync("reader@example.com");

        var body = await (await user.Api.GetAsync("/api/v1/models?include=all&size=100")).ExpectAsync(HttpStatusCode.OK);
        var page = JsonDocument.Parse(body).RootElement;

        var sources = page.GetProperty("sources").EnumerateObject().ToList();
        Assert.Equal(sources.Count, sources.Select(s => s.Name).Distinct().Count());
        Assert.All(sources, s => Assert.Equal(s.Name, s.Value.GetProperty("id").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(sources, s => Assert.False(string.IsNullOrEmpty(s.Value.GetProperty("name").GetString())));
        var items = page.GetProperty("items").EnumerateArray().ToList();
        var referenced = items.Select(m => m.GetProperty("sourceId").GetInt32())
            .Concat(items.SelectMany(m => Array(m, "routes")).Select(r => r.GetProperty("sourceId").GetInt32()))
            .Concat(items.SelectMany(m => Array(m, "benchmarks")).Select(b => b.GetProperty("sourceId").GetInt32()))
            .Concat(items.SelectMany(m => Array(m, "claims")).Select(c => c.GetProperty("sourceId").GetInt32()))
            .Concat(items.SelectMany(m => Array(m, "disagreements")).SelectMany(d => Array(d, "claims")).Select(c => c.GetProperty("sourceId").GetInt32()))
            .ToHashSet();
        Assert.Equal(referenced.Order(), sources.Select(s => int.Parse(s.Name, System.Globalization.CultureInfo.InvariantCulture)).Order());
        Assert.True(items.SelectMany(m => Array(m, "claims")).Count() > sources.Count, "Claims share sources, so each is written once for many claims.");
        Assert.DoesNotContain("\"source\":", body);
    }

    [Fact]
    public async Task ProvidersMapNamesEachProviderOnceAndRoutesCarryOnlyTheSlug()
    {
        var user = await app.CreateUserAsync("reader@example.com");

        var list = await (await user.Api.GetAsync("/api/v1/models?size=100")).ReadAsync<ModelListResponse>();

        var routes = list.Items.SelectMany(m => m.Routes!).ToList();
        Assert.Equal(routes.Select(r => r.ProviderSlug).Distinct().Order(), list.Providers.Keys.Order());
        Assert.All(list.Providers, p => Assert.Equal(p.Key, p.Value.Slug));
        var replicate = list.Providers["replicate"];
        Assert.Equal("Replicate", replicate.Name);
        Assert.Equal(ApiStyle.Replicate, replicate.ApiStyle);
        Assert.Equal("REPLICATE_API_TOKEN", replicate.ApiKeyVariable);
        Assert.Equal("https://replicate.com/docs", replicate.DocsUrl);
        var glm4v = Assert.Single(list.Items, m => m.Slug == "glm-4v-9b");
        Assert.Equal("glm-4v-9b", Assert.Single(glm4v.Routes!, r => r.ProviderSlug == "replicate").ProviderModelId);
        Assert.Equal(0.05m, Assert.Single(glm4v.Routes!, r => r.ProviderSlug == "replicate").InputPricePerMillion);
        Assert.Contains("GLM-4V 9B on Replicate", list.Sources[glm4v.Routes![0].SourceId].Name);
    }

    [Fact]
    public async Task ListAndDetailAgreeOnEveryRouteBenchmarkAndClaim()
    {
        var user = await app.CreateUserAsync("reader@example.com");

        var list = await (await user.Api.GetAsync("/api/v1/models?q=glm-4v-9b&include=all")).ReadAsync<ModelListResponse>();
        var detail = await (await user.Api.GetAsync("/api/v1/models/glm-4v-9b")).ReadAsync<ModelDetails>();

        var item = Assert.Single(list.Items, m => m.Slug == "glm-4v-9b");
        Assert.Equal(detail.Source, list.Sources[item.SourceId]);
        Assert.Equal(
            detail.Routes.Select(r => (r.Id, r.ProviderSlug, r.ProviderModelId, r.InputPricePerMillion, r.OutputPricePerMillion, r.Source)),
            item.Routes!.Select(r => (r.Id, r.ProviderSlug, r.ProviderModelId, r.InputPricePerMillion, r.OutputPricePerMillion, list.Sources[r.SourceId])));
        Assert.All(detail.Routes, r => Assert.Equal((r.ProviderName, r.ApiStyle, r.BaseUrl, r.ApiKeyVariable),
            (list.Providers[r.ProviderSlug].Name, list.Providers[r.ProviderSlug].ApiStyle, list.Providers[r.ProviderSlug].BaseUrl, list.Providers[r.ProviderSlug].ApiKeyVariable)));
        Assert.Equal(detail.CheapestRoute?.Id, item.CheapestRouteId);
        Assert.Equal(
            detail.Benchmarks.Select(b => (b.Benchmark, b.Variant, b.Score, b.Source)),
            item.Benchmarks!.Select(b => (b.Benchmark, b.Variant, b.Score, list.Sources[b.SourceId])));
        Assert.Equal(
            detail.Claims.Select(c => (c.Field, c.Value, c.Source.Id)).Order(),
            item.Claims!.Select(c => (c.Field, c.Value, c.SourceId)).Order());
        Assert.Equal(detail.Disagreements.Select(d => d.Field).Order(), item.Disagreements!.Select(d => d.Field).Order());
        var vision = Assert.Single(item.Disagreements!, d => d.Field == "Vision");
        Assert.Contains(vision.Claims, c => c.Value == "No" && list.Sources[c.SourceId].Name.Contains("vs Qwen3.5-4B"));
    }

    [Theory]
    [InlineData("", "routes")]
    [InlineData("include=routes", "routes")]
    [InlineData("include=none", "")]
    [InlineData("include=benchmarks", "benchmarks")]
    [InlineData("include=claims", "claims,disagreements")]
    [InlineData("include=disagreements", "disagreements")]
    [InlineData("include=Routes,%20Benchmarks", "routes,benchmarks")]
    [InlineData("include=routes,claims,benchmarks", "routes,benchmarks,claims,disagreements")]
    [InlineData("include=all", "routes,benchmarks,claims,disagreements")]
    public async Task IncludeChoosesTheNestedLists(string query, string expected)
    {
        var user = await app.CreateUserAsync("reader@example.com");
        var wanted = expected.Split(',', StringSplitOptions.RemoveEmptyEntries);

        var page = await JsonAsync(await user.Api.GetAsync($"/api/v1/models?size=100&{query}"));

        Assert.Equal(wanted, page.GetProperty("include").EnumerateArray().Select(i => i.GetString()));
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.True(items.Count >= 20);
        foreach (var list in NestedLists)
        {
            Assert.All(items, m => Assert.Equal(wanted.Contains(list), m.TryGetProperty(list, out _)));
        }

        foreach (var list in wanted)
        {
            Assert.Contains(items, m => m.GetProperty(list).GetArrayLength() > 0);
        }

        Assert.Equal(wanted.Contains("routes"), page.GetProperty("providers").EnumerateObject().Any());
        Assert.True(page.GetProperty("sources").EnumerateObject().Any(), "Models name their own source whatever include says.");
    }

    [Theory]
    [InlineData("include=prices", "'prices' is not a valid include")]
    [InlineData("include=routes,sources", "'sources' is not a valid include")]
    public async Task UnknownIncludeGets400NamingIt(string query, string message)
    {
        var user = await app.CreateUserAsync("reader@example.com");

        var response = await user.Api.GetAsync($"/api/v1/models?{query}");
        var body = await response.ExpectAsync(HttpStatusCode.BadRequest);

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(message, body);
        Assert.Contains("routes, benchmarks, claims, disagreements, all, none", body);
    }

    [Fact]
    public async Task NullsAreLeftOutOfTheList()
    {
        var user = await app.CreateUserAsync("reader@example.com");

        var body = await (await user.Api.GetAsync("/api/v1/models?include=all&size=100")).ExpectAsync(HttpStatusCode.OK);

        Assert.DoesNotContain(":null", body);
        Assert.Contains("\"isFree\":false", body);
    }

    [Fact]
    public async Task ListAnswers304ToAMatchingIfNoneMatchAnd200AfterTheCatalogChanges()
    {
        var user = await app.CreateUserAsync("reader@example.com");
        const string view = "/api/v1/models?q=glm&sort=Released&desc=true&include=all";

        var first = await user.Api.GetAsync(view);
        var body = await first.ExpectAsync(HttpStatusCode.OK);
        var etag = first.Headers.ETag!;
        Assert.False(etag.IsWeak);
        Assert.True(first.Headers.CacheControl!.NoCache);
        Assert.True(first.Headers.CacheControl.Private);

        var again = await SendAsync(user, view, etag.Tag);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, again.Headers.ETag);

        var otherView = await SendAsync(user, view + "&page=2&size=2", etag.Tag);
        Assert.Equal(HttpStatusCode.OK, otherView.StatusCode);
        var otherInclude = await SendAsync(user, view.Replace("include=all", "include=routes"), etag.Tag);
        Assert.Equal(HttpStatusCode.OK, otherInclude.StatusCode);

        await app.WithDbAsync(async db =>
        {
            var model = await db.Models.SingleAsync(m => m.Slug == "glm-4v-9b");
            model.Description = "Changed by the test.";
            return await db.SaveChangesAsync();
        });
        var changed = await SendAsync(user, view, etag.Tag);
        var changedBody = await changed.ExpectAsync(HttpStatusCode.OK);
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.Contains("Changed by the test.", changedBody);
        Assert.DoesNotContain("Changed by the test.", body);
    }

    [Fact]
    public async Task SameViewGetsTheSameETag()
    {
        var user = await app.CreateUserAsync("reader@example.com");

        var first = await user.Api.GetAsync("/api/v1/models?include=all&size=100");
        var second = await user.Api.GetAsync("/api/v1/models?include=all&size=100");

        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DetailAnswers304ToAMatchingIfNoneMatch()
    {
        var user = await app.CreateUserAsync("reader@example.com");

        var first = await user.Api.GetAsync("/api/v1/models/glm-4v-9b");
        await first.ExpectAsync(HttpStatusCode.OK);
        var etag = first.Headers.ETag!;
        var again = await SendAsync(user, "/api/v1/models/glm-4v-9b", etag.Tag);
        var other = await SendAsync(user, "/api/v1/models/glm-4.5v", etag.Tag);

        Assert.False(etag.IsWeak);
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("gzip, deflate, br", "br")]
    [InlineData("br;q=0.5, gzip", "gzip")]
    [InlineData("br;q=0, *", "gzip")]
    [InlineData("identity", null)]
    public async Task ListIsCompressedInTheCodingTheClientPrefersWithItsOwnETag(string acceptEncoding, string? coding)
    {
        var user = await app.CreateUserAsync("reader@example.com");
        const string view = "/api/v1/models?include=all&size=100";
        var plain = await user.Api.GetAsync(view);
        var plainBody = await plain.Content.ReadAsByteArrayAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, view);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        var response = await user.Api.SendAsync(request);
        var wire = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal(coding is null ? [] : [coding], response.Content.Headers.ContentEncoding);
        Assert.Equal(plainBody, Decompress(wire, coding));
        if (coding is null)
        {
            Assert.Equal(plain.Headers.ETag, response.Headers.ETag);
            return;
        }

        Assert.True(wire.Length < plainBody.Length / 3, $"{coding}: {wire.Length} of {plainBody.Length} bytes");
        Assert.NotEqual(plain.Headers.ETag, response.Headers.ETag);
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, view);
        revalidate.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        revalidate.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await user.Api.SendAsync(revalidate)).StatusCode);
    }

    [Fact]
    public async Task ProviderSearchSortAndPagingStillApply()
    {
        var user = await app.CreateUserAsync("reader@example.com");

        var served = await (await user.Api.GetAsync("/api/v1/models?provider=replicate&size=100")).ReadAsync<ModelListResponse>();
        var searched = await (await user.Api.GetAsync("/api/v1/models?q=glm&size=100")).ReadAsync<ModelListResponse>();
        var byRelease = await (await user.Api.GetAsync("/api/v1/models?sort=Released&desc=true&size=100&include=none")).ReadAsync<ModelListResponse>();
        var firstPage = await (await user.Api.GetAsync("/api/v1/models?sort=Context&size=5&include=none")).ReadAsync<ModelListResponse>();
        var secondPage = await (await user.Api.GetAsync("/api/v1/models?sort=Context&size=5&page=2&include=none")).ReadAsync<ModelListResponse>();
        var bothPages = await (await user.Api.GetAsync("/api/v1/models?sort=Context&size=10&include=none")).ReadAsync<ModelListResponse>();

        Assert.NotEmpty(served.Items);
        Assert.All(served.Items, m => Assert.Contains(m.Routes!, r => r.ProviderSlug == "replicate"));
        Assert.NotEmpty(searched.Items);
        Assert.Equal(searched.Total, searched.Items.Count);
        Assert.All(searched.Items, m => Assert.Contains("glm", string.Join(' ', [m.Slug, m.Name, m.Lab, .. m.Routes!.Select(r => r.ProviderModelId)]), StringComparison.OrdinalIgnoreCase));
        var dates = byRelease.Items.Where(m => m.ReleaseDate is not null).Select(m => m.ReleaseDate!.Value).ToList();
        Assert.Equal(dates.OrderDescending(), dates);
        Assert.True(byRelease.Items.SkipWhile(m => m.ReleaseDate is not null).All(m => m.ReleaseDate is null), "Unknown release dates come last.");
        Assert.Equal((5, 2), (secondPage.PageSize, secondPage.Page));
        Assert.Equal(firstPage.Total, secondPage.Total);
        Assert.Equal(bothPages.Items.Select(m => m.Slug), firstPage.Items.Concat(secondPage.Items).Select(m => m.Slug));
    }

    private static Task<HttpResponseMessage> SendAsync(TestUser user, string url, string ifNoneMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(ifNoneMatch));
        return user.Api.SendAsync(request);
    }

    private static byte[] Decompress(byte[] wire, string? coding)
    {
        if (coding is null)
        {
            return wire;
        }

        using var input = new MemoryStream(wire);
        using Stream decompressor = coding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decompressor.CopyTo(output);
        return output.ToArray();
    }
}
