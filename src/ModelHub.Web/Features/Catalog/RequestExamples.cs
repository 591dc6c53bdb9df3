using System.Text.Json;
using System.Text.RegularExpressions;

namespace ModelHub.Web.Features.Catalog;

public sealed record RequestExample(string Language, string Code);

/// <summary>
/// Ready-to-run requests for one route, in its provider's API style, reading the key from the
/// environment variable the provider's own SDKs use. Model IDs and URLs come from imported files, so
/// every value is quoted for the language it lands in: a shell word in single quotes, a JSON or
/// Python or C# string through a JSON encoder. A variable name that is not a plain identifier is
/// replaced by API_KEY, since it is spliced into code where quoting cannot make it safe.
/// </summary>
public static partial class RequestExamples
{
    public static IReadOnlyList<RequestExample> For(RouteView route)
    {
        var key = IsVariableName(route.ApiKeyVariable) ? route.ApiKeyVariable! : "API_KEY";
        var baseUrl = (route.BaseUrl ?? "https://api.example.com/v1").TrimEnd('/');
        var id = route.ProviderModelId;
        return route switch
        {
            { IsWeightsOnly: true } => Weights(id, key),
            { ApiStyle: ApiStyle.Replicate } => Replicate(id, key, baseUrl),
            { ApiStyle: ApiStyle.Anthropic } => Anthropic(id, key, baseUrl),
            _ => OpenAiCompatible(id, key, baseUrl),
        };
    }

    /// <summary>An environment variable name as shells and SDKs accept it: letters, digits and underscores, not starting with a digit.</summary>
    public static bool IsVariableName(string? name) => name is not null && VariableName().IsMatch(name);

    /// <summary>A string literal for JSON, Python and C# alike: double quotes, with quotes, backslashes and control characters escaped.</summary>
    private static string Str(string value) => JsonSerializer.Serialize(value);

    /// <summary>One shell word: single quotes, with each single quote closed, escaped and reopened.</summary>
    private static string Sh(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>A JSON body for curl's -d, as one single-quoted shell word.</summary>
    private static string ShJson(object body) => Sh(JsonSerializer.Serialize(body));

    /// <summary>Text for a comment line: no line breaks or other control characters that would end the comment.</summary>
    private static string Comment(string value) => new(value.Select(c => char.IsControl(c) ? ' ' : c).ToArray());

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,99}$")]
    private static partial Regex VariableName();

    private static IReadOnlyList<RequestExample> OpenAiCompatible(string id, string key, string baseUrl) =>
    [
        new("curl", $$"""
            curl {{Sh(baseUrl + "/chat/completions")}} \
              -H "Authorization: Bearer ${{key}}" \
              -H "Content-Type: application/json" \
              -d {{ShJson(new { model = id, messages = new[] { new { role = "user", content = "Hello!" } } })}}
            """),
        new("Python", $$"""
            # pip install openai
            import os
            from openai import OpenAI

            client = OpenAI(base_url={{Str(baseUrl)}}, api_key=os.environ["{{key}}"])
            reply = client.chat.completions.create(
                model={{Str(id)}},
                messages=[{"role": "user", "content": "Hello!"}],
            )
            print(reply.choices[0].message.content)
            """),
        new("C#", $$"""
            // dotnet add package OpenAI
            using System.ClientModel;
            using OpenAI;
            using OpenAI.Chat;

            var client = new ChatClient(
                model: {{Str(id)}},
                credential: new ApiKeyCredential(Environment.GetEnvironmentVariable("{{key}}")!),
                options: new OpenAIClientOptions { Endpoint = new Uri({{Str(baseUrl)}}) });
            ChatCompletion reply = await client.CompleteChatAsync("Hello!");
            Console.WriteLine(reply.Content[0].Text);
            """),
    ];

    private static IReadOnlyList<RequestExample> Replicate(string id, string key, string baseUrl)
    {
        // Replicate's REST path splits owner and name: /v1/models/{owner}/{name}/predictions.
        var path = $"models/{id.Split(':')[0]}/predictions";
        object body = id.Contains(':')
            ? new { version = id.Split(':')[1], input = new { prompt = "Hello" } }
            : new { input = new { prompt = "Hello" } };
        var ownerNote = id.Contains('/') ? "" : $"# The source lists this model as \"{Comment(id)}\" without its owner; Replicate expects owner/name.\n";
        return
        [
            new("curl", ownerNote + $$"""
                curl -X POST {{Sh($"{baseUrl}/{path}")}} \
                  -H "Authorization: Bearer ${{key}}" \
                  -H "Content-Type: application/json" \
                  -H "Prefer: wait" \
                  -d {{ShJson(body)}}
                """),
            new("Python", $$"""
                # pip install replicate   (reads {{key}} from the environment)
                import replicate

                output = replicate.run({{Str(id)}}, input={"prompt": "Hello"})
                # Output is a list or a generator of text pieces, depending on the model
                print("".join(output))
                """),
            new("C#", $$"""
                using System.Net.Http.Headers;
                using System.Net.Http.Json;

                using var http = new HttpClient();
                http.DefaultRequestHeaders.Authorization =
                    new AuthenticationHeaderValue("Bearer", Environment.GetEnvironmentVariable("{{key}}"));
                http.DefaultRequestHeaders.Add("Prefer", "wait");
                var response = await http.PostAsJsonAsync({{Str($"{baseUrl}/{path}")}}, new { input = new { prompt = "Hello" } });
                Console.WriteLine(await response.Content.ReadAsStringAsync());
                """),
        ];
    }

    private static IReadOnlyList<RequestExample> Anthropic(string id, string key, string baseUrl) =>
    [
        new("curl", $$"""
            curl {{Sh(baseUrl + "/messages")}} \
              -H "x-api-key: ${{key}}" \
              -H "anthropic-version: 2023-06-01" \
              -H "Content-Type: application/json" \
              -d {{ShJson(new { model = id, max_tokens = 1024, messages = new[] { new { role = "user", content = "Hello!" } } })}}
            """),
        new("Python", $$"""
            # pip install anthropic   (reads {{key}} from the environment)
            import anthropic

            client = anthropic.Anthropic()
            message = client.messages.create(
                model={{Str(id)}},
                max_tokens=1024,
                messages=[{"role": "user", "content": "Hello!"}],
            )
            print(message.content[0].text)
            """),
        new("C#", $$"""
            using System.Net.Http.Json;

            using var http = new HttpClient();
            http.DefaultRequestHeaders.Add("x-api-key", Environment.GetEnvironmentVariable("{{key}}"));
            http.DefaultRequestHeaders.Add("anthropic-version", "2023-06-01");
            var response = await http.PostAsJsonAsync({{Str(baseUrl + "/messages")}}, new
            {
                model = {{Str(id)}},
                max_tokens = 1024,
                messages = new[] { new { role = "user", content = "Hello!" } },
            });
            Console.WriteLine(await response.Content.ReadAsStringAsync());
            """),
    ];

    private static IReadOnlyList<RequestExample> Weights(string id, string key) =>
    [
        new("Download", $$"""
            # pip install -U "huggingface_hub[cli]"   ({{key}} only for gated repositories)
            huggingface-cli download {{Sh(id)}}
            """),
        new("Python", $$"""
            # pip install transformers accelerate
            from transformers import AutoModelForCausalLM, AutoTokenizer

            tokenizer = AutoTokenizer.from_pretrained({{Str(id)}}, trust_remote_code=True)
            model = AutoModelForCausalLM.from_pretrained({{Str(id)}}, trust_remote_code=True, device_map="auto")
            """),
    ];
}
