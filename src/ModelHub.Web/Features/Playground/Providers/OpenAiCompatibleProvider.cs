using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Playground.Runs;
using static ModelHub.Web.Features.Playground.Providers.ProviderJson;

namespace ModelHub.Web.Features.Playground.Providers;

/// <summary>
/// OpenAI-compatible chat completions: <c>POST {base}/chat/completions</c> with <c>stream: true</c> and
/// <c>stream_options.include_usage</c>, read as SSE <c>data:</c> lines up to <c>[DONE]</c>.
/// Reasoning arrives as <c>reasoning_content</c> (DeepSeek, Qwen, GLM) or <c>reasoning</c> (OpenRouter) deltas.
/// </summary>
public sealed class OpenAiCompatibleProvider(ProviderHttp http) : IChatProvider
{
    public ApiStyle Style => ApiStyle.OpenAiCompatible;

    public async IAsyncEnumerable<StreamEvent> StreamAsync(ProviderCall call, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var name = call.Endpoint.Name;
        using var request = http.Request(HttpMethod.Post, ProviderHttp.Combine(call.Endpoint.BaseUrl, "chat/completions"), call.Endpoint, Body(call), streaming: true);
        ProviderHttp.Bearer(request, call.Endpoint.ApiKey);
        using var response = await http.SendAsync(request, name, cancellationToken);

        string? finishReason = null;
        var done = false;
        await foreach (var item in ProviderHttp.ReadEventsAsync(response, name, cancellationToken))
        {
            if (item.Data.Trim() == "[DONE]")
            {
                done = true;
                break;
            }

            if (string.IsNullOrWhiteSpace(item.Data))
            {
                continue;
            }

            var chunk = ProviderHttp.ParseChunk(item.Data, name);
            if (chunk["error"] is { } error)
            {
                var message = error["message"]?.GetValue<string>() ?? error.ToJsonString();
                throw new ProviderException(ProviderErrorKind.ProviderFailed,
                    $"{name} reported an error mid-answer: \"{message}\". The partial output is kept.", detail: item.Data);
            }

            if (chunk["choices"] is JsonArray { Count: > 0 } choices && choices[0] is JsonObject choice)
            {
                if (choice["delta"] is JsonObject delta)
                {
                    if ((Text(delta["reasoning_content"]) ?? Text(delta["reasoning"])) is { Length: > 0 } reasoning)
                    {
                        yield return new ReasoningDelta(reasoning);
                    }

                    if (Text(delta["content"]) is { Length: > 0 } content)
                    {
                        yield return new TextDelta(content);
                    }
                }

                if (Text(choice["finish_reason"]) is { } reason)
                {
                    finishReason = reason;
                }
            }

            if (chunk["usage"] is JsonObject usage)
            {
                yield return new UsageReport(Int(usage["prompt_tokens"]), Int(usage["completion_tokens"]));
            }
        }

        // Some compatible servers end without [DONE] after a finish reason; without either the answer was cut.
        if (!done && finishReason is null)
        {
            throw ProviderErrors.StreamCut(name);
        }

        yield return new StreamFinished(finishReason);
    }

    public async Task<string> TestAsync(ProviderEndpoint endpoint, CancellationToken cancellationToken)
    {
        using var request = http.Request(HttpMethod.Get, ProviderHttp.Combine(endpoint.BaseUrl, "models"), endpoint);
        ProviderHttp.Bearer(request, endpoint.ApiKey);
        var body = await http.SendForJsonAsync(request, endpoint.Name, cancellationToken);
        return body["data"] is JsonArray models ? $"Connected; the key lists {models.Count} model(s)." : "Connected.";
    }

    private static JsonObject Body(ProviderCall call)
    {
        var messages = new JsonArray();
        if (!string.IsNullOrWhiteSpace(call.SystemPrompt))
        {
            messages.Add(new JsonObject { ["role"] = "system", ["content"] = call.SystemPrompt });
        }

        foreach (var message in call.Messages)
        {
            var role = message.Role == ChatRole.Assistant ? "assistant" : "user";
            if (message.Images is not { Count: > 0 } images)
            {
                messages.Add(new JsonObject { ["role"] = role, ["content"] = message.Text });
                continue;
            }

            var parts = new JsonArray { new JsonObject { ["type"] = "text", ["text"] = message.Text } };
            foreach (var image in images)
            {
                parts.Add(new JsonObject
                {
                    ["type"] = "image_url",
                    ["image_url"] = new JsonObject { ["url"] = $"data:{image.MediaType};base64,{image.Base64Data}" },
                });
            }

            messages.Add(new JsonObject { ["role"] = role, ["content"] = parts });
        }

        var p = call.Parameters;
        var body = new JsonObject
        {
            ["model"] = call.Model,
            ["messages"] = messages,
            ["stream"] = true,
            ["stream_options"] = new JsonObject { ["include_usage"] = true },
        };
        Set(body, "temperature", p.Temperature);
        Set(body, "top_p", p.TopP);
        Set(body, "max_tokens", p.MaxOutputTokens);
        Set(body, "seed", p.Seed);
        if (p.Stop is { Count: > 0 } stop)
        {
            body["stop"] = new JsonArray([.. stop.Select(s => JsonValue.Create(s))]);
        }

        if (p.JsonResponse)
        {
            body["response_format"] = new JsonObject { ["type"] = "json_object" };
        }

        return body;
    }
}
