using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace ModelHub.Web.Features.Common;

/// <summary>
/// Every API error is problem+json: a body or query value that cannot be bound answers 400 naming the field,
/// and an error status with no body (a method the route does not take, a failed sign-in) gets one.
/// </summary>
public static class ApiProblems
{
    public static IHostApplicationBuilder AddApiProblems(this IHostApplicationBuilder builder)
    {
        // Without this, minimal APIs answer a binding failure with an empty 400 outside Development.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        return builder;
    }

    public static WebApplication UseApiProblems(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            await next(context);
            var response = context.Response;
            if (response.StatusCode >= 400 && !response.HasStarted && response.ContentLength is null && response.ContentType is null
                && context.Request.Path.StartsWithSegments("/api"))
            {
                var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.TryWriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = new ProblemDetails { Status = response.StatusCode, Detail = Detail(context) },
                });
            }
        });
        return app;
    }

    private static string? Detail(HttpContext context) => context.Response.StatusCode switch
    {
        StatusCodes.Status405MethodNotAllowed => $"{context.Request.Path} does not take {context.Request.Method}. The OpenAPI document at /openapi/v1.json lists the methods each path takes.",
        _ => null,
    };
}

/// <summary>Turns a request minimal APIs could not bind into 400 problem+json that names the field.</summary>
internal sealed partial class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        var (field, detail) = Describe(bad);
        httpContext.Response.StatusCode = bad.StatusCode;
        var problem = new HttpValidationProblemDetails
        {
            Status = bad.StatusCode,
            Title = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(bad.StatusCode),
            Detail = detail,
        };
        if (field is not null)
        {
            problem.Errors[field] = [detail];
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, Exception = exception, ProblemDetails = problem });
    }

    /// <summary>The field at fault (a JSON path like <c>parameters.temperature</c>, or a query parameter) and what is wrong with it.</summary>
    internal static (string? Field, string Detail) Describe(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            var field = json.Path is { Length: > 2 } path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : null;
            var expected = ConvertedTo().Match(json.Message) is { Success: true } converted ? Expected(converted.Groups["type"].Value) : null;
            if (expected is null)
            {
                return (field, field is null ? "The request body is not valid JSON." : $"The request body is not valid JSON at {field}.");
            }

            return field is null
                ? (null, $"The request body must be {expected}.")
                : (field, $"{field}: the value sent cannot be read; send {expected} in range.");
        }

        if (BindParameter().Match(bad.Message) is { Success: true } parameter)
        {
            var name = parameter.Groups["name"].Value;
            return (name, $"{name}: \"{Trim(parameter.Groups["value"].Value)}\" is not a valid value; send {Expected(parameter.Groups["type"].Value) ?? "a value of the right type"}.");
        }

        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return (null, "Send the request body as application/json.");
        }

        if (RequiredBody().IsMatch(bad.Message))
        {
            return (null, "The request needs a JSON body.");
        }

        return (null, "The request could not be read.");
    }

    private static string? Expected(string type) => type.Replace("System.Nullable`1[", "").Replace("System.", "").TrimEnd(']', '?') switch
    {
        "Decimal" or "Double" or "Single" or "decimal" or "double" or "float" => "a number",
        "Int32" or "Int64" or "Int16" or "Byte" or "int" or "long" or "short" or "byte" => "a whole number",
        "Boolean" or "bool" => "true or false",
        "Guid" => "an id (a GUID)",
        "String" or "string" => "text",
        "DateTime" or "DateTimeOffset" or "DateOnly" => "a date",
        _ => null,
    };

    private static string Trim(string value) => value.Length > 40 ? value[..40] + "…" : value;

    [GeneratedRegex(@"could not be converted to (?<type>[^ ]+?)\.? Path", RegexOptions.CultureInvariant)]
    private static partial Regex ConvertedTo();

    [GeneratedRegex(@"^Failed to bind parameter ""(?<type>.+) (?<name>[^ ""]+)"" from ""(?<value>.*)""\.$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex BindParameter();

    [GeneratedRegex(@"^Required parameter "".+"" was not provided from body", RegexOptions.CultureInvariant)]
    private static partial Regex RequiredBody();
}
