using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using ModelHub.Web.Features.Common.Outbound;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace ModelHub.Web.Features.Playground.Providers;

/// <summary>
/// The HTTP plumbing the three wire formats share: requests through the outbound guard, errors read
/// into <see cref="ProviderException"/>, and server-sent events read as they arrive. Retries and the
/// per-provider circuit breaker live on the named client (<see cref="ProviderResilience"/>).
/// </summary>
public sealed class ProviderHttp(IHttpClientFactory clients, OutboundUrlGuard guard, IOptions<ProviderResilienceOptions> resilience)
{
    public const string ClientName = "playground-providers";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The base URL with a path appended, skipping a version segment the base already ends with.</summary>
    public static Uri Combine(Uri baseUrl, string path)
    {
        var root = baseUrl.AbsoluteUri.TrimEnd('/');
        if (path.StartsWith("v1/", StringComparison.Ordinal) && root.EndsWith("/v1", StringComparison.Ordinal))
        {
            path = path[3..];
        }

        return new Uri(root + "/" + path);
    }

    public HttpRequestMessage Request(HttpMethod method, Uri url, ProviderEndpoint endpoint, JsonNode? body = null, bool streaming = false)
    {
        guard.Check(url.AbsoluteUri);
        var request = new HttpRequestMessage(method, url);
        // Checked again when sent, for connections saved before a name was reserved.
        foreach (var (name, value) in endpoint.ExtraHeaders.Where(h => Connections.ConnectionService.IsAllowedExtraHeader(h.Key)))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(Json), Encoding.UTF8, "application/json");
        }

        if (streaming)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        }

        return request;
    }

    /// <summary>Sends and returns the response once its headers are in; a failed status becomes a <see cref="ProviderException"/>.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string providerName, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw ProviderErrors.Unreachable(providerName, ex.InnerException is OutboundBlockedException blocked ? blocked : ex);
        }
        catch (OutboundBlockedException ex)
        {
            throw ProviderErrors.Unreachable(providerName, ex);
        }
        catch (BrokenCircuitException ex)
        {
            throw ProviderErrors.Paused(providerName, resilience.Value.BreakerPauseSeconds, ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw ProviderErrors.NoAnswer(providerName, resilience.Value.AttemptTimeoutSeconds, ex);
        }

        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw await ProviderErrors.FromResponseAsync(response, providerName, cancellationToken);
            }
        }

        return response;
    }

    public async Task<JsonNode> SendForJsonAsync(HttpRequestMessage request, string providerName, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, providerName, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            return JsonNode.Parse(text) ?? throw new JsonException("The body is empty.");
        }
        catch (JsonException)
        {
            throw ProviderErrors.Unreadable(providerName, response.Content.Headers.ContentType?.MediaType, text);
        }
    }

    /// <summary>
    /// Reads server-sent events one at a time as they arrive. A connection that drops mid-stream
    /// surfaces as a "stream cut" error; cancellation passes through untouched.
    /// </summary>
    public static async IAsyncEnumerable<SseItem<string>> ReadEventsAsync(
        HttpResponseMessage response, string providerName, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType is { } mediaType && !mediaType.Equals("text/event-stream", StringComparison.OrdinalIgnoreCase))
        {
            throw ProviderErrors.Unreadable(providerName, mediaType, await FirstCharactersAsync(response, cancellationToken));
        }

        Stream stream;
        try
        {
            stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            throw ProviderErrors.StreamCut(providerName, ex);
        }

        await using var _ = stream;
        await using var events = SseParser.Create(stream).EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            bool more;
            try
            {
                more = await events.MoveNextAsync();
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
            {
                throw ProviderErrors.StreamCut(providerName, ex);
            }

            if (!more)
            {
                yield break;
            }

            yield return events.Current;
        }
    }

    /// <summary>The start of a body that is not what was asked for, kept for the error's details.</summary>
    private static async Task<string> FirstCharactersAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[500];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
            {
                read += n;
            }

            return Encoding.UTF8.GetString(buffer, 0, read);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            return "";
        }
    }

    public static JsonNode ParseChunk(string data, string providerName)
    {
        try
        {
            return JsonNode.Parse(data) ?? throw new JsonException("The chunk is empty.");
        }
        catch (JsonException ex)
        {
            throw ProviderErrors.Malformed(providerName, data, ex);
        }
    }

    public static void Bearer(HttpRequestMessage request, string key) =>
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
}
