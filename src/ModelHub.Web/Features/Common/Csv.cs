using System.Globalization;

namespace ModelHub.Web.Features.Common;

/// <summary>CSV cells for exports that open safely in a spreadsheet.</summary>
public static class Csv
{
    /// <summary>A CSV cell; a value a spreadsheet would run as a formula is prefixed with a quote.</summary>
    public static string Cell(object? value)
    {
        var text = value switch
        {
            null => "",
            decimal d => d.ToString(CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };
        if (text.Length > 0 && "=+-@\t\r".Contains(text[0]) && value is string)
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
    }

    public static string Row(params object?[] cells) => string.Join(',', cells.Select(Cell)) + "\n";
}
