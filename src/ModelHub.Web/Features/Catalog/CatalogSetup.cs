using ModelHub.Web.Features.Catalog.Seed;

namespace ModelHub.Web.Features.Catalog;

public static class CatalogSetup
{
    public static IHostApplicationBuilder AddCatalog(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<CatalogSeeder>();
        builder.Services.AddScoped<CatalogQueries>();
        builder.Services.AddScoped<ModelDetailQueries>();
        builder.Services.AddScoped<CatalogListQueries>();
        builder.Services.AddSingleton<CatalogApiJson>();
        builder.Services.AddScoped<CatalogExport>();
        builder.Services.AddScoped<Import.CatalogImporter>();
        builder.Services.AddScoped<Editing.CatalogEditor>();
        builder.Services.AddScoped<Import.CatalogImportService>();
        builder.Services.AddOptions<Import.CatalogRefreshOptions>().BindConfiguration(Import.CatalogRefreshOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<Import.CatalogRefreshService>();
        builder.Services.AddHttpClient(Import.CatalogImportService.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(60))
            .ConfigurePrimaryHttpMessageHandler(services => services.GetRequiredService<Common.Outbound.OutboundUrlGuard>().CreateHandler());
        return builder;
    }
}
