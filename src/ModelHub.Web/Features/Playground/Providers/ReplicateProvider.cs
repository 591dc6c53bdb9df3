using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Playground.Runs;
using static ModelHub.Web.Features.Playground.Providers.ProviderJson;

namespace ModelHub.Web.Features.Playground.Providers;

/// <summary>
/// Replicate predictions: <c>POST {base}/v1/models/{owner}/{name}/predictions</c>, or
/// <c>POST {base}/v1/predictions</c> with a version for <c>owner/name:version</c>. Output streams
/// from the returned <c>urls.stream</c> (events <c>output</c>, <c>error</c>, <c>done</c>); a model
/// without one is polled at <c>urls.get</c>. Token counts come from the finished prediction's metrics.
/// </summary>
public sealed class ReplicateProvider(ProviderHttp http, ILogger<ReplicateProvider> logger) : IChatProvider
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    public ApiStyle Style => ApiStyle.Replicate;

    public async IAsyncEnumerable<StreamEvent> StreamAsync(ProviderCall call, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var name = call.Endpoint.Name;
        var prediction = await CreateAsync(call, cancellationToken);
        var urls = prediction["urls"];
        var getUrl = Text(urls?["get"]);
        var cancelUrl = Text(urls?["cancel"]);

        var finished = false;
        try
        {
            if (Text(urls?["stream"]) is { } streamUrl)
            {
                using var request = http.Request(HttpMethod.Get, new Uri(streamUrl), call.Endpoint, streaming: true);
                ProviderHttp.Bearer(request, call.Endpoint.ApiKey);
                request.Headers.CacheControl = new System.Net.Http.Headers.CacheControlHeaderValue { NoStore = true };
                using var response = await http.SendAsync(request, name, cancellationToken);
                await foreach (var item in ProviderHttp.ReadEventsAsync(response, name, cancellationToken))
                {
                    switch (item.EventType)
                    {
                        case "output":
                            if (item.Data.Length > 0)
                            {
                                yield return new TextDelta(item.Data);
                            }

                            break;
                        case "error":
                            var said = ProviderErrors.ProviderMessage(item.Data);
                            throw new ProviderException(ProviderErrorKind.ProviderFailed,
                                $"{name} reported the prediction failed: \"{said}\". The partial output is kept.", detail: item.Data);
                        case "done":
                            finished = true;
                            if (item.Data.Contains("\"canceled\"", StringComparison.Ordinal))
                            {
                                throw new ProviderException(ProviderErrorKind.ProviderFailed, $"The prediction was cancelled on {name}.", detail: item.Data);
                            }

                            break;
                    }

                    if (finished)
                    {
                        break;
                    }
                }

                if (!finished)
                {
                    throw ProviderErrors.StreamCut(name);
                }

                if (getUrl is not null && await ReadUsageAsync(new Uri(getUrl), call.Endpoint, cancellationToken) is { } usage)
                {
                    yield return usage;
                }

                yield return new StreamFinished("stop");
                yield break;
            }

            if (getUrl is null)
            {
                throw ProviderErrors.Malformed(name, prediction.ToJsonString());
            }

            // No stream: poll, passing on whatever output is new each time.
            var sent = 0;
            while (true)
            {
                var output = OutputText(prediction["output"]);
                if (output.Length > sent)
                {
                    yield return new TextDelta(output[sent..]);
                    sent = output.Length;
                }

                switch (Text(prediction["status"]))
                {
                    case "succeeded":
                        finished = true;
                        yield return UsageFrom(prediction) ?? new UsageReport(null, null);
                        yield return new StreamFinished("stop");
                        yield break;
                    case "failed":
                        finished = true;
                        throw new ProviderException(ProviderErrorKind.ProviderFailed,
                            $"{name} reported the prediction failed: \"{Text(prediction["error"]) ?? "no reason given"}\".", detail: prediction.ToJsonString());
                    case "canceled":
                        finished = true;
                        throw new ProviderException(ProviderErrorKind.ProviderFailed, $"The prediction was cancelled on {name}.");
                }

                await Task.Delay(PollInterval, cancellationToken);
                using var poll = http.Request(HttpMethod.Get, new Uri(getUrl), call.Endpoint);
                ProviderHttp.Bearer(poll, call.Endpoint.ApiKey);
                prediction = await http.SendForJsonAsync(poll, name, cancellationToken);
            }
        }
        finally
        {
            // Stopped early (cancel, timeout, cut stream): stop the prediction too, so it stops costing money.
            if (!finished && cancelUrl is not null)
            {
                _ = CancelPredictionAsync(new Uri(cancelUrl), call.Endpoint);
            }
        }
    }

    public async Task<string> TestAsync(ProviderEndpoint endpoint, CancellationToken cancellationToken)
    {
        using var request = http.Request(HttpMethod.Get, ProviderHttp.Combine(endpoint.BaseUrl, "v1/account"), endpoint);
        ProviderHttp.Bearer(request, endpoint.ApiKey);
        var body = await http.SendForJsonAsync(request, endpoint.Name, cancellationToken);
        return Text(body["username"]) is { } user ? $"Connected as {user}." : "Connected.";
    }

    private async Task<JsonNode> CreateAsync(ProviderCall call, CancellationToken cancellationToken)
    {
        var model = call.Model.Trim();
        var colon = model.IndexOf(':');
        Uri url;
        var body = new JsonObject { ["input"] = Input(call), ["stream"] = true };
        if (colon > 0)
        {
            url = ProviderHttp.Combine(call.Endpoint.BaseUrl, "v1/predictions");
            body["version"] = model[(colon + 1)..];
        }
        else
        {
            var slash = model.IndexOf('/');
            if (slash <= 0 || slash == model.Length - 1)
            {
                throw new ProviderException(ProviderErrorKind.BadRequest,
                    $"'{model}' is not a Replicate model name. Use owner/name, or owner/name:version.");
            }

            url = ProviderHttp.Combine(call.Endpoint.BaseUrl, $"v1/models/{Uri.EscapeDataString(model[..slash])}/{Uri.EscapeDataString(model[(slash + 1)..])}/predictions");
        }

        using var request = http.Request(HttpMethod.Post, url, call.Endpoint, body);
        ProviderHttp.Bearer(request, call.Endpoint.ApiKey);
        return await http.SendForJsonAsync(request, call.Endpoint.Name, cancellationToken);
    }

    private async Task<UsageReport?> ReadUsageAsync(Uri getUrl, ProviderEndpoint endpoint, CancellationToken cancellationToken)
    {
        try
        {
            using var request = http.Request(HttpMethod.Get, getUrl, endpoint);
            ProviderHttp.Bearer(request, endpoint.ApiKey);
            return UsageFrom(await http.SendForJsonAsync(request, endpoint.Name, cancellationToken));
        }
        catch (ProviderException)
        {
            // The answer is complete; without metrics the tokens are estimated instead.
            return null;
        }
    }

    private static UsageReport? UsageFrom(JsonNode prediction)
    {
        var metrics = prediction["metrics"];
        var input = Int(metrics?["input_token_count"]);
        var output = Int(metrics?["output_token_count"]);
        return input is null && output is null ? null : new UsageReport(input, output);
    }

    private async Task CancelPredictionAsync(Uri cancelUrl, ProviderEndpoint endpoint)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            using var request = http.Request(HttpMethod.Post, cancelUrl, endpoint);
            ProviderHttp.Bearer(request, endpoint.ApiKey);
            using var _ = await http.SendAsync(request, endpoint.Name, timeout.Token);
        }
        catch (Exception ex) when (ex is ProviderException or OperationCanceledException or Common.UserFacingException)
        {
            logger.LogInformation("Cancelling a Replicate prediction failed: {Reason}", ex.Message);
        }
    }

    private static string OutputText(JsonNode? output) => output switch
    {
        JsonArray parts => string.Concat(parts.Select(p => Text(p) ?? "")),
        JsonValue value => Text(value) ?? "",
        _ => "",
    };

    /// <summary>Replicate language models take one prompt string; a conversation is laid out turn by turn.</summary>
    private static JsonObject Input(ProviderCall call)
    {
        var prompt = new StringBuilder();
        if (call.Messages.Count == 1)
        {
            prompt.Append(call.Messages[0].Text);
        }
        else
        {
            foreach (var message in call.Messages)
            {
                prompt.Append(message.Role == ChatRole.Assistant ? "Assistant: " : "User: ").AppendLine(message.Text).AppendLine();
            }

            prompt.Append("Assistant:");
        }

        var p = call.Parameters;
        var system = p.JsonResponse
            ? $"{call.SystemPrompt}\n\nAnswer with a single JSON object and nothing else.".Trim()
            : call.SystemPrompt;
        var input = new JsonObject { ["prompt"] = prompt.ToString() };
        if (!string.IsNullOrWhiteSpace(system))
        {
            input["system_prompt"] = system;
        }

        if (p.MaxOutputTokens is { } max)
        {
            // Models name this input differently; Replicate drops inputs a model does not declare.
            input["max_tokens"] = max;
            input["max_new_tokens"] = max;
        }

        Set(input, "temperature", p.Temperature);
        Set(input, "top_p", p.TopP);
        Set(input, "seed", p.Seed);
        if (p.Stop is { Count: > 0 } stop)
        {
            input["stop_sequences"] = string.Join(",", stop);
        }

        if (call.Messages.SelectMany(m => m.Images ?? []).FirstOrDefault() is { } image)
        {
            input["image"] = $"data:{image.MediaType};base64,{image.Base64Data}";
        }

        return input;
    }
}
