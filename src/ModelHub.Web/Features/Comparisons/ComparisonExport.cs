using System.Globalization;
using System.Text;

namespace ModelHub.Web.Features.Comparisons;

/// <summary>A comparison as a file: Markdown to paste into a design doc, CSV of every route's cost, or the API's JSON.</summary>
public static class ComparisonExport
{
    public static string ToMarkdown(ComparisonView c)
    {
        var a = c.Analysis;
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# {Escape(c.Name)}").AppendLine();
        if (c.Decision is { } d)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"**Decision: {Escape(d.ModelName)}**, by {d.ByEmail} on {d.AtUtc:yyyy-MM-dd}.{(d.Rationale is { } why ? $" {Escape(why)}" : "")}").AppendLine();
        }

        md.AppendLine(a.Verdict).AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Workload: {CostFormat.Workload(c.Workload)}.").AppendLine();

        md.AppendLine("## Monthly cost").AppendLine();
        md.AppendLine("| Model | Lab | Monthly cost (USD) | Cheapest route |").AppendLine("|---|---|---:|---|");
        foreach (var m in c.Models)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"| {Escape(m.Name)} | {Escape(m.Lab)} | {(m.MonthlyCost is { } cost ? cost.Usd.ToString("#,##0.00", CultureInfo.InvariantCulture) : "Unavailable: no complete token price")} | {(m.MonthlyCost is { } r ? $"{Escape(r.ProviderSlug)}: `{r.ProviderModelId}`" : "—")} |");
        }

        Table(md, "Decision scorecard", ["Signal", .. c.Models.Select(m => m.Name)], a.Scorecard.Select(r => (IReadOnlyList<string>)[r.Signal, .. r.Values]));
        if (a.Ranking.Count > 0)
        {
            Table(md, "Ranking", ["Rank", "Model", "Score", "Why"],
                a.Ranking.OrderBy(r => r.Rank ?? int.MaxValue).Select(r => (IReadOnlyList<string>)[r.Rank?.ToString(CultureInfo.InvariantCulture) ?? (r.Failures.Count > 0 ? "Fails" : "—"),
                    r.Name, r.Score?.ToString("0", CultureInfo.InvariantCulture) ?? "—", string.Join("; ", r.Failures.Concat(r.Explanation))]));
        }

        Bullets(md, "Decision tradeoffs", a.Tradeoffs.Select(t => ($"Choose {t.Name} when…", t.ChooseWhen)));
        Bullets(md, "Switch friction", a.Switches.Select(s => ($"{s.FromName} → {s.ToName}" + (s.MonthlyCostChangeUsd is { } delta ? $" ({(delta >= 0 ? "+" : "−")}{CostFormat.Usd(Math.Abs(delta))} a month)" : ""), s.Points)));

        if (c.Measured.Count > 0 || c.Evaluations.Count > 0)
        {
            md.AppendLine().AppendLine("## Team evidence").AppendLine();
            foreach (var e in c.Measured)
            {
                md.AppendLine(CultureInfo.InvariantCulture,
                    $"- {Escape(e.ModelSlug)}: {e.Runs} measured answer(s); TTFT {Number(e.MedianTimeToFirstTokenMs, "0")} ms, {Number(e.MedianOutputTokensPerSecond, "0.#")} tokens/s, {(e.MeanCostPerRunUsd is { } cost ? CostFormat.Usd(cost) : "no cost")} per run");
            }

            foreach (var e in c.Evaluations)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {Escape(e.ModelSlug)}: {Escape(e.Label)} {Escape(e.Display)} ({e.Count}{(e.TooFewToRank ? ", too few to rank" : "")})");
            }
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

        if (a.DeepDive.Count > 0)
        {
            md.AppendLine().AppendLine("## Deep dive").AppendLine();
            foreach (var paragraph in a.DeepDive)
            {
                md.AppendLine(paragraph).AppendLine();
            }
        }

        if (a.Faq.Count > 0)
        {
            md.AppendLine().AppendLine("## FAQ").AppendLine();
            foreach (var entry in a.Faq)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"**{entry.Question}**").AppendLine().AppendLine(entry.Answer).AppendLine();
            }
        }

        if (!string.IsNullOrWhiteSpace(c.Notes))
        {
            md.AppendLine().AppendLine("## Notes").AppendLine().AppendLine(c.Notes.Trim());
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

    private static void Table(StringBuilder md, string title, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"## {title}").AppendLine();
        md.AppendLine("| " + string.Join(" | ", header.Select(Escape)) + " |");
        md.AppendLine("|" + string.Concat(Enumerable.Repeat("---|", header.Count)));
        foreach (var row in rows)
        {
            md.AppendLine("| " + string.Join(" | ", row.Select(Escape)) + " |");
        }
    }

    private static void Bullets(StringBuilder md, string title, IEnumerable<(string Heading, IReadOnlyList<string> Points)> groups)
    {
        var list = groups.ToList();
        if (list.Count == 0)
        {
            return;
        }

        md.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"## {title}").AppendLine();
        foreach (var (heading, points) in list)
        {
            md.AppendLine(CultureInfo.InvariantCulture, $"**{heading}**").AppendLine();
            foreach (var point in points)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {point.ReplaceLineEndings(" ")}");
            }

            md.AppendLine();
        }
    }

    private static string Number(double? value, string format) => value?.ToString(format, CultureInfo.InvariantCulture) ?? "—";

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

    private static string Cell(object? value) => Common.Csv.Cell(value);
}
