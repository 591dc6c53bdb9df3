namespace ModelHub.Web.Features.Comparisons;

public static class ComparisonsSetup
{
    public static IHostApplicationBuilder AddComparisons(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<ComparisonService>();
        builder.Services.AddScoped<ComparisonRunLinks>();
        builder.Services.AddScoped<PriceChangeNotifications>();
        return builder;
    }
}
