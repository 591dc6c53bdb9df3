using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;

namespace ModelHub.Web.Features.Catalog;

/// <summary>The current catalog view as a file: CSV with one line per model (columns from <see cref="ModelFacts"/>), or JSON as the API returns models.</summary>
public sealed class CatalogExport(IDbContextFactory<ModelHubDbContext> dbFactory, ModelDetailQueries details)
{
    public const int MaxModels = 5000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>Every model in the view (up to <paramref name="limit"/>), in the view's order, with full details.</summary>
    public async Task<IReadOnlyList<ModelDetails>> ExportAsync(CatalogQuery query, int limit, CancellationToken cancellationToken = default)
    {
        List<string> slugs;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            slugs = await CatalogFiltering.Sort(CatalogFiltering.Rows(CatalogFiltering.Filter(db, query), query), query)
                .Select(r => r.Slug).Take(limit).ToListAsync(cancellationToken);
        }

        return await details.GetManyAsync(slugs, cancellationToken);
    }

    public static byte[] ToJson(IReadOnlyList<ModelDetails> models) => JsonSerializer.SerializeToUtf8Bytes(models, Json);

    public static string ToCsv(IEnumerable<ModelDetails> models)
    {
        var columns = ModelFacts.For(FactUse.Export).ToList();
        var csv = new StringBuilder();
        csv.AppendLine(string.Join(',', columns.Select(c => c.Name)));
        foreach (var model in models)
        {
            csv.AppendLine(string.Join(',', columns.Select(c => Escape(c.Export(model)))));
        }

        return csv.ToString();
    }

    /// <summary>RFC 4180 quoting; a leading =, +, - or @ is neutralised so a spreadsheet does not run it as a formula.</summary>
    private static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' && !decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }
}
