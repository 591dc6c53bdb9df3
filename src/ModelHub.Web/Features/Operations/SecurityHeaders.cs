using System.Security.Cryptography;

namespace ModelHub.Web.Features.Operations;

/// <summary>
/// The content security policy: same-origin scripts plus the one inline script (Blazor's import map),
/// which carries a nonce made for each response. MudBlazor writes inline styles, so styles allow them.
/// </summary>
public static class ContentSecurityPolicy
{
    private const string NonceKey = "modelhub:csp-nonce";

    /// <summary>This response's script nonce, made on first use.</summary>
    public static string Nonce(HttpContext context)
    {
        if (context.Items[NonceKey] is not string nonce)
        {
            nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));
            context.Items[NonceKey] = nonce;
        }

        return nonce;
    }

    public static string For(HttpContext context) =>
        $"default-src 'self'; script-src 'self' 'nonce-{Nonce(context)}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
}

/// <summary>Headers every response carries: no framing, no MIME sniffing, the content security policy.</summary>
internal static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers.ContentSecurityPolicy = ContentSecurityPolicy.For(context);
            await next();
        });
}
