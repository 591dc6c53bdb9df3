using System.Net;
using ModelHub.Web.Features.Catalog;

namespace ModelHub.IntegrationTests;

[Trait("Database", "true")]
public sealed class CatalogFieldsApiTests : IntegrationTest
{
    [Fact]
    public async Task FieldListComesFromTheModelFactsInTheirOrderWithUnitsAndDirection()
    {
        var user = await app.CreateUserAsync("fields@example.com");

        var fields = await (await user.Api.GetAsync("/api/v1/models/fields")).ReadAsync<List<ModelFieldResponse>>();

        Assert.Equal(ModelFacts.All.Select(f => f.Name), fields.Select(f => f.Name));
        var context = fields.Single(f => f.Name == "context_window");
        Assert.Equal("tokens", context.Unit);
        Assert.Equal(FactComparison.HigherIsBetter, context.Comparison);
        Assert.Equal(FactComparison.LowerIsBetter, fields.Single(f => f.Name == "cheapest_input_usd_per_million").Comparison);
        Assert.True(fields.Single(f => f.Name == "slug").InExport);
    }

    [Fact]
    public async Task FieldListNeedsASignedInCaller()
    {
        var response = await app.CreateApiClient().GetAsync("/api/v1/models/fields");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
