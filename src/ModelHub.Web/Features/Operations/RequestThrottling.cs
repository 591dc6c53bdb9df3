using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using ModelHub.Web.Features.AccessTokens;
using ModelHub.Web.Features.Common;

namespace ModelHub.Web.Features.Operations;

/// <summary>How many requests one caller may make in a window.</summary>
public sealed class RequestLimit
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Per-caller request limits, from <c>RateLimits</c>. Over a limit the app answers 429 with Retry-After.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>POSTs of each account form (sign-in, two-factor, registration, password reset, confirmation mail) per client address.</summary>
    public RequestLimit SignIn { get; set; } = new() { PermitLimit = 10 };

    /// <summary>Calls under <c>/api</c> per personal access token, or per client address without one.</summary>
    public RequestLimit Api { get; set; } = new() { PermitLimit = 600 };
}

/// <summary>
/// Throttles password guessing on the account forms and heavy use of the API. Callers are told
/// apart by the client address as the forwarded headers leave it, so behind a proxy each person
/// has their own allowance rather than sharing the proxy's. Counts are shared by every instance
/// (see <see cref="RequestLimiters"/>).
/// </summary>
public static class RequestThrottling
{
    public static IHostApplicationBuilder AddRequestThrottling(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section)
            .Validate(o => IsValid(o.SignIn), $"{RateLimitOptions.Section}:SignIn needs a PermitLimit of at least 1 and a positive Window.")
            .Validate(o => IsValid(o.Api), $"{RateLimitOptions.Section}:Api needs a PermitLimit of at least 1 and a positive Window.")
            .ValidateOnStart();
        builder.Services.AddSingleton<RequestLimiters>();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>, RequestLimiters>((limiter, limits, limiters) =>
        {
            var signIn = limits.Value.SignIn;
            var api = limits.Value.Api;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => PartitionKey(context) switch
            {
                { Kind: LimitKind.SignIn, Key: var key } => RateLimitPartition.Get(key, k => limiters.Create(k, signIn)),
                { Kind: LimitKind.Api, Key: var key } => RateLimitPartition.Get(key, k => limiters.Create(k, api)),
                _ => RateLimitPartition.GetNoLimiter(""),
            });
            limiter.OnRejected = (rejected, cancellationToken) => RejectAsync(rejected, signIn, api);
        });
        return builder;
    }

    public static IApplicationBuilder UseRequestThrottling(this IApplicationBuilder app) => app.UseRateLimiter();

    /// <summary>
    /// The address a limit counts against: IPv4 as is, IPv6 by its /64 network, since one
    /// subscriber usually holds a whole /64 and could otherwise take a fresh address per attempt.
    /// </summary>
    public static string ClientPartition(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    private enum LimitKind { None, SignIn, Api }

    private readonly record struct Partition(LimitKind Kind, string Key);

    private static Partition PartitionKey(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments("/Account", StringComparison.OrdinalIgnoreCase))
        {
            // Each form has its own allowance per address, so a failed sign-in spree does not also block registering.
            var form = request.Path.Value!.TrimEnd('/').ToLowerInvariant();
            return new(LimitKind.SignIn, $"form {form} {ClientPartition(context.Connection.RemoteIpAddress)}");
        }

        if (request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            // A token's allowance follows it from any address; only its hash is kept, in memory or in the shared counter.
            return AccessTokenAuthenticationHandler.TryReadBearer(request.Headers.Authorization.ToString(), out var token)
                ? new(LimitKind.Api, $"token {SecretTokens.Hash(token)}")
                : new(LimitKind.Api, $"api {ClientPartition(context.Connection.RemoteIpAddress)}");
        }

        return new(LimitKind.None, "");
    }

    private static bool IsValid(RequestLimit limit) => limit.PermitLimit >= 1 && limit.Window > TimeSpan.Zero;

    /// <summary>The wait a refusal carries: a time span from the in-process and database limiters, seconds from Redis's.</summary>
    private static TimeSpan? RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait
        : lease.TryGetMetadata(RedisRateLimiting.RateLimitMetadataName.RetryAfter, out var seconds) ? TimeSpan.FromSeconds(seconds)
        : null;

    private static async ValueTask RejectAsync(OnRejectedContext rejected, RequestLimit signIn, RequestLimit api)
    {
        var context = rejected.HttpContext;
        var isApi = context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
        var wait = RetryAfter(rejected.Lease) ?? (isApi ? api : signIn).Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var message = $"Too many requests from you in a short time. Try again in {seconds} seconds.";
        if (isApi)
        {
            await TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too Many Requests", detail: message)
                .ExecuteAsync(context);
        }
        else
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(message, context.RequestAborted);
        }
    }
}
