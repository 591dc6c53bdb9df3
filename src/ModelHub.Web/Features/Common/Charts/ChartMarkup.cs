using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace ModelHub.Web.Features.Common.Charts;

/// <summary>
/// Writes the plain-SVG charts (<see cref="ScatterChart"/>, <see cref="BarChart"/>) as one markup string each. Nothing in a
/// chart is interactive, and as render-tree elements a chart's hundreds of frames, kept twice by its component, were a
/// large share of every open page's circuit (see the circuit benchmark in the README). So every text goes through the
/// HTML encoder here. The picture is a grid (app.css, "Charts"): the value axis's title and ticks on the left, the plot,
/// the category or value ticks under it and the legend below; positions are percentages of the plot, so the picture
/// fits any width without stretching its text.
/// </summary>
internal sealed class ChartMarkup
{
    /// <summary>The theme's colours (mh-series-0 to 7), then the shapes, so series stay apart in light and dark and without colour.</summary>
    public const int Colours = 8;

    public static readonly string[] Shapes =
    [
        "M-4.5,0a4.5,4.5 0 1,0 9,0a4.5,4.5 0 1,0 -9,0",
        "M-4,-4h8v8h-8z",
        "M0,-5L5,4H-5z",
        "M0,-5.5L5.5,0L0,5.5L-5.5,0z",
    ];

    /// <summary>The legend's mark for a bar series.</summary>
    public static string Square => Shapes[1];

    /// <summary>The most category labels written upright under a bar chart.</summary>
    public const int MostUprightCategories = 4;

    private readonly StringBuilder html = new();

    public static string Encode(string text) => HtmlEncoder.Default.Encode(text);

    public static string Percent(double share) => (share * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    public static string SeriesClass(int index) => $"mh-series-{index % Colours}";

    /// <summary>An axis from zero to the first round tick at or above the largest value, with about five ticks.</summary>
    public static (double Max, IReadOnlyList<double> Ticks) Axis(double largest)
    {
        var step = ChartFormat.Step(largest);
        var count = Math.Max(1, (int)Math.Ceiling(largest / step - 1e-9));
        return (count * step, Enumerable.Range(0, count + 1).Select(i => i * step).ToList());
    }

    /// <summary>Opens the picture and its plot: the value axis's title and ticks, and a horizontal line at each tick.</summary>
    public ChartMarkup OpenPlot(string summary, string height, string yTitle, IReadOnlyList<double> yTicks, double yMax, string yFormat)
    {
        html.Append($"""<div role="img" aria-label="{Encode(summary)}" class="mh-chart-picture">""");
        html.Append($"""<div class="mh-plot" style="height: {Encode(height)}">""");
        html.Append($"""<div class="mh-plot-y-title"><span>{Encode(yTitle)}</span></div>""");
        html.Append("""<div class="mh-plot-y-ticks">""");
        foreach (var tick in yTicks)
        {
            html.Append($"""<span style="bottom: {Percent(tick / yMax)}">{Encode(ChartFormat.Value(tick, yFormat))}</span>""");
        }

        html.Append("""</div><svg class="mh-plot-area" width="100%" height="100%" aria-hidden="true">""");
        foreach (var tick in yTicks)
        {
            html.Append($"""<line x1="0" x2="100%" y1="{Percent(1 - tick / yMax)}" y2="{Percent(1 - tick / yMax)}"/>""");
        }

        return this;
    }

    /// <summary>A vertical line across the plot at a share of its width.</summary>
    public ChartMarkup VerticalLine(double share)
    {
        html.Append($"""<line x1="{Percent(share)}" x2="{Percent(share)}" y1="0" y2="100%"/>""");
        return this;
    }

    /// <summary>A point drawn as a shape centred at shares of the plot's width and height from its bottom left.</summary>
    public ChartMarkup Point(double x, double y, string shapeClass, string shape, string title)
    {
        html.Append($"""<svg x="{Percent(x)}" y="{Percent(1 - y)}" overflow="visible"><path class="{shapeClass}" d="{shape}"><title>{Encode(title)}</title></path></svg>""");
        return this;
    }

    /// <summary>A bar from the bottom of the plot, its left edge, width and height as shares of the plot.</summary>
    public ChartMarkup Bar(double left, double width, double height, string barClass, string title)
    {
        html.Append($"""<rect class="{barClass}" x="{Percent(left)}" y="{Percent(1 - height)}" width="{Percent(width)}" height="{Percent(height)}"><title>{Encode(title)}</title></rect>""");
        return this;
    }

    /// <summary>
    /// Closes the plot with labels under it, each centred at a share of its width, and the axis title. Category labels
    /// (<paramref name="labelWidth"/> given) wrap within their share of the width, up to two lines; more than
    /// <see cref="MostUprightCategories"/> of them are slanted instead, which stays readable on a phone.
    /// </summary>
    public ChartMarkup ClosePlot(IReadOnlyList<(double Position, string Text)> xLabels, string? xTitle, double? labelWidth = null)
    {
        var kind = labelWidth is null ? "" : xLabels.Count > MostUprightCategories ? " mh-plot-categories mh-plot-slanted" : " mh-plot-categories";
        html.Append($"""</svg><div class="mh-plot-x-ticks{kind}">""");
        var width = labelWidth is { } share && xLabels.Count <= MostUprightCategories ? $"; width: {Percent(share)}" : "";
        foreach (var (position, text) in xLabels)
        {
            html.Append($"""<span style="left: {Percent(position)}{width}" title="{Encode(text)}">{Encode(text)}</span>""");
        }

        html.Append($"""</div><div class="mh-plot-x-title">{Encode(xTitle ?? "")}</div></div>""");
        return this;
    }

    /// <summary>The legend (when there is more than one entry) and the end of the picture.</summary>
    public ChartMarkup ClosePicture(IReadOnlyList<(string Name, string Class, string Shape)> legend)
    {
        if (legend.Count > 1)
        {
            html.Append("""<ul class="mh-plot-legend">""");
            foreach (var (name, entryClass, shape) in legend)
            {
                html.Append($"""<li><svg width="12" height="12" viewBox="-6 -6 12 12" aria-hidden="true"><path class="{entryClass}" d="{shape}"/></svg>{Encode(name)}</li>""");
            }

            html.Append("</ul>");
        }

        html.Append("</div>");
        return this;
    }

    /// <summary>Every value for screen readers. A table cannot shrink below its content, so the hiding box wraps it.</summary>
    public ChartMarkup Table(string caption, IEnumerable<string> headings, IEnumerable<IReadOnlyList<string>> rows)
    {
        html.Append($"""<div class="mh-visually-hidden"><table><caption>{Encode(caption)}</caption><thead><tr>""");
        foreach (var heading in headings)
        {
            html.Append($"""<th scope="col">{Encode(heading)}</th>""");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            html.Append($"""<tr><th scope="row">{Encode(row[0])}</th>""");
            foreach (var cell in row.Skip(1))
            {
                html.Append($"<td>{Encode(cell)}</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table></div>");
        return this;
    }

    public override string ToString() => html.ToString();
}
