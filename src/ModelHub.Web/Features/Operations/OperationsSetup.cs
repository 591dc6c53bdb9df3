using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Common.Outbound;

namespace ModelHub.Web.Features.Operations;

public static class OperationsSetup
{
    /// <summary>Checks an instance needs passing before a balancer sends it traffic.</summary>
    private const string ReadyTag = "ready";

    public static IHostApplicationBuilder AddOperations(this IHostApplicationBuilder builder)
    {
        if (!builder.Environment.IsDevelopment())
        {
            // One JSON object per log line, with the message template's named values as fields.
            builder.Logging.AddJsonConsole(options =>
            {
                options.IncludeScopes = true;
                options.UseUtcTimestamp = true;
            });
        }

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<PublicAddress>();
        // The public address's host is always allowed, beside the shipped AllowedHosts (loopback names).
        builder.Services.PostConfigure<HostFilteringOptions>(options =>
        {
            if (Uri.TryCreate(builder.Configuration[PublicAddress.SettingKey], UriKind.Absolute, out var publicUri)
                && options.AllowedHosts is { Count: > 0 } allowed && !allowed.Contains("*") && !allowed.Contains(publicUri.Host, StringComparer.OrdinalIgnoreCase))
            {
                options.AllowedHosts = [.. allowed, publicUri.Host];
            }
        });
        builder.Services.AddOptions<OutboundOptions>().BindConfiguration(OutboundOptions.Section);
        builder.Services.AddSingleton<OutboundUrlGuard>();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<UserFacingExceptionHandler>();
        var health = builder.Services.AddHealthChecks().AddDbContextCheck<ModelHubDbContext>("database", tags: [ReadyTag]);
        if (!string.IsNullOrWhiteSpace(builder.Configuration[RedisHealthCheck.ConnectionStringKey]))
        {
            builder.Services.AddSingleton<RedisHealthCheck>();
            health.AddCheck<RedisHealthCheck>("redis", tags: [ReadyTag]);
        }

        builder.Services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });

        // SecurityHeaders sends X-Frame-Options: DENY; antiforgery would add a second, weaker value.
        builder.Services.AddAntiforgery(options => options.SuppressXFrameOptionsHeader = true);

        // The key ring lives in the database, so a cookie or an encrypted key made by one instance opens on every other.
        builder.Services.AddDataProtection().SetApplicationName("ModelHub").PersistKeysToDbContext<ModelHubDbContext>();
        return builder;
    }

    public static WebApplication UseOperations(this WebApplication app)
    {
        // Fails start-up with the setting's name when App:PublicBaseUrl is missing or malformed.
        app.Services.GetRequiredService<PublicAddress>().EnsureValid();
        app.UseExceptionHandler("/Error", createScopeForErrors: true);
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        // Pages get the friendly not-found page; the API keeps its own problem+json answers.
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/api") && context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }

            return next(context);
        });
        app.UseSecurityHeaders();
        return app;
    }

    public static WebApplication MapOperations(this WebApplication app)
    {
        // /health and /health/ready report every dependency; /health/live only says the process answers.
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteHealthAsync }).AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteHealthAsync }).AllowAnonymous();
        return app;
    }

    /// <summary>Each check's name and status only: descriptions and exceptions can name servers or carry connection strings.</summary>
    private static Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status.ToString()),
        }));
    }
}
