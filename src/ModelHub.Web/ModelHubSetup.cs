using ModelHub.Web.Components;
using ModelHub.Web.Components.Account;
using ModelHub.Web.Components.Layout;
using ModelHub.Web.Data;
using ModelHub.Web.Features.AccessTokens;
using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Comparisons;
using ModelHub.Web.Features.Diagnostics;
using ModelHub.Web.Features.Evaluations;
using ModelHub.Web.Features.Instances;
using ModelHub.Web.Features.Accounts;
using ModelHub.Web.Features.Mail;
using ModelHub.Web.Features.Operations;
using ModelHub.Web.Features.Playground;
using ModelHub.Web.Features.Teams;
using ModelHub.Web.Features.Telemetry;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;
using MudBlazor;
using MudBlazor.Services;

namespace ModelHub.Web;

/// <summary>Everything ModelHub registers and maps, one feature at a time.</summary>
public static class ModelHubSetup
{
    public static IHostApplicationBuilder AddModelHub(this IHostApplicationBuilder builder)
    {
        builder.UseRepositorySettingsFile();
        builder.AddModelHubDatabase();
        builder.AddInstances();
        builder.AddOperations();
        builder.AddTelemetry();
        builder.AddApiProblems();
        builder.AddTransportSecurity();
        builder.AddRequestThrottling();
        builder.AddAccounts();
        builder.AddMail();
        builder.AddTeams();
        builder.AddAccessTokens();
        builder.AddCatalog();
        builder.AddPlayground();
        builder.AddComparisons();
        builder.AddEvaluations();
        builder.AddMemoryDiagnostics();

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            options.SnackbarConfiguration.PreventDuplicates = true;
            options.SnackbarConfiguration.VisibleStateDuration = 6000;
        });
        builder.Services.AddSingleton<ThemeStylesheet>();
        builder.AddApiDocument();
        // Roles and other enums travel by name ("Viewer"), not by number.
        builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        return builder;
    }

    public static WebApplication MapModelHub(this WebApplication app)
    {
        app.UseOperations();
        app.UseRequestThrottling();
        app.UseApiProblems();
        app.UseRequestBodyLimits();
        app.UseAntiforgery();
        app.UseAntiforgeryFailuresAsBadRequests();

        app.MapStaticAssets();
        app.MapRazorComponents<App>()
            // SecurityHeaders already sends frame-ancestors 'none' in the one content security policy.
            .AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null);
        app.MapAdditionalIdentityEndpoints();
        app.MapOperations();
        app.MapOpenApi("/openapi/{documentName}.json");

        app.MapGroup("/api/v1")
            .RequireAuthorization(AccountsSetup.ApiPolicy)
            .DisableAntiforgery()
            .WithProblemResponses()
            .MapAccountEndpoints()
            .MapTeamEndpoints()
            .MapAccessTokenEndpoints()
            .MapCatalogEndpoints()
            .MapPlaygroundEndpoints()
            .MapComparisonEndpoints()
            .MapEvaluationEndpoints();

        // Any other path under /api answers 404 problem+json for every method, never a page.
        app.MapFallback("/api/{**path}", (HttpContext context) => Results.Problem(
                statusCode: StatusCodes.Status404NotFound,
                title: "Not Found",
                detail: $"There is no API endpoint {context.Request.Method} {context.Request.Path}. The OpenAPI document at /openapi/v1.json lists them."))
            .AllowAnonymous()
            .DisableAntiforgery();
        return app;
    }

    /// <summary>
    /// One file provider for the process: each provider holds a file watcher (an inotify instance
    /// on Linux) that nothing disposes, so one per host would leak a watcher for every host a test
    /// run starts.
    /// </summary>
    private static readonly Lazy<PhysicalFileProvider> BaseDirectoryFiles = new(() => new PhysicalFileProvider(AppContext.BaseDirectory));

    /// <summary>
    /// The app reads the single appsettings.json at the top of the repository, which the build copies
    /// next to the assembly; this points the default settings source there, keeping its precedence
    /// below environment variables and the command line.
    /// </summary>
    private static void UseRepositorySettingsFile(this IHostApplicationBuilder builder)
    {
        var baseDirectory = BaseDirectoryFiles.Value;
        var sources = builder.Configuration.Sources;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource { Path: { } path } json && path.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase))
            {
                // Replacing (not mutating) the source makes the configuration manager reload it.
                sources[i] = new JsonConfigurationSource
                {
                    Path = path,
                    Optional = json.Optional,
                    ReloadOnChange = json.ReloadOnChange,
                    FileProvider = baseDirectory,
                };
            }
        }
    }
}
