using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ModelHub.FakeProviders;

/// <summary>A request the fake received, as the provider would have seen it.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body);

/// <summary>
/// One HTTP server on 127.0.0.1 that speaks the three wire formats ModelHub calls: OpenAI-compatible
/// chat completions (base <c>{BaseUrl}/v1</c>), Anthropic messages and Replicate predictions (base
/// <see cref="BaseUrl"/>). The model name picks the behaviour, so one server covers every fault:
/// <list type="bullet">
/// <item><c>echo</c> (or anything else): a short answer quoting the prompt, with usage.</item>
/// <item><c>slow-stream</c>: many words, <see cref="SlowChunkDelay"/> apart (for cancelling).</item>
/// <item><c>reasoning</c>: reasoning deltas, then the answer. <c>think-tags</c>: a &lt;think&gt; block split across chunks.</item>
/// <item><c>fault-401</c>, <c>fault-429</c> (Retry-After: 30, longer than ModelHub waits for), <c>fault-500</c>: errors with the provider's body.</item>
/// <item><c>once-503</c>: 503 to the first request for the model, then the usual answer. <c>once-429-after-N</c>: the same with 429 and Retry-After: N.</item>
/// <item><c>slow-first-byte</c>: headers after <see cref="SlowFirstByte"/>. <c>delay-N</c>: the first chunk after N ms, then the usual answer.</item>
/// <item><c>cut-mid-stream</c>: a few chunks, then the connection is dropped. <c>malformed-chunk</c>: a chunk that is not JSON.</item>
/// <item><c>stall-after-first</c>: the first chunk, then nothing until the client gives up.</item>
/// <item><c>no-usage</c>: an answer with no usage report. Replicate's <c>owner/polling-only</c> returns no stream URL.</item>
/// </list>
/// Any key other than <see cref="ApiKey"/> gets 401.
/// </summary>
public sealed class FakeProviderServer : IAsyncDisposable
{
    public const string ApiKey = "fake-key-4f9d2c81a7e3";

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, int> polls = new();
    private readonly ConcurrentDictionary<string, int> attempts = new();

    private FakeProviderServer(WebApplication app) => this.app = app;

    public string BaseUrl => app.Urls.First();

    /// <summary>Holds the stream open without sending anything until the client goes away.</summary>
    private static async Task StallAsync(HttpContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client stopped waiting, which is what a stall test wants.
        }
    }

    public string OpenAiBaseUrl => BaseUrl + "/v1";

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public TimeSpan SlowChunkDelay { get; set; } = TimeSpan.FromMilliseconds(60);

    public TimeSpan SlowFirstByte { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Delay between the chunks of ordinary answers.</summary>
    public TimeSpan ChunkDelay { get; set; } = TimeSpan.FromMilliseconds(5);

    public static async Task<FakeProviderServer> StartAsync()
    {
        // No settings files are watched: test runs start many servers, and each watcher takes an inotify instance.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeProviderServer(app);
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            context.Request.Body.Position = 0;
            server.Requests.Enqueue(new RecordedRequest(context.Request.Method, context.Request.Path,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase), body));
            await next(context);
        });

        app.MapPost("/v1/chat/completions", server.OpenAiAsync);
        app.MapGet("/v1/models", server.ModelsAsync);
        app.MapPost("/v1/messages", server.AnthropicAsync);
        app.MapGet("/v1/account", server.AccountAsync);
        app.MapPost("/v1/models/{owner}/{name}/predictions", (HttpContext c, string owner, string name) => server.CreatePredictionAsync(c, $"{owner}/{name}"));
        app.MapPost("/v1/predictions", (HttpContext c) => server.CreatePredictionAsync(c, null));
        app.MapGet("/v1/predictions/{id}", server.GetPredictionAsync);
        app.MapPost("/v1/predictions/{id}/cancel", (string id) => Results.Json(new { id, status = "canceled" }));
        app.MapGet("/stream/{id}", server.ReplicateStreamAsync);
        await app.StartAsync();
        return server;
    }

    /// <summary>The answer the fake streams for a prompt, in the chunks it sends.</summary>
    public static IReadOnlyList<string> AnswerChunks(string model, string prompt)
    {
        if (model.EndsWith("slow-stream", StringComparison.Ordinal))
        {
            return [.. Enumerable.Range(1, 400).Select(i => $"word{i} ")];
        }

        var words = $"Hello from the fake. You said: {prompt}".Split(' ');
        return [.. words.Select((w, i) => i == words.Length - 1 ? w : w + " ")];
    }

    /// <summary>What the <c>html-body</c> models answer with 200.</summary>
    public const string HtmlBody = "<!DOCTYPE html><html><head><title>Welcome to nginx!</title></head><body><h1>Welcome to nginx!</h1></body></html>";

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private bool Authorised(HttpContext context)
    {
        var bearer = context.Request.Headers.Authorization.ToString();
        var key = context.Request.Headers["x-api-key"].ToString();
        return bearer == $"Bearer {ApiKey}" || key == ApiKey;
    }

    private async Task<bool> FaultAsync(HttpContext context, string model, Func<string, object> errorBody)
    {
        if (!Authorised(context) || model.EndsWith("fault-401", StringComparison.Ordinal))
        {
            await WriteJson(context, 401, errorBody("Incorrect API key provided."));
            return true;
        }

        if (model.EndsWith("fault-429", StringComparison.Ordinal))
        {
            context.Response.Headers.RetryAfter = "30";
            await WriteJson(context, 429, errorBody("Rate limit reached for requests."));
            return true;
        }

        if (model.EndsWith("fault-500", StringComparison.Ordinal))
        {
            await WriteJson(context, 500, errorBody("The upstream model server exploded."));
            return true;
        }

        var firstAttempt = attempts.AddOrUpdate($"{context.Request.Path} {model}", 1, (_, n) => n + 1) == 1;
        if (firstAttempt && model.EndsWith("once-503", StringComparison.Ordinal))
        {
            await WriteJson(context, 503, errorBody("Briefly overloaded."));
            return true;
        }

        if (firstAttempt && model.Contains("once-429-after-", StringComparison.Ordinal))
        {
            context.Response.Headers.RetryAfter = model[(model.LastIndexOf('-') + 1)..];
            await WriteJson(context, 429, errorBody("Rate limit reached for requests."));
            return true;
        }

        if (model.EndsWith("html-body", StringComparison.Ordinal))
        {
            // A base URL that points at a web site: 200 with a page instead of the API's answer.
            context.Response.StatusCode = 200;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(HtmlBody);
            return true;
        }

        if (model.EndsWith("slow-first-byte", StringComparison.Ordinal))
        {
            await Task.Delay(SlowFirstByte, context.RequestAborted);
        }

        return false;
    }

    private async Task ModelsAsync(HttpContext context)
    {
        if (!Authorised(context))
        {
            await WriteJson(context, 401, new { error = new { message = "Incorrect API key provided.", type = "invalid_request_error" } });
            return;
        }

        await WriteJson(context, 200, new { data = new[] { new { id = "echo" }, new { id = "reasoning" } } });
    }

    private async Task AccountAsync(HttpContext context)
    {
        if (!Authorised(context))
        {
            await WriteJson(context, 401, new { title = "Unauthenticated", detail = "You did not pass a valid authentication token", status = 401 });
            return;
        }

        await WriteJson(context, 200, new { type = "organization", username = "fake-team" });
    }

    // ---- OpenAI-compatible ----

    private async Task OpenAiAsync(HttpContext context)
    {
        var request = await JsonNode.ParseAsync(context.Request.Body) ?? new JsonObject();
        var model = request["model"]?.GetValue<string>() ?? "echo";
        if (await FaultAsync(context, model, m => new { error = new { message = m, type = "invalid_request_error", code = (string?)null } }))
        {
            return;
        }

        var prompt = LastUserText(request["messages"]);
        await StartStream(context, model);
        var id = "chatcmpl-" + Guid.NewGuid().ToString("N")[..12];

        async Task Chunk(object delta, string? finish = null) =>
            await Data(context, JsonSerializer.Serialize(new { id, @object = "chat.completion.chunk", model, choices = new[] { new { index = 0, delta, finish_reason = finish } } }));

        await Chunk(new { role = "assistant", content = "" });
        if (model.EndsWith("reasoning", StringComparison.Ordinal))
        {
            foreach (var part in new[] { "Let me ", "think ", "about it." })
            {
                await Chunk(new { reasoning_content = part });
                await Task.Delay(ChunkDelay);
            }
        }

        var chunks = model.EndsWith("think-tags", StringComparison.Ordinal)
            ? ["<thi", "nk>Weighing the ", "options.</th", "ink>The answer ", "is 42."]
            : AnswerChunks(model, prompt);
        var sent = 0;
        foreach (var part in chunks)
        {
            if (model.EndsWith("cut-mid-stream", StringComparison.Ordinal) && sent == 3)
            {
                context.Abort();
                return;
            }

            if (model.EndsWith("stall-after-first", StringComparison.Ordinal) && sent == 1)
            {
                await StallAsync(context);
                return;
            }

            if (model.EndsWith("malformed-chunk", StringComparison.Ordinal) && sent == 2)
            {
                await Data(context, "{\"id\": \"broken\", \"choices\": [{\"delta\": {\"content\": ");
                await Task.Delay(ChunkDelay);
            }

            await Chunk(new { content = part });
            sent++;
            await Task.Delay(model.EndsWith("slow-stream", StringComparison.Ordinal) ? SlowChunkDelay : ChunkDelay, context.RequestAborted);
        }

        await Chunk(new { }, "stop");
        if (!model.EndsWith("no-usage", StringComparison.Ordinal) && request["stream_options"]?["include_usage"]?.GetValue<bool>() == true)
        {
            await Data(context, JsonSerializer.Serialize(new
            {
                id,
                @object = "chat.completion.chunk",
                model,
                choices = Array.Empty<object>(),
                usage = new { prompt_tokens = 11 + prompt.Length / 4, completion_tokens = chunks.Count, total_tokens = 11 + prompt.Length / 4 + chunks.Count },
            }));
        }

        await Data(context, "[DONE]");
    }

    // ---- Anthropic ----

    private async Task AnthropicAsync(HttpContext context)
    {
        var request = await JsonNode.ParseAsync(context.Request.Body) ?? new JsonObject();
        var model = request["model"]?.GetValue<string>() ?? "echo";
        if (await FaultAsync(context, model, m => new { type = "error", error = new { type = "authentication_error", message = m } }))
        {
            return;
        }

        var prompt = LastUserText(request["messages"]);
        var chunks = AnswerChunks(model, prompt);
        await StartStream(context, model);
        var noUsage = model.EndsWith("no-usage", StringComparison.Ordinal);
        await Event(context, "message_start", new
        {
            type = "message_start",
            message = new { id = "msg_fake", type = "message", role = "assistant", model, content = Array.Empty<object>(), usage = noUsage ? null : new { input_tokens = 20 + prompt.Length / 4, output_tokens = 1 } },
        });
        await Event(context, "ping", new { type = "ping" });
        if (model.EndsWith("reasoning", StringComparison.Ordinal))
        {
            await Event(context, "content_block_start", new { type = "content_block_start", index = 0, content_block = new { type = "thinking", thinking = "" } });
            await Event(context, "content_block_delta", new { type = "content_block_delta", index = 0, delta = new { type = "thinking_delta", thinking = "Considering the question." } });
            await Event(context, "content_block_stop", new { type = "content_block_stop", index = 0 });
        }

        await Event(context, "content_block_start", new { type = "content_block_start", index = 1, content_block = new { type = "text", text = "" } });
        var sent = 0;
        foreach (var part in chunks)
        {
            if (model.EndsWith("cut-mid-stream", StringComparison.Ordinal) && sent == 3)
            {
                context.Abort();
                return;
            }

            if (model.EndsWith("stall-after-first", StringComparison.Ordinal) && sent == 1)
            {
                await StallAsync(context);
                return;
            }

            if (model.EndsWith("malformed-chunk", StringComparison.Ordinal) && sent == 2)
            {
                await context.Response.WriteAsync("event: content_block_delta\ndata: {\"type\": \"content_block_delta\", \"delta\": \n\n");
                await context.Response.Body.FlushAsync();
            }

            await Event(context, "content_block_delta", new { type = "content_block_delta", index = 1, delta = new { type = "text_delta", text = part } });
            sent++;
            await Task.Delay(model.EndsWith("slow-stream", StringComparison.Ordinal) ? SlowChunkDelay : ChunkDelay, context.RequestAborted);
        }

        await Event(context, "content_block_stop", new { type = "content_block_stop", index = 1 });
        await Event(context, "message_delta", new { type = "message_delta", delta = new { stop_reason = "end_turn", stop_sequence = (string?)null }, usage = noUsage ? null : new { output_tokens = chunks.Count } });
        await Event(context, "message_stop", new { type = "message_stop" });
    }

    // ---- Replicate ----

    private readonly ConcurrentDictionary<string, (string Model, string Prompt)> predictions = new();

    private async Task CreatePredictionAsync(HttpContext context, string? model)
    {
        var request = await JsonNode.ParseAsync(context.Request.Body) ?? new JsonObject();
        model ??= "version/" + (request["version"]?.GetValue<string>() ?? "unknown");
        if (await FaultAsync(context, model, m => new { title = "Error", detail = m, status = context.Response.StatusCode }))
        {
            return;
        }

        var id = "pred" + Guid.NewGuid().ToString("N")[..10];
        var prompt = request["input"]?["prompt"]?.GetValue<string>() ?? "";
        predictions[id] = (model, prompt);
        var urls = new Dictionary<string, string>
        {
            ["get"] = $"{BaseUrl}/v1/predictions/{id}",
            ["cancel"] = $"{BaseUrl}/v1/predictions/{id}/cancel",
        };
        if (!model.EndsWith("polling-only", StringComparison.Ordinal))
        {
            urls["stream"] = $"{BaseUrl}/stream/{id}";
        }

        await WriteJson(context, 201, new { id, model, status = "starting", input = request["input"], output = (object?)null, urls });
    }

    private async Task GetPredictionAsync(HttpContext context, string id)
    {
        if (!Authorised(context) || !predictions.TryGetValue(id, out var prediction))
        {
            await WriteJson(context, 404, new { detail = "Not found." });
            return;
        }

        var chunks = AnswerChunks(prediction.Model, prediction.Prompt);
        var poll = polls.AddOrUpdate(id, 1, (_, n) => n + 1);
        var done = !prediction.Model.EndsWith("polling-only", StringComparison.Ordinal) || poll >= 2;
        var output = done ? chunks : chunks.Take(chunks.Count / 2).ToList();
        object? metrics = prediction.Model.EndsWith("no-usage", StringComparison.Ordinal) || !done
            ? null
            : new { input_token_count = 9 + prediction.Prompt.Length / 4, output_token_count = chunks.Count, predict_time = 0.4 };
        await WriteJson(context, 200, new { id, model = prediction.Model, status = done ? "succeeded" : "processing", output, metrics });
    }

    private async Task ReplicateStreamAsync(HttpContext context, string id)
    {
        if (!Authorised(context) || !predictions.TryGetValue(id, out var prediction))
        {
            await WriteJson(context, 404, new { detail = "Not found." });
            return;
        }

        var model = prediction.Model;
        await StartStream(context, model);
        var sent = 0;
        foreach (var part in AnswerChunks(model, prediction.Prompt))
        {
            if (model.EndsWith("cut-mid-stream", StringComparison.Ordinal) && sent == 3)
            {
                context.Abort();
                return;
            }

            if (model.EndsWith("stall-after-first", StringComparison.Ordinal) && sent == 1)
            {
                await StallAsync(context);
                return;
            }

            await context.Response.WriteAsync($"event: output\nid: {sent}\ndata: {part}\n\n");
            await context.Response.Body.FlushAsync();
            sent++;
            await Task.Delay(model.EndsWith("slow-stream", StringComparison.Ordinal) ? SlowChunkDelay : ChunkDelay, context.RequestAborted);
        }

        await context.Response.WriteAsync("event: done\ndata: {}\n\n");
    }

    // ---- helpers ----

    private static async Task StartStream(HttpContext context, string model)
    {
        if (model.Contains("delay-", StringComparison.Ordinal) && int.TryParse(model[(model.LastIndexOf("delay-", StringComparison.Ordinal) + 6)..], out var ms))
        {
            await Task.Delay(ms, context.RequestAborted);
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        await context.Response.Body.FlushAsync();
    }

    private static async Task Data(HttpContext context, string data)
    {
        await context.Response.WriteAsync($"data: {data}\n\n");
        await context.Response.Body.FlushAsync();
    }

    private static async Task Event(HttpContext context, string name, object data)
    {
        await context.Response.WriteAsync($"event: {name}\ndata: {JsonSerializer.Serialize(data)}\n\n");
        await context.Response.Body.FlushAsync();
    }

    private static async Task WriteJson(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(body));
    }

    private static string LastUserText(JsonNode? messages)
    {
        if (messages is not JsonArray list)
        {
            return "";
        }

        var last = list.LastOrDefault(m => m?["role"]?.GetValue<string>() == "user");
        return last?["content"] switch
        {
            JsonValue text => text.GetValue<string>(),
            JsonArray parts => string.Concat(parts.Where(p => p?["type"]?.GetValue<string>() == "text").Select(p => p!["text"]!.GetValue<string>())),
            _ => "",
        };
    }
}
