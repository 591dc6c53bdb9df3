using ModelHub.Web.Features.Common;

namespace ModelHub.UnitTests;

/// <summary>The usual XSS payloads, written as model output or a note would carry them.</summary>
public sealed class SafeMarkdownAttackTests
{
    [Theory]
    [InlineData("[x](https://e.example){onmouseover=\"alert(1)\"}")]
    [InlineData("[x](https://e.example){onclick=alert(1)}")]
    [InlineData("# Title {#id onfocus=alert(1) autofocus}")]
    [InlineData("`code`{onmouseover=alert(1)}")]
    public void GenericAttributesAreNotParsedSoNoEventHandlerSurvives(string markdown)
    {
        var html = SafeMarkdown.ToHtml(markdown);

        Assert.DoesNotContain(" on", AttributesOf(html), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("autofocus", AttributesOf(html));
    }

    [Fact]
    public void AStyleAttributeCannotDrawALinkOverThePage()
    {
        var html = SafeMarkdown.ToHtml("[win a prize](https://e.example){style=\"position:fixed;top:0;left:0;width:100%;height:100%\"}");

        Assert.DoesNotContain("style=", AttributesOf(html));
        Assert.Contains("{style=", html);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<svg onload=alert(1)>")]
    [InlineData("<iframe src=\"https://e.example\"></iframe>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("<details open ontoggle=alert(1)>")]
    public void RawHtmlPayloadsStayText(string payload)
    {
        var html = SafeMarkdown.ToHtml("before " + payload + " after");

        Assert.DoesNotMatch("<(script|img|svg|iframe|details)", html);
        Assert.DoesNotContain("javascript", AttributesOf(html));
        Assert.Contains("&lt;", html);
    }

    [Theory]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x](JaVaScRiPt:alert(1))")]
    [InlineData("[x]( javascript:alert(1))")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("[x](vbscript:msgbox(1))")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("[x][ref]\n\n[ref]: javascript:alert(1)")]
    public void OnlyWebAndMailLinksKeepTheirTarget(string markdown)
    {
        var html = SafeMarkdown.ToHtml(markdown);

        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("data:", html);
        Assert.DoesNotContain("vbscript:", html);
    }

    [Fact]
    public void OrdinaryMarkdownStillRenders()
    {
        var html = SafeMarkdown.ToHtml("**bold** ~~gone~~\n\n- [x] done\n- [ ] todo\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nSee https://example.com and [mail](mailto:a@example.com).");

        Assert.Contains("<strong>bold</strong>", html);
        Assert.Contains("<del>gone</del>", html);
        Assert.Contains("type=\"checkbox\"", html);
        Assert.Contains("<table>", html);
        Assert.Contains("href=\"https://example.com\"", html);
        Assert.Contains("href=\"mailto:a@example.com\"", html);
    }

    /// <summary>The text inside tags only, so a payload shown as plain text does not count as an attribute.</summary>
    private static string AttributesOf(string html) =>
        string.Concat(System.Text.RegularExpressions.Regex.Matches(html, "<[^>]+>").Select(m => m.Value));
}
