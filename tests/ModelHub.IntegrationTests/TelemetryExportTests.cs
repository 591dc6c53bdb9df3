using System.Collections.Concurrent;
using System.Net;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Trace;

namespace ModelHub.IntegrationTests;

/// <summary>Exporting is off unless <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names a collector; then spans reach it over OTLP.</summary>
public sealed class TelemetryExportTests : IntegrationTest
{
    [Fact]
    public async Task WithNoEndpointTheAppStartsAndTracesGoToNoExporter()
    {
        await (await app.CreateApiClient().GetAsync("/health/live")).ExpectAsync(HttpStatusCode.OK);

        Assert.Null(ExportProcessor(app.Services.GetRequiredService<TracerProvider>()));
    }

    [Fact]
    public async Task WithAnEndpointSpansArriveAtTheCollectorOverOtlpHttp()
    {
        await using var collector = await FakeCollector.StartAsync();
        await using var exporting = new ModelHubFactory();
        exporting.Settings["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.BaseUrl;
        exporting.Settings["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        exporting.Settings["Instance:Name"] = "modelhub-test-instance-7";

        await (await exporting.CreateApiClient().GetAsync("/health/live")).ExpectAsync(HttpStatusCode.OK);
        var tracing = exporting.Services.GetRequiredService<TracerProvider>();
        Assert.NotNull(ExportProcessor(tracing));
        // The request's span ends as the server disposes the request, which can come just after the client has
        // the response; so flush until it arrives rather than flushing once. Start-up (migrations, seeding) makes
        // spans too, so it may sit in a later batch than the first.
        List<OtlpRequest> traces = [];
        var body = "";
        await Eventually.WaitUntilAsync(() =>
        {
            Assert.True(tracing.ForceFlush(10_000));
            traces = collector.Received.Where(r => r.Path == "/v1/traces").ToList();
            // Resource attributes travel as plain UTF-8 strings inside the protobuf body.
            body = string.Concat(traces.Select(r => Encoding.UTF8.GetString(r.Body)));
            return body.Contains("/health/live");
        }, "the /health/live request's span at the collector", TimeSpan.FromSeconds(10));

        Assert.NotEmpty(traces);
        Assert.All(traces, r => Assert.Equal("application/x-protobuf", r.ContentType));
        Assert.Contains("ModelHub", body);
        Assert.Contains("modelhub-test-instance-7", body);
        Assert.Contains("/health/live", body);
    }

    /// <summary>The processor spans go through on their way out; null when nothing exports them.</summary>
    private static object? ExportProcessor(TracerProvider tracing)
    {
        var property = tracing.GetType().GetProperty("Processor", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public);
        Assert.NotNull(property);
        return property.GetValue(tracing);
    }

    private sealed record OtlpRequest(string Path, string? ContentType, byte[] Body);

    /// <summary>An OTLP/HTTP collector on 127.0.0.1 that keeps what it is sent and answers 200.</summary>
    private sealed class FakeCollector(WebApplication app) : IAsyncDisposable
    {
        public ConcurrentQueue<OtlpRequest> Received { get; } = new();

        public string BaseUrl => app.Urls.First();

        public static async Task<FakeCollector> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var web = builder.Build();
            var collector = new FakeCollector(web);
            web.Run(async context =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                collector.Received.Enqueue(new OtlpRequest(context.Request.Path, context.Request.ContentType, body.ToArray()));
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
            });
            await web.StartAsync();
            return collector;
        }

        public ValueTask DisposeAsync() => app.DisposeAsync();
    }
}
