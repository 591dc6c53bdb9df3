using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace ModelHub.Web.Features.Common;

/// <summary>Turns a <see cref="UserFacingException"/> thrown by a service into a problem response with its status and message.</summary>
internal sealed class UserFacingExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not UserFacingException userFacing)
        {
            return false;
        }

        httpContext.Response.StatusCode = userFacing.StatusCode;
        if (userFacing.RetryAfter is { } wait)
        {
            httpContext.Response.Headers.RetryAfter = Math.Ceiling(wait.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = userFacing.StatusCode,
                Title = ReasonPhrase(userFacing.StatusCode),
                Detail = userFacing.Message,
            },
        });
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}
