using System.Net;
using System.Text.Json;

namespace ModelHub.Web.Features.Playground.Providers;

public enum ProviderErrorKind
{
    KeyRejected,
    RateLimited,
    NotFound,
    BadRequest,
    ProviderFailed,
    TimedOut,
    StreamCut,
    MalformedResponse,
    Unreachable,
    UnreadableResponse,

    /// <summary>The provider endpoint failed repeatedly, so its circuit breaker holds calls back for a while.</summary>
    ProviderPaused,
}

/// <summary>A provider call that failed, with a message a user can act on and the provider's own words kept.</summary>
public sealed class ProviderException(ProviderErrorKind kind, string message, int? statusCode = null, string? detail = null, TimeSpan? retryAfter = null)
    : Exception(message)
{
    public ProviderErrorKind Kind { get; } = kind;

    public int? StatusCode { get; } = statusCode;

    /// <summary>The provider's error body or the low-level cause, trimmed.</summary>
    public string? Detail { get; } = detail is { Length: > 4000 } ? detail[..4000] : detail;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}

internal static class ProviderErrors
{
    /// <summary>Reads a failed response and says what it means for the user.</summary>
    public static async Task<ProviderException> FromResponseAsync(HttpResponseMessage response, string providerName, CancellationToken cancellationToken)
    {
        string body;
        try
        {
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            body = "";
        }

        var status = (int)response.StatusCode;
        var said = ProviderMessage(body);
        var saidPart = string.IsNullOrWhiteSpace(said) ? "" : $" The provider said: \"{said}\"";
        var retryAfter = ProviderResilience.RetryAfter(response);

        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new ProviderException(ProviderErrorKind.KeyRejected,
                $"{providerName} rejected the API key (HTTP {status}). Replace the key on the Connections page.{saidPart}", status, body),
            HttpStatusCode.TooManyRequests => new ProviderException(ProviderErrorKind.RateLimited,
                $"{providerName} is rate limiting this key (HTTP 429). " +
                (retryAfter is { } wait ? $"Wait {Math.Ceiling(wait.TotalSeconds):0} seconds before running again." : "Wait a little before running again.") + saidPart,
                status, body, retryAfter),
            HttpStatusCode.NotFound => new ProviderException(ProviderErrorKind.NotFound,
                $"{providerName} does not know this model or address (HTTP 404). Check the model ID and the connection's base URL.{saidPart}", status, body),
            >= HttpStatusCode.InternalServerError => new ProviderException(ProviderErrorKind.ProviderFailed,
                $"{providerName} failed on its side (HTTP {status}). Try again, or choose another route.{saidPart}", status, body),
            _ => new ProviderException(ProviderErrorKind.BadRequest,
                $"{providerName} refused the request (HTTP {status}).{saidPart}", status, body),
        };
    }

    public static ProviderException StreamCut(string providerName, Exception? cause = null) =>
        new(ProviderErrorKind.StreamCut,
            $"The stream from {providerName} was cut before the answer finished. The partial output is kept; run again for the rest.",
            detail: cause?.Message);

    public static ProviderException Malformed(string providerName, string chunk, Exception? cause = null) =>
        new(ProviderErrorKind.MalformedResponse,
            $"{providerName} sent a chunk ModelHub could not read, so the answer stopped there. The partial output is kept.",
            detail: $"{cause?.Message} Chunk: {(chunk.Length > 500 ? chunk[..500] : chunk)}");

    /// <summary>A 200 whose body is neither JSON nor an event stream: usually a base URL that points at a web page.</summary>
    public static ProviderException Unreadable(string providerName, string? mediaType, string body) =>
        new(ProviderErrorKind.UnreadableResponse,
            $"{providerName} answered 200 but the body is not JSON or an event stream ModelHub can read{(mediaType is null ? "" : $" ({mediaType})")}. " +
            "Check the connection's base URL: it may point at a web page rather than the provider's API.",
            statusCode: 200,
            detail: $"Content-Type: {mediaType ?? "none"}. First bytes: {(body.Length > 500 ? body[..500] : body)}");

    public static ProviderException Paused(string providerName, int pauseSeconds, Exception cause) =>
        new(ProviderErrorKind.ProviderPaused,
            $"{providerName} failed repeatedly; ModelHub paused calls to it for {pauseSeconds} seconds. Try again after that, or choose another route.",
            detail: cause.Message);

    public static ProviderException NoAnswer(string providerName, int seconds, Exception cause) =>
        new(ProviderErrorKind.TimedOut,
            $"{providerName} did not answer within {seconds} seconds. The provider may be overloaded; try again.",
            detail: cause.Message);

    public static ProviderException Unreachable(string providerName, Exception cause) =>
        new(ProviderErrorKind.Unreachable,
            $"Could not reach {providerName}: {cause.Message.TrimEnd('.')}. Check the connection's base URL and that the provider is up.",
            detail: cause.ToString().Split('\n')[0]);

    /// <summary>The message inside the common error shapes: OpenAI and Anthropic's error.message, Replicate's detail.</summary>
    public static string? ProviderMessage(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("error", out var error))
                {
                    if (error.ValueKind == JsonValueKind.String)
                    {
                        return error.GetString();
                    }

                    if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
                    {
                        return message.GetString();
                    }
                }

                foreach (var name in new[] { "detail", "message", "title" })
                {
                    if (root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String)
                    {
                        return value.GetString();
                    }
                }
            }
        }
        catch (JsonException)
        {
        }

        var text = body.Trim();
        return text.Length > 300 ? text[..300] + "…" : text;
    }
}
