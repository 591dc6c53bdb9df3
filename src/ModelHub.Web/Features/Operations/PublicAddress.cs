using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ModelHub.Web.Features.Operations;

/// <summary>
/// The address people reach the app at, from <c>App:PublicBaseUrl</c>. Every absolute link the app
/// sends (password resets, email confirmations, invites) is built from it, never from the request's
/// Host header, which a caller can forge to point a victim's reset link at their own site.
/// </summary>
public sealed class PublicAddress
{
    public const string SettingKey = "App:PublicBaseUrl";

    private readonly Lazy<Uri> baseUri;
    private readonly bool listensOnly;

    // Resolved on first use, so commands that never send a link (the CLI) do not need the setting;
    // the web server calls EnsureValid at start-up.
    public PublicAddress(IConfiguration configuration, IHostEnvironment environment, IServiceProvider services)
    {
        var configured = configuration[SettingKey];
        listensOnly = string.IsNullOrWhiteSpace(configured) && environment.IsDevelopment();
        baseUri = new(() =>
        {
            if (!string.IsNullOrWhiteSpace(configured))
            {
                return Parse(configured);
            }

            if (environment.IsDevelopment())
            {
                // A developer's machine: the address the server listens on, still never the Host header.
                return ListeningAddress(services) ?? new Uri("http://localhost:5080/");
            }

            throw new StartupConfigurationException(
                $"{SettingKey} is required outside Development: set it to the address people use, such as " +
                "'https://modelhub.example.com' (environment variable App__PublicBaseUrl).");
        });
    }

    /// <summary>The base address, always ending in a slash.</summary>
    public Uri BaseUri => baseUri.Value;

    /// <summary>Throws <see cref="StartupConfigurationException"/> naming the setting when it is missing or malformed.</summary>
    public void EnsureValid()
    {
        // In Development without the setting the listening address is read once the server runs.
        if (!listensOnly)
        {
            _ = BaseUri;
        }
    }

    /// <summary>An absolute link to a path of the app, such as <c>Account/ResetPassword</c>.</summary>
    public string Link(string relativePath) => new Uri(BaseUri, relativePath.TrimStart('/')).AbsoluteUri;

    private static Uri Parse(string configured)
    {
        if (!Uri.TryCreate(configured.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new StartupConfigurationException($"{SettingKey} must be an absolute http or https address, not '{configured}'.");
        }

        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new StartupConfigurationException($"{SettingKey} must be a plain address without user, query or fragment, not '{configured}'.");
        }

        var path = uri.AbsolutePath.EndsWith('/') ? uri.AbsolutePath : uri.AbsolutePath + "/";
        return new UriBuilder(uri.Scheme, uri.Host, uri.Port, path).Uri;
    }

    private static Uri? ListeningAddress(IServiceProvider services)
    {
        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses;
        var first = addresses?.FirstOrDefault();
        if (first is null || !Uri.TryCreate(first.Replace("://+", "://localhost").Replace("://*", "://localhost").Replace("://[::]", "://localhost"), UriKind.Absolute, out var uri))
        {
            return null;
        }

        return new Uri(uri.GetLeftPart(UriPartial.Authority) + "/");
    }
}
