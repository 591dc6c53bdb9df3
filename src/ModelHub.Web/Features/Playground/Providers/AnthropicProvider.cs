using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Playground.Runs;
using static ModelHub.Web.Features.Playground.Providers.ProviderJson;

namespace ModelHub.Web.Features.Playground.Providers;

/// <summary>
/// Anthropic messages: <c>POST {base}/v1/messages</c> with <c>stream: true</c>, read as named events
/// (<c>message_start</c> carries input tokens, <c>content_block_delta</c> text or thinking,
/// <c>message_delta</c> output tokens and the stop reason, <c>message_stop</c> the end).
/// </summary>
public sealed class AnthropicProvider(ProviderHttp http) : IChatProvider
{
    public const string ApiVersion = "2023-06-01";

    /// <summary>The API requires max_tokens; this is used when the run sets none.</summary>
    public const int DefaultMaxTokens = 1024;

    public ApiStyle Style => ApiStyle.Anthropic;

    public async IAsyncEnumerable<StreamEvent> StreamAsync(ProviderCall call, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var name = call.Endpoint.Name;
        using var request = Authenticated(http.Request(HttpMethod.Post, ProviderHttp.Combine(call.Endpoint.BaseUrl, "v1/messages"), call.Endpoint, Body(call), streaming: true), call.Endpoint);
        using var response = await http.SendAsync(request, name, cancellationToken);

        int? inputTokens = null;
        int? outputTokens = null;
        string? stopReason = null;
        var stopped = false;
        await foreach (var item in ProviderHttp.ReadEventsAsync(response, name, cancellationToken))
        {
            if (item.EventType == "ping" || string.IsNullOrWhiteSpace(item.Data))
            {
                continue;
            }

            var data = ProviderHttp.ParseChunk(item.Data, name);
            switch (Text(data["type"]) ?? item.EventType)
            {
                case "message_start":
                    inputTokens = Int(data["message"]?["usage"]?["input_tokens"]) ?? inputTokens;
                    outputTokens = Int(data["message"]?["usage"]?["output_tokens"]) ?? outputTokens;
                    break;
                case "content_block_delta":
                    var delta = data["delta"];
                    if (Text(delta?["text"]) is { Length: > 0 } text)
                    {
                        yield return new TextDelta(text);
                    }
                    else if (Text(delta?["thinking"]) is { Length: > 0 } thinking)
                    {
                        yield return new ReasoningDelta(thinking);
                    }

                    break;
                case "message_delta":
                    stopReason = Text(data["delta"]?["stop_reason"]) ?? stopReason;
                    outputTokens = Int(data["usage"]?["output_tokens"]) ?? outputTokens;
                    inputTokens = Int(data["usage"]?["input_tokens"]) ?? inputTokens;
                    break;
                case "message_stop":
                    stopped = true;
                    break;
                case "error":
                    var message = Text(data["error"]?["message"]) ?? item.Data;
                    var kind = Text(data["error"]?["type"]) == "overloaded_error" ? "is overloaded" : "reported an error mid-answer";
                    throw new ProviderException(ProviderErrorKind.ProviderFailed,
                        $"{name} {kind}: \"{message}\". The partial output is kept; try again shortly.", detail: item.Data);
            }

            if (stopped)
            {
                break;
            }
        }

        if (!stopped)
        {
            throw ProviderErrors.StreamCut(name);
        }

        if (inputTokens is not null || outputTokens is not null)
        {
            yield return new UsageReport(inputTokens, outputTokens);
        }

        yield return new StreamFinished(stopReason);
    }

    public async Task<string> TestAsync(ProviderEndpoint endpoint, CancellationToken cancellationToken)
    {
        using var request = Authenticated(http.Request(HttpMethod.Get, ProviderHttp.Combine(endpoint.BaseUrl, "v1/models"), endpoint), endpoint);
        var body = await http.SendForJsonAsync(request, endpoint.Name, cancellationToken);
        return body["data"] is JsonArray models ? $"Connected; the key lists {models.Count} model(s)." : "Connected.";
    }

    private static HttpRequestMessage Authenticated(HttpRequestMessage request, ProviderEndpoint endpoint)
    {
        request.Headers.TryAddWithoutValidation("x-api-key", endpoint.ApiKey);
        request.Headers.TryAddWithoutValidation("anthropic-version", ApiVersion);
        return request;
    }

    private static JsonObject Body(ProviderCall call)
    {
        var messages = new JsonArray();
        foreach (var message in call.Messages)
        {
            var content = new JsonArray();
            foreach (var image in message.Images ?? [])
            {
                content.Add(new JsonObject
                {
                    ["type"] = "image",
                    ["source"] = new JsonObject { ["type"] = "base64", ["media_type"] = image.MediaType, ["data"] = image.Base64Data },
                });
            }

            content.Add(new JsonObject { ["type"] = "text", ["text"] = message.Text });
            messages.Add(new JsonObject { ["role"] = message.Role == ChatRole.Assistant ? "assistant" : "user", ["content"] = content });
        }

        var p = call.Parameters;
        var body = new JsonObject
        {
            ["model"] = call.Model,
            ["max_tokens"] = p.MaxOutputTokens ?? DefaultMaxTokens,
            ["messages"] = messages,
            ["stream"] = true,
        };

        // The messages API has no JSON mode; the system prompt asks for it instead.
        var system = p.JsonResponse
            ? $"{call.SystemPrompt}\n\nAnswer with a single JSON object and nothing else.".Trim()
            : call.SystemPrompt;
        if (!string.IsNullOrWhiteSpace(system))
        {
            body["system"] = system;
        }

        Set(body, "temperature", p.Temperature);
        Set(body, "top_p", p.TopP);
        if (p.Stop is { Count: > 0 } stop)
        {
            body["stop_sequences"] = new JsonArray([.. stop.Select(s => JsonValue.Create(s))]);
        }

        return body;
    }
}
