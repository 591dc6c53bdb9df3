namespace ModelHub.Web.Features.Common;

/// <summary>Search text made safe for SQL LIKE on both providers: its wildcards match themselves.</summary>
public static class SqlLike
{
    /// <summary>The escape character to pass to <c>EF.Functions.Like</c> with these patterns.</summary>
    public const string Escape = "\\";

    /// <summary>A pattern matching any text that contains <paramref name="text"/>.</summary>
    public static string Containing(string text) => $"%{EscapeText(text)}%";

    // '[' is a wildcard on SQL Server (character ranges), so it is escaped too.
    private static string EscapeText(string text) =>
        text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_").Replace("[", "\\[");
}
