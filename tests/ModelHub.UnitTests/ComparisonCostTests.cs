using ModelHub.Web.Features.Comparisons;

namespace ModelHub.UnitTests;

/// <summary>The comparison cost formula of issue 11, on hand-worked figures.</summary>
public sealed class ComparisonCostTests
{
    private static readonly ComparisonWorkload Workload = new(RequestsPerDay: 1_000, InputTokensPerRequest: 2_000, OutputTokensPerRequest: 500, CachedInputShare: 0.25m, DaysPerMonth: 30);

    [Fact]
    public void CachedShareIsPricedAtTheCachedPrice()
    {
        // (2000 × 0.75 × 3 + 2000 × 0.25 × 0.3 + 500 × 15) / 1e6 = (4500 + 150 + 7500) / 1e6 = 0.01215
        var perRequest = CostCalculator.PerRequest(Workload, new RoutePrices(3m, 15m, 0.3m, false, false));

        Assert.Equal(0.01215m, perRequest);
        Assert.Equal(0.01215m * 1_000 * 30, CostCalculator.PerMonth(Workload, new RoutePrices(3m, 15m, 0.3m, false, false)));
    }

    [Fact]
    public void WithoutACachedPriceTheCachedShareCostsTheInputPrice()
    {
        // (2000 × 3 + 500 × 15) / 1e6 = 0.0135
        Assert.Equal(0.0135m, CostCalculator.PerRequest(Workload, new RoutePrices(3m, 15m, null, false, false)));
    }

    [Theory]
    [InlineData(null, 15.0)]
    [InlineData(3.0, null)]
    public void RouteWithoutBothPricesHasNoCostAndSaysWhy(double? input, double? output)
    {
        var route = new RoutePrices((decimal?)input, (decimal?)output, null, false, false);

        Assert.Null(CostCalculator.PerMonth(Workload, route));
        Assert.Equal("Unavailable: no complete token price", CostCalculator.Unpriced(route));
    }

    [Fact]
    public void FreeAndWeightsOnlyRoutesAreListedApartNotPriced()
    {
        Assert.Null(CostCalculator.PerMonth(Workload, new RoutePrices(0m, 0m, null, IsFree: true, false)));
        Assert.Null(CostCalculator.PerMonth(Workload, new RoutePrices(null, null, null, false, IsWeightsOnly: true)));
        Assert.StartsWith("Free", CostCalculator.Unpriced(new RoutePrices(0m, 0m, null, true, false)));
        Assert.StartsWith("Weights", CostCalculator.Unpriced(new RoutePrices(null, null, null, false, true)));
    }

    [Fact]
    public void ZeroTrafficCostsNothingRatherThanNothingKnown() =>
        Assert.Equal(0m, CostCalculator.PerMonth(Workload with { RequestsPerDay = 0 }, new RoutePrices(3m, 15m, null, false, false)));

    [Theory]
    [InlineData("0.00000435", "$0.0000044")]
    [InlineData("0.0074", "$0.0074")]
    [InlineData("0.012", "$0.012")]
    [InlineData("1234.5", "$1,234.50")]
    [InlineData("0", "$0.00")]
    public void APerRequestCostUnderACentKeepsTwoSignificantFigures(string value, string expected) =>
        Assert.Equal(expected, CostFormat.PerRequest(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void TheCostCurveRunsToAboutTwiceTheTrafficAndLeavesUnpricedModelsOut()
    {
        var workload = new ComparisonWorkload(2_000, 1_000, 100);
        RouteCost Route(decimal? perRequest) => new("p", "P", "m", 1, 1, null, null, null, false, false, perRequest, perRequest * 60_000, perRequest is null ? "Unavailable" : null);
        ComparedModel Model(string slug, decimal? perRequest) => new(slug, slug, "Lab", null, [Route(perRequest)], null!);

        var (labels, series) = CostCurve.For([Model("a", 0.001m), Model("b", null)], workload);

        Assert.Equal(CostCurve.Points, labels.Count);
        Assert.Equal("5K", labels[^1]);
        Assert.Equal(0.001 * 5_000 * 30, series[0].Values[^1]!.Value, 6);
        Assert.All(series[1].Values, v => Assert.Null(v));
    }
}
