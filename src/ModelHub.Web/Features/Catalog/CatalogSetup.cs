using Microsoft.Extensions.Options;
using ModelHub.Web.Features.Catalog.Seed;

namespace ModelHub.Web.Features.Catalog;

public static class CatalogSetup
{
    public static IHostApplicationBuilder AddCatalog(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(_ => Identity.IdentityRules.Load(builder.Configuration["Catalog:Identity:ExtraRulesFile"]));
        builder.Services.AddScoped<Identity.CatalogIdentityService>();
        builder.Services.AddScoped<CatalogSeeder>();
        builder.Services.AddScoped<CatalogQueries>();
        builder.Services.AddScoped<ModelDetailQueries>();
        builder.Services.AddScoped<CatalogListQueries>();
        builder.Services.AddSingleton<CatalogApiJson>();
        builder.Services.AddScoped<CatalogExport>();
        builder.Services.AddScoped<Import.CatalogImporter>();
        builder.Services.AddScoped<Editing.CatalogEditor>();
        builder.Services.AddScoped<Import.CatalogImportService>();
        builder.Services.AddSingleton<Import.PublicCatalogs>();
        builder.Services.AddOptions<Import.PublicCatalogOptions>().BindConfiguration(Import.PublicCatalogOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<Import.PublicCatalogOptions>, Import.PublicCatalogOptionsValidator>();
        builder.Services.AddOptions<Import.CatalogRefreshOptions>().BindConfiguration(Import.CatalogRefreshOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<Import.CatalogRefreshOptions>, Import.CatalogRefreshOptionsValidator>();
        builder.Services.AddHostedService<Import.CatalogRefreshService>();
        builder.Services.AddHttpClient(Import.CatalogImportService.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(60))
            .ConfigurePrimaryHttpMessageHandler(services => services.GetRequiredService<Common.Outbound.OutboundUrlGuard>().CreateHandler());
        return builder;
    }
}
