using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;

namespace ModelHub.Web.Features.Operations;

/// <summary>Which reverse proxies may tell the app the client's address and scheme, from <c>ReverseProxy</c>.</summary>
public sealed class ReverseProxyOptions
{
    public const string Section = "ReverseProxy";

    /// <summary>Addresses of trusted proxies, such as <c>10.0.0.5</c>. Loopback is always trusted.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR form, such as <c>10.0.0.0/24</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];
}

/// <summary>
/// Running behind a TLS-terminating proxy: the client's address and scheme come from
/// X-Forwarded-For/Proto when a trusted proxy sends them, and outside Development every cookie
/// that carries a sign-in or an antiforgery secret is marked Secure. HSTS is sent by
/// <see cref="OperationsSetup.UseOperations"/> once the request is known to be https.
/// </summary>
public static class TransportSecurity
{
    public static IHostApplicationBuilder AddTransportSecurity(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            var proxies = configuration.GetSection(ReverseProxyOptions.Section).Get<ReverseProxyOptions>() ?? new();
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults (loopback) stay: a proxy on the same machine is the common case.
            foreach (var proxy in proxies.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new StartupConfigurationException($"{ReverseProxyOptions.Section}:KnownProxies has '{proxy}', which is not an IP address."));
            }

            foreach (var network in proxies.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                    ? parsed
                    : throw new StartupConfigurationException($"{ReverseProxyOptions.Section}:KnownNetworks has '{network}', which is not a network such as 10.0.0.0/24."));
            }
        });
        // Ahead of everything, routing and authentication included, so every later step sees the client's address and scheme.
        builder.Services.AddTransient<IStartupFilter, ForwardedHeadersFirst>();

        if (!builder.Environment.IsDevelopment())
        {
            builder.Services.PostConfigureAll<CookieAuthenticationOptions>(options => options.Cookie.SecurePolicy = CookieSecurePolicy.Always);
            // Not Always: antiforgery then throws on every plain-http request, so a proxy not yet
            // listed under ReverseProxy would take every page down; behind a listed proxy this is Secure.
            builder.Services.PostConfigure<AntiforgeryOptions>(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        }

        return builder;
    }

    private sealed class ForwardedHeadersFirst : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseForwardedHeaders();
            next(app);
        };
    }
}
