using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace ModelHub.IntegrationTests;

/// <summary>Deployed behind a TLS-terminating proxy: forwarded headers from it are honoured, cookies are Secure, HSTS is sent.</summary>
public sealed class TransportSecurityTests : IAsyncLifetime
{
    private static readonly IPAddress Proxy = IPAddress.Parse("10.0.0.5");
    private static readonly IPAddress Stranger = IPAddress.Parse("198.51.100.9");

    private readonly ModelHubFactory app = new()
    {
        Settings =
        {
            ["environment"] = "Production",
            ["App:PublicBaseUrl"] = "https://modelhub.example.com",
            ["ReverseProxy:KnownProxies:0"] = Proxy.ToString(),
            ["RateLimits:SignIn:PermitLimit"] = "2",
        },
    };

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task HttpsForwardedByTheProxyGetsHstsAndSecureSignInCookies()
    {
        await app.CreateUserAsync("someone@example.com");

        var page = await SendAsync("GET", "/Account/Login", Proxy, "203.0.113.7");
        var html = await new StreamReader(page.Response.Body).ReadToEndAsync();
        var antiforgeryCookie = Assert.Single(SetCookies(page), c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        var form = SignInProtectionTests.AntiforgeryToken().Match(html).Groups[1].Value;
        var signIn = await SendAsync("POST", "/Account/Login", Proxy, "203.0.113.7", request =>
        {
            request.Headers.Cookie = antiforgeryCookie.Split(';')[0];
            request.ContentType = "application/x-www-form-urlencoded";
            request.Body = new MemoryStream(Encoding.UTF8.GetBytes(
                $"__RequestVerificationToken={Uri.EscapeDataString(form)}&_handler=login&Input.Email=someone%40example.com&Input.Password={Uri.EscapeDataString(TestUser.Password)}"));
        });

        Assert.Equal(StatusCodes.Status200OK, page.Response.StatusCode);
        Assert.StartsWith("max-age=", page.Response.Headers.StrictTransportSecurity.ToString());
        Assert.Contains("; secure", antiforgeryCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(StatusCodes.Status302Found, signIn.Response.StatusCode);
        var authCookie = Assert.Single(SetCookies(signIn), c => c.StartsWith("ModelHub.Auth=", StringComparison.Ordinal));
        Assert.Contains("; secure", authCookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ForwardedHeadersFromAnAddressThatIsNotAProxyAreIgnored()
    {
        var page = await SendAsync("GET", "/Account/Login", Stranger, "203.0.113.7");

        Assert.Equal(StatusCodes.Status200OK, page.Response.StatusCode);
        Assert.Empty(page.Response.Headers.StrictTransportSecurity.ToString());
    }

    [Fact]
    public async Task SignInThrottlingCountsTheForwardedClientNotTheProxy()
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            Assert.NotEqual(StatusCodes.Status429TooManyRequests, (await SendAsync("POST", "/Account/Login", Proxy, "203.0.113.7")).Response.StatusCode);
        }

        var sameClient = await SendAsync("POST", "/Account/Login", Proxy, "203.0.113.7");
        var otherClientSameProxy = await SendAsync("POST", "/Account/Login", Proxy, "203.0.113.8");

        Assert.Equal(StatusCodes.Status429TooManyRequests, sameClient.Response.StatusCode);
        Assert.True(sameClient.Response.Headers.ContainsKey("Retry-After"));
        Assert.NotEqual(StatusCodes.Status429TooManyRequests, otherClientSameProxy.Response.StatusCode);
    }

    [Fact]
    public async Task AStrangerCannotDodgeSignInThrottlingByForgingForwardedFor()
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            await SendAsync("POST", "/Account/Login", Stranger, $"203.0.113.{attempt + 1}");
        }

        var forged = await SendAsync("POST", "/Account/Login", Stranger, "203.0.113.99");

        Assert.Equal(StatusCodes.Status429TooManyRequests, forged.Response.StatusCode);
    }

    /// <summary>A request as a TLS proxy (or a stranger) forwards it: from <paramref name="peer"/>, for <paramref name="client"/>, over https.</summary>
    private Task<HttpContext> SendAsync(string method, string path, IPAddress peer, string client, Action<HttpRequest>? configure = null) =>
        app.Server.SendAsync(context =>
        {
            context.Connection.RemoteIpAddress = peer;
            context.Request.Method = method;
            context.Request.Scheme = "http";
            context.Request.Host = new HostString("modelhub.example.com");
            context.Request.Path = path;
            context.Request.Headers["X-Forwarded-For"] = client;
            context.Request.Headers["X-Forwarded-Proto"] = "https";
            configure?.Invoke(context.Request);
        });

    private static IEnumerable<string> SetCookies(HttpContext context) => context.Response.Headers.SetCookie.Select(c => c ?? "");
}
