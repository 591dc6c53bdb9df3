namespace ModelHub.Web.Features.Catalog.Identity;

/// <summary>A model as a picker shows it.</summary>
public sealed record ModelChoice(string Slug, string Name);
