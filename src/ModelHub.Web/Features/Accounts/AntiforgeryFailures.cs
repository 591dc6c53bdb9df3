using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;

namespace ModelHub.Web.Features.Accounts;

public static class AntiforgeryFailures
{
    /// <summary>
    /// A form post with a missing or forged anti-forgery token answers 400 with a short explanation.
    /// Without this the status-code page re-runs the request, the anti-forgery check reads the rejected
    /// form a second time and throws, and the answer becomes a 500.
    /// Call right after <c>UseAntiforgery()</c>.
    /// </summary>
    public static WebApplication UseAntiforgeryFailuresAsBadRequests(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            await next(context);
            if (context.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false } && context.Response.StatusCode == StatusCodes.Status400BadRequest)
            {
                if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
                {
                    pages.Enabled = false;
                }

                if (!context.Response.HasStarted)
                {
                    context.Response.ContentType = "text/plain; charset=utf-8";
                    await context.Response.WriteAsync("The form could not be checked (its anti-forgery token is missing or not valid). Go back, reload the page and try again.");
                }
            }
        });
        return app;
    }
}
