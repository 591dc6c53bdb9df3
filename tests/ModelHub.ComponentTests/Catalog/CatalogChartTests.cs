using ModelHub.Web.Features.Common.Charts;

namespace ModelHub.ComponentTests.Catalog;

public sealed class CatalogChartTests : ComponentTest
{
    /// <summary>Two routes' input and output prices; the second route has no output price.</summary>
    private IRenderedComponent<BarChart> RenderPricePerRoute() => Render<BarChart>(p => p
        .Add(x => x.Title, "Price per route")
        .Add(x => x.Labels, ["Replicate", "Z.ai"])
        .Add(x => x.Series, [new BarSeries("Input", [0.5, 1.25]), new BarSeries("Output", [2, null])])
        .Add(x => x.Unit, "USD per 1M tokens")
        .Add(x => x.Format, "0.00"));

    [Fact]
    public void BarChartDrawsBarsAndGivesScreenReadersEveryValue()
    {
        var chart = RenderPricePerRoute();

        var picture = chart.Find("[role=img]");
        Assert.Contains("Price per route", picture.GetAttribute("aria-label"));
        Assert.NotEmpty(picture.QuerySelectorAll("svg"));
        var rows = chart.FindAll(".mh-visually-hidden table tbody tr");
        Assert.Equal(["Replicate 0.50 2.00", "Z.ai 1.25 –"], rows.Select(r => string.Join(' ', r.Children.Select(c => c.TextContent.Trim()))));
    }

    [Fact]
    public void BarChartDrawsEachValueAsABarOfItsShareOfTheAxisAndLeavesOutMissingValues()
    {
        var chart = RenderPricePerRoute();

        // The axis runs to 2 (the largest value is a round tick), so 0.5 is a quarter of the plot's height.
        var bars = chart.FindAll(".mh-plot-area rect");
        Assert.Equal(["25%", "100%", "62.5%"], bars.Select(b => b.GetAttribute("height")));
        Assert.Equal(["Replicate, Input: 0.50 USD per 1M tokens", "Replicate, Output: 2.00 USD per 1M tokens", "Z.ai, Input: 1.25 USD per 1M tokens"],
            bars.Select(b => b.QuerySelector("title")!.TextContent));
        Assert.Equal(["mh-series-0", "mh-series-1", "mh-series-0"], bars.Select(b => b.GetAttribute("class")));
        Assert.Equal(["Replicate", "Z.ai"], chart.FindAll(".mh-plot-categories span").Select(s => s.TextContent));
        Assert.Equal(["Input", "Output"], chart.FindAll(".mh-plot-legend li").Select(li => li.TextContent));
    }

    [Fact]
    public void BarChartSlantsCategoryLabelsOnlyWhenThereAreMoreThanFour()
    {
        IRenderedComponent<BarChart> Chart(int labels) => Render<BarChart>(p => p
            .Add(x => x.Title, "Scores")
            .Add(x => x.Labels, [.. Enumerable.Range(1, labels).Select(i => $"Benchmark {i}")])
            .Add(x => x.Series, [new BarSeries("Score", [.. Enumerable.Range(1, labels).Select(i => (double?)i)])]));

        Assert.Empty(Chart(4).FindAll(".mh-plot-slanted"));
        var slanted = Chart(5).Find(".mh-plot-categories.mh-plot-slanted");
        Assert.Equal(5, slanted.QuerySelectorAll("span").Length);
        Assert.Equal("Benchmark 5", slanted.QuerySelectorAll("span")[4].GetAttribute("title"));
    }

    [Fact]
    public void BarChartWritesLabelsAsTextNotMarkup()
    {
        const string hostile = "<img src=x onerror=alert(1)>";
        var chart = Render<BarChart>(p => p
            .Add(x => x.Title, "Speed")
            .Add(x => x.Labels, [hostile])
            .Add(x => x.Series, [new BarSeries("<b>Tokens</b>", [12])])
            .Add(x => x.Unit, "\" onmouseover=\"alert(2)"));

        Assert.Empty(chart.FindAll("img"));
        Assert.Empty(chart.FindAll("b"));
        Assert.All(chart.FindAll("*"), element => Assert.Null(element.GetAttribute("onmouseover")));
        Assert.Equal(hostile, chart.Find(".mh-plot-categories span").TextContent);
        Assert.Equal(hostile, chart.Find(".mh-visually-hidden tbody th").TextContent);
    }

    [Fact]
    public void ScatterChartDrawsOnePointPerItemAndListsThemInATable()
    {
        var chart = Render<ScatterChart>(p => p
            .Add(x => x.Title, "Price against context window")
            .Add(x => x.Points, [new ScatterPoint("GLM-4-9B", 128, 0.1, "Zhipu"), new ScatterPoint("Qwen3.5-4B", 256, 0.05, "Qwen")])
            .Add(x => x.XTitle, "Context window (thousand tokens)")
            .Add(x => x.YTitle, "Input USD per 1M tokens")
            .Add(x => x.YFormat, "0.00"));

        Assert.NotEmpty(chart.Find("[role=img]").QuerySelectorAll("svg"));
        Assert.Equal(2, chart.FindAll(".mh-visually-hidden table tbody tr").Count);
        Assert.Contains("Qwen3.5-4B", chart.Find(".mh-visually-hidden table").TextContent);
    }

    [Fact]
    public void ScatterChartWritesNamesAsTextNotMarkup()
    {
        const string hostile = "<img src=x onerror=alert(1)>\" onmouseover=\"alert(2)";
        var chart = Render<ScatterChart>(p => p
            .Add(x => x.Title, "Price & context <b>window</b>")
            .Add(x => x.Points, [new ScatterPoint(hostile, 128, 0.1, hostile), new ScatterPoint("Qwen3.5-4B", 256, 0.05, "Qwen")])
            .Add(x => x.XTitle, "x")
            .Add(x => x.YTitle, "y"));

        Assert.Empty(chart.FindAll("img"));
        Assert.Empty(chart.FindAll("b"));
        Assert.All(chart.FindAll("*"), element => Assert.Null(element.GetAttribute("onmouseover")));
        Assert.Equal(hostile, chart.Find(".mh-visually-hidden tbody th").TextContent);
        Assert.Contains(chart.FindAll(".mh-plot-legend li"), item => item.TextContent == hostile);
        Assert.StartsWith(hostile + ": 128", chart.Find(".mh-plot-area title").TextContent);
        Assert.Equal("Price & context <b>window</b>", chart.Find(".mh-visually-hidden caption").TextContent);
    }

    [Fact]
    public void ChartsSaySoWhenThereIsNothingToDraw()
    {
        var chart = Render<ScatterChart>(p => p
            .Add(x => x.Title, "Empty")
            .Add(x => x.Points, [])
            .Add(x => x.XTitle, "x")
            .Add(x => x.YTitle, "y")
            .Add(x => x.EmptyText, "No model in this view has a price."));

        Assert.Contains("No model in this view has a price.", chart.Markup);
        Assert.Empty(chart.FindAll("[role=img]"));
    }
}
