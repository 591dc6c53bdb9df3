using ModelHub.Web.Features.Common.Charts;

namespace ModelHub.ComponentTests.Catalog;

public sealed class CatalogChartTests : ComponentTest
{
    [Fact]
    public void BarChartDrawsBarsAndGivesScreenReadersEveryValue()
    {
        var chart = Render<BarChart>(p => p
            .Add(x => x.Title, "Price per route")
            .Add(x => x.Labels, ["Replicate", "Z.ai"])
            .Add(x => x.Series, [new BarSeries("Input", [0.5, 1.25]), new BarSeries("Output", [2, null])])
            .Add(x => x.Unit, "USD per 1M tokens")
            .Add(x => x.Format, "0.00"));

        var picture = chart.Find("[role=img]");
        Assert.Contains("Price per route", picture.GetAttribute("aria-label"));
        Assert.NotEmpty(picture.QuerySelectorAll("svg"));
        var rows = chart.FindAll(".mh-visually-hidden table tbody tr");
        Assert.Equal(["Replicate 0.50 2.00", "Z.ai 1.25 –"], rows.Select(r => string.Join(' ', r.Children.Select(c => c.TextContent.Trim()))));
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
        Assert.Contains(chart.FindAll(".mh-scatter-legend li"), item => item.TextContent == hostile);
        Assert.StartsWith(hostile + ": 128", chart.Find(".mh-scatter-plot title").TextContent);
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
