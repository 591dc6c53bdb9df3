namespace ModelHub.Web.Features.Catalog;

public sealed record RequestExample(string Language, string Code);

/// <summary>
/// Ready-to-run requests for one route, in its provider's API style, reading the key from the
/// environment variable the provider's own SDKs use.
/// </summary>
public static class RequestExamples
{
    public static IReadOnlyList<RequestExample> For(RouteView route)
    {
        var key = route.ApiKeyVariable ?? "API_KEY";
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

    private static IReadOnlyList<RequestExample> OpenAiCompatible(string id, string key, string baseUrl) =>
    [
        new("curl", $$"""
            curl {{baseUrl}}/chat/completions \
              -H "Authorization: Bearer ${{key}}" \
              -H "Content-Type: application/json" \
              -d '{"model": "{{id}}", "messages": [{"role": "user", "content": "Hello!"}]}'
            """),
        new("Python", $$"""
            # pip install openai
            import os
            from openai import OpenAI

            client = OpenAI(base_url="{{baseUrl}}", api_key=os.environ["{{key}}"])
            reply = client.chat.completions.create(
                model="{{id}}",
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
                model: "{{id}}",
                credential: new ApiKeyCredential(Environment.GetEnvironmentVariable("{{key}}")!),
                options: new OpenAIClientOptions { Endpoint = new Uri("{{baseUrl}}") });
            ChatCompletion reply = await client.CompleteChatAsync("Hello!");
            Console.WriteLine(reply.Content[0].Text);
            """),
    ];

    private static IReadOnlyList<RequestExample> Replicate(string id, string key, string baseUrl)
    {
        // Replicate's REST path splits owner and name: /v1/models/{owner}/{name}/predictions.
        var path = $"models/{id.Split(':')[0]}/predictions";
        var body = id.Contains(':')
            ? $"{{\"version\": \"{id.Split(':')[1]}\", \"input\": {{\"prompt\": \"Hello\"}}}}"
            : "{\"input\": {\"prompt\": \"Hello\"}}";
        var ownerNote = id.Contains('/') ? "" : $"# The source lists this model as \"{id}\" without its owner; Replicate expects owner/name.\n";
        return
        [
            new("curl", ownerNote + $$"""
                curl -X POST {{baseUrl}}/{{path}} \
                  -H "Authorization: Bearer ${{key}}" \
                  -H "Content-Type: application/json" \
                  -H "Prefer: wait" \
                  -d '{{body}}'
                """),
            new("Python", $$"""
                # pip install replicate   (reads {{key}} from the environment)
                import replicate

                output = replicate.run("{{id}}", input={"prompt": "Hello"})
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
                var response = await http.PostAsJsonAsync("{{baseUrl}}/{{path}}", new { input = new { prompt = "Hello" } });
                Console.WriteLine(await response.Content.ReadAsStringAsync());
                """),
        ];
    }

    private static IReadOnlyList<RequestExample> Anthropic(string id, string key, string baseUrl) =>
    [
        new("curl", $$"""
            curl {{baseUrl}}/messages \
              -H "x-api-key: ${{key}}" \
              -H "anthropic-version: 2023-06-01" \
              -H "Content-Type: application/json" \
              -d '{"model": "{{id}}", "max_tokens": 1024, "messages": [{"role": "user", "content": "Hello!"}]}'
            """),
        new("Python", $$"""
            # pip install anthropic   (reads {{key}} from the environment)
            import anthropic

            client = anthropic.Anthropic()
            message = client.messages.create(
                model="{{id}}",
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
            var response = await http.PostAsJsonAsync("{{baseUrl}}/messages", new
            {
                model = "{{id}}",
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
            huggingface-cli download {{id}}
            """),
        new("Python", $$"""
            # pip install transformers accelerate
            from transformers import AutoModelForCausalLM, AutoTokenizer

            tokenizer = AutoTokenizer.from_pretrained("{{id}}", trust_remote_code=True)
            model = AutoModelForCausalLM.from_pretrained("{{id}}", trust_remote_code=True, device_map="auto")
            """),
    ];
}
