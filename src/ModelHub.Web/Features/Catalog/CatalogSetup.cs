using ModelHub.Web.Features.Catalog.Seed;

namespace ModelHub.Web.Features.Catalog;

public static class CatalogSetup
{
    public static IHostApplicationBuilder AddCatalog(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<CatalogSeeder>();
        builder.Services.AddScoped<CatalogQueries>();
        builder.Services.AddScoped<Import.CatalogImporter>();
        return builder;
    }
}
