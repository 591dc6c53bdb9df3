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
}
