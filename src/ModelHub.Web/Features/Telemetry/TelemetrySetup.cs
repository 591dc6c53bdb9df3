using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace ModelHub.Web.Features.Telemetry;

/// <summary>
/// Traces of page requests, API calls, provider calls and database commands, and ModelHub's own
/// metrics, through OpenTelemetry. Nothing leaves the process unless <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// is set (as an environment variable or a setting); the other standard <c>OTEL_EXPORTER_OTLP_*</c>
/// settings (protocol, headers) apply then too.
/// </summary>
public static class TelemetrySetup
{
    public const string ServiceName = "ModelHub";
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ModelHubMeter>();
        builder.Services.AddSingleton<RunTelemetry>();
        builder.Services.AddSingleton<ImportTelemetry>();
        builder.Services.AddSingleton<OpenCircuits>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, OpenCircuitTracker>());

        // The same name the instance gives itself in logs, the database and the runs it owns.
        var instanceName = Instances.InstanceIdentity.Resolve(builder.Configuration[Instances.InstanceOptions.NameKey]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName, serviceInstanceId: instanceName, autoGenerateServiceInstanceId: false))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options =>
                {
                    options.Filter = context => !context.Request.Path.StartsWithSegments("/_framework") && !context.Request.Path.StartsWithSegments("/_content");
                    // Queries can carry tokens (invite links, sign-in returns): the path is enough to tell requests apart.
                    options.EnrichWithHttpRequest = (activity, _) => activity.SetTag("url.query", null);
                })
                .AddHttpClientInstrumentation(options =>
                    options.EnrichWithHttpRequestMessage = (activity, request) =>
                    {
                        if (request.RequestUri is { Query.Length: > 0 } url)
                        {
                            activity.SetTag("url.full", url.GetLeftPart(UriPartial.Path));
                        }
                    })
                // Statements are recorded as EF wrote them, with placeholders; parameter values (prompts, keys) are not recorded by default.
                .AddEntityFrameworkCoreInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(ModelHubMeter.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration[EndpointKey]))
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }
}
