using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using ModelHub.Web.Features.Evaluations;

namespace ModelHub.IntegrationTests.Evaluations;

/// <summary>Hostile Markdown in a note: the body is kept as written and its html comes back inert, on create, read, list and edit.</summary>
[Trait("Database", "true")]
public sealed partial class NoteMarkdownTests : EvaluationTest
{
    private static readonly string[] Payloads =
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[x](javascript:alert(1))",
        "[x](https://e){onmouseover=\"alert(1)\"}",
        "<a href=\"javascript:alert(document.cookie)\">click</a>",
        "<iframe src=\"https://evil.example/\"></iframe>",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "<svg onload=alert(1)>",
        "[x](JaVaScRiPt:alert(1))",
        "<javascript:alert(1)>",
        "![tracker](https://evil.example/pixel.png)",
        "<div style=\"position:fixed\" onclick=\"alert(1)\">x</div>",
        "[x](  javascript:alert(1)  )",
        "[x]: javascript:alert(1)\n\nSee [x].",
    ];

    [Fact]
    public async Task EveryUsualXssPayloadComesBackInertInHtmlOnCreateReadListAndEditWhileTheBodyIsKeptAsWritten()
    {
        foreach (var payload in Payloads)
        {
            var body = $"Careful: {payload}";
            var created = await NoteAsync("model", Echo, body, tags: ["xss"]);
            var edited = await (await owner.Api.PutJsonAsync(Path($"notes/{created.Id}"), new { body = $"{body}\n\nEdited.", tags = new[] { "xss" } })).ReadAsync<NoteView>();
            var read = await (await owner.Api.GetAsync(Path($"notes/{created.Id}"))).ReadAsync<NoteView>();
            var listed = (await (await owner.Api.GetAsync(Path($"notes?model={Echo}"))).ReadAsync<NoteList>()).Items.Single(n => n.Id == created.Id);

            Assert.Equal(body, created.Body);
            Assert.Equal($"{body}\n\nEdited.", read.Body);
            foreach (var html in new[] { created.Html, edited.Html, read.Html, listed.Html })
            {
                AssertInert(payload, html);
            }
        }
    }

    [Fact]
    public async Task SafeLinksAndFormattingStillRender()
    {
        var note = await NoteAsync("model", Echo, "See [the docs](https://example.com/docs) and `code`.");

        Assert.Contains("<a href=\"https://example.com/docs\" rel=\"nofollow noopener noreferrer\">the docs</a>", note.Html);
        Assert.Contains("<code>code</code>", note.Html);
    }

    private static void AssertInert(string payload, string html)
    {
        var because = $"payload {payload} gave {html}";
        // As text: no element that runs or loads anything, whatever its case.
        foreach (var tag in new[] { "<script", "<iframe", "<svg", "<img", "<object", "<embed", "<style", "<link", "<meta", "<form" })
        {
            Assert.False(html.Contains(tag, StringComparison.OrdinalIgnoreCase), because);
        }

        // As a document: no event handler or style attribute, and every address is http(s), mailto or a fragment.
        var document = new HtmlParser().ParseDocument($"<body>{html}</body>");
        foreach (var element in document.Body!.QuerySelectorAll("*"))
        {
            foreach (var attribute in element.Attributes)
            {
                Assert.False(EventHandler().IsMatch(attribute.Name), because);
                Assert.False(attribute.Name is "style" or "src", because);
                Assert.False(attribute.Value.Contains("javascript:", StringComparison.OrdinalIgnoreCase), because);
                Assert.False(attribute.Value.Contains("data:", StringComparison.OrdinalIgnoreCase), because);
            }

            if (element.GetAttribute("href") is { } href)
            {
                Assert.True(SafeHref().IsMatch(href), because);
            }
        }

        Assert.False(HandlerInMarkup().IsMatch(html), because);
        Assert.False(UnsafeAddress().IsMatch(html), because);
    }

    [GeneratedRegex("^(https?://|mailto:|#)")]
    private static partial Regex SafeHref();

    [GeneratedRegex(@"<[^>]*\son\w+\s*=")]
    private static partial Regex HandlerInMarkup();

    /// <summary>An unsafe address inside a tag; the same words escaped as text (&amp;lt;a href=…) are what the author wrote, shown inertly.</summary>
    [GeneratedRegex(@"<[^>]*(href|src)\s*=\s*[""']?\s*(javascript|data|vbscript):", RegexOptions.IgnoreCase)]
    private static partial Regex UnsafeAddress();

    [GeneratedRegex("^on", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandler();
}
