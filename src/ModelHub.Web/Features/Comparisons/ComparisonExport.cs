using System.Globalization;
using System.Text;

namespace ModelHub.Web.Features.Comparisons;

/// <summary>A comparison as a file: Markdown to paste into a design doc, CSV of every route's cost, or the API's JSON.</summary>
public static class ComparisonExport
{
    public static string ToMarkdown(ComparisonView c)
    {
        var w = c.Workload;
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# {Escape(c.Name)}").AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Workload: {w.RequestsPerDay:N0} requests a day, {w.InputTokensPerRequest:N0} input and {w.OutputTokensPerRequest:N0} output tokens each, {w.CachedInputShare:P0} of input cached, {w.DaysPerMonth} days a month.").AppendLine();
        md.AppendLine("## Monthly cost").AppendLine();
        md.AppendLine("| Model | Lab | Monthly cost (USD) | Cheapest route |").AppendLine("|---|---|---:|---|");
        foreach (var m in c.Models)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {Escape(m.Name)} | {Escape(m.Lab)} | {(m.MonthlyCost is { } cost ? cost.Usd.ToString("#,##0.00", CultureInfo.InvariantCulture) : "Unavailable: no complete token price")} | {(m.MonthlyCost is { } r ? $"{Escape(r.ProviderSlug)}: `{r.ProviderModelId}`" : "—")} |");
        }

        md.AppendLine().AppendLine("## Routes").AppendLine();
        md.AppendLine("| Model | Provider | Model ID | Input / output per 1M | Context | Per month (USD) |").AppendLine("|---|---|---|---|---:|---:|");
        foreach (var m in c.Models)
        {
            foreach (var r in m.Routes)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"| {Escape(m.Name)} | {Escape(r.ProviderName)} | `{r.ProviderModelId}` | {Catalog.CatalogFormat.Price(r.InputPricePerMillion, r.IsFree)} / {Catalog.CatalogFormat.Price(r.OutputPricePerMillion, r.IsFree)} | {Catalog.CatalogFormat.Tokens(r.ContextWindow)} | {(r.PerMonthUsd is { } month ? month.ToString("#,##0.00", CultureInfo.InvariantCulture) : r.Unpriced)} |");
            }
        }

        if (c.PriceChanges.Count > 0)
        {
            md.AppendLine().AppendLine("## Price changes since saving").AppendLine();
            md.AppendLine("| When (UTC) | Route | Field | Was | Now |").AppendLine("|---|---|---|---|---|");
            foreach (var p in c.PriceChanges)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {p.ChangedAtUtc:yyyy-MM-dd HH:mm} | {Escape(p.ProviderSlug)}: `{p.ProviderModelId}` | {p.Field} | {p.OldValue ?? "—"} | {p.NewValue ?? "—"} |");
            }
        }

        md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"_Exported from ModelHub; prices as the catalog lists them on {DateTime.UtcNow:yyyy-MM-dd}._");
        return md.ToString();
    }

    public static string ToCsv(ComparisonView c)
    {
        var csv = new StringBuilder("model_slug,model,provider,provider_model_id,input_per_million,output_per_million,cached_input_per_million,context_window,per_request_usd,per_month_usd,note\n");
        foreach (var m in c.Models)
        {
            foreach (var r in m.Routes)
            {
                csv.AppendJoin(',', Cell(m.Slug), Cell(m.Name), Cell(r.ProviderSlug), Cell(r.ProviderModelId), Cell(r.InputPricePerMillion), Cell(r.OutputPricePerMillion),
                    Cell(r.CachedInputPricePerMillion), Cell(r.ContextWindow), Cell(r.PerRequestUsd), Cell(r.PerMonthUsd), Cell(r.Unpriced)).Append('\n');
            }
        }

        return csv.ToString();
    }

    /// <summary>Pipes would split a Markdown table cell; line breaks would end the row.</summary>
    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");

    /// <summary>A CSV cell; a value a spreadsheet would run as a formula is prefixed with a quote.</summary>
    private static string Cell(object? value)
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
}
