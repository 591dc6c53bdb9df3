using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ModelHub.Web.Features.Operations;

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c>: only the <c>/api</c> calls, the bearer scheme personal
/// access tokens use, and every call's error answers as problem+json, so a generated client works as it is.
/// </summary>
public static class OpenApiSetup
{
    public const string BearerScheme = "bearer";

    private const string ProblemJson = "application/problem+json";

    public static IHostApplicationBuilder AddApiDocument(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options =>
        {
            var inThisDocument = options.ShouldInclude;
            // The Identity pages' form posts (/Account/...) are endpoints too, but not API calls.
            options.ShouldInclude = description => inThisDocument(description)
                && description.RelativePath?.StartsWith("api/", StringComparison.OrdinalIgnoreCase) == true;
            options.AddDocumentTransformer<ApiDocumentTransformer>();
        });
        return builder;
    }

    /// <summary>
    /// Declares the problem+json answers every call in the group can give: 401 without a valid token, 400 for
    /// a body that does not bind or validate, 404 when a path names something the caller cannot see.
    /// </summary>
    public static RouteGroupBuilder WithProblemResponses(this RouteGroupBuilder api)
    {
        // Finally runs after the handler's own metadata is known (its body, its declared answers).
        ((IEndpointConventionBuilder)api).Finally(endpoint =>
        {
            var declared = endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Select(m => m.StatusCode).ToHashSet();
            void Declare(int statusCode)
            {
                if (declared.Add(statusCode))
                {
                    endpoint.Metadata.Add(new ProducesResponseTypeMetadata(statusCode, typeof(ProblemDetails), [ProblemJson]));
                }
            }

            if (!endpoint.Metadata.OfType<IAllowAnonymous>().Any())
            {
                Declare(StatusCodes.Status401Unauthorized);
            }

            if (endpoint.Metadata.OfType<IAcceptsMetadata>().Any())
            {
                Declare(StatusCodes.Status400BadRequest);
            }

            if (endpoint is RouteEndpointBuilder { RoutePattern.Parameters.Count: > 0 })
            {
                Declare(StatusCodes.Status404NotFound);
            }
        });
        return api;
    }

    private sealed class ApiDocumentTransformer(PublicAddress address) : IOpenApiDocumentTransformer
    {
        private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
        {
            ["Account"] = "The caller behind the token.",
            ["Teams"] = "Teams, their members and invites.",
            ["Access tokens"] = "The caller's personal access tokens.",
            ["Catalog"] = "The model catalog: models, their routes, prices, benchmarks and sourced claims.",
            ["Playground connections"] = "A team's provider connections for playground runs.",
            ["Playground runs"] = "Playground runs, their targets and the team's spend.",
            ["Saved prompts"] = "A team's saved playground prompts.",
            ["Comparisons"] = "A team's saved model comparisons, their decisions and linked runs.",
        };

        public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
        {
            document.Info = new OpenApiInfo
            {
                Title = "ModelHub API",
                Version = "v1",
                Description = "The model catalog, teams, playground runs and saved comparisons. Every call takes a personal access token " +
                    "(`Authorization: Bearer mh_pat_...`, created under Access tokens); errors answer application/problem+json.",
            };
            // App:PublicBaseUrl, never the request's Host header, which a caller can forge.
            document.Servers = [new OpenApiServer { Url = address.BaseUri.ToString().TrimEnd('/') }];

            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "mh_pat_...",
                Description = "A personal access token; it is shown once when created and can be revoked.",
            };
            document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] }];

            foreach (var tag in document.Tags ?? Enumerable.Empty<OpenApiTag>())
            {
                if (tag.Name is { } name && TagDescriptions.TryGetValue(name, out var description))
                {
                    tag.Description ??= description;
                }
            }

            return Task.CompletedTask;
        }
    }
}
