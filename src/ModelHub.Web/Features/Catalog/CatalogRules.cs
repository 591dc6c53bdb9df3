namespace ModelHub.Web.Features.Catalog;

public static class CatalogRules
{
    public const int MaxSlugLength = 120;
    public const int DefaultPageSize = 25;
    public const int MaxPageSize = 100;
}
