using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using ModelHub.FakeProviders;
using ModelHub.Web.Features.Playground.Runs;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace ModelHub.IntegrationTests;

/// <summary>
/// Spans and metrics, caught by in-memory exporters. Other test hosts in this process use the same
/// activity sources and meter name, so each assertion picks its own data: spans by a trace ID the test
/// sends in <c>traceparent</c>, metrics by this test's fake provider address.
/// </summary>
public sealed class TelemetryTests : PlaygroundTest
{
    private readonly LockedList<Activity> spans = new();
    private readonly LockedList<MetricSnapshot> metrics = new();

    public TelemetryTests()
    {
        app.ConfigureServices = services => services
            .ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans))
            .ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics));
    }

    private string ProviderTag => new Uri(fake.BaseUrl).Authority;

    [Fact]
    public async Task APageRequestIsTracedWithoutItsQueryString()
    {
        var trace = ActivityTraceId.CreateRandom();
        using var request = Traced(new HttpRequestMessage(HttpMethod.Get, "/Account/Login?ReturnUrl=%2Fsecret-place"), trace);

        await (await app.CreateApiClient().SendAsync(request)).ExpectAsync(HttpStatusCode.OK);

        var page = await SpanAsync(trace, s => s.Kind == ActivityKind.Server);
        Assert.Equal("/Account/Login", page.GetTagItem("url.path"));
        Assert.Null(page.GetTagItem("url.query"));
        Assert.DoesNotContain(page.TagObjects, tag => tag.Value?.ToString()?.Contains("secret-place", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task ARunThroughTheApiTracesTheCallTheProviderCallAndDatabaseCommandsWithoutPromptOrKey()
    {
        var trace = ActivityTraceId.CreateRandom();
        const string prompt = "Telemetry must never see this sentence";
        using var request = Traced(new HttpRequestMessage(HttpMethod.Post, $"/api/v1/teams/{teamId}/runs?wait=true")
        {
            Content = JsonContent.Create(Prompt(prompt, new RunTargetRequest(openAi.Id, ModelId: "echo")), options: ApiJson.Options),
        }, trace);

        var run = await (await owner.Api.SendAsync(request)).ReadAsync<RunView>(HttpStatusCode.Created);

        Assert.Equal(RunStatus.Succeeded, run.Status);
        var api = await SpanAsync(trace, s => s.Kind == ActivityKind.Server);
        Assert.Equal("POST", api.GetTagItem("http.request.method"));
        var providerCall = await SpanAsync(trace, s => s.Kind == ActivityKind.Client && s.Source.Name == "System.Net.Http");
        Assert.Equal($"{fake.OpenAiBaseUrl}/chat/completions", providerCall.GetTagItem("url.full"));
        var database = await SpanAsync(trace, s => s.Source.Name.Contains("EntityFrameworkCore", StringComparison.Ordinal));
        Assert.Equal("sqlite", database.GetTagItem("db.system.name") ?? database.GetTagItem("db.system"));
        foreach (var span in spans.Snapshot().Where(s => s.TraceId == trace))
        {
            foreach (var tag in span.TagObjects)
            {
                var value = tag.Value?.ToString() ?? "";
                Assert.DoesNotContain(prompt, value);
                Assert.DoesNotContain(FakeProviderServer.ApiKey, value);
                Assert.DoesNotContain(owner.Token, value);
            }
        }
    }

    [Fact]
    public async Task ARunRecordsItsCountTimeToFirstTokenAndSpeedByProvider()
    {
        await RunAsync(Prompt("Measure me", new RunTargetRequest(openAi.Id, ModelId: "echo")));

        Flush();
        Assert.Equal(1, Sum("modelhub.runs", ("provider", ProviderTag), ("outcome", "Succeeded")));
        Assert.Equal(1, HistogramCount("modelhub.run.time_to_first_token", ("provider", ProviderTag)));
        Assert.Equal(1, HistogramCount("modelhub.run.tokens_per_second", ("provider", ProviderTag)));
        Assert.Equal(0, Sum("modelhub.run.errors", ("provider", ProviderTag)));
    }

    [Fact]
    public async Task FailedRunsCountErrorsByProviderAndKind()
    {
        await RunAsync(Prompt("Fail twice",
            new RunTargetRequest(openAi.Id, ModelId: "fault-500"),
            new RunTargetRequest(anthropic.Id, ModelId: "fault-401")));

        Flush();
        Assert.Equal(1, Sum("modelhub.run.errors", ("provider", ProviderTag), ("error.type", "ProviderFailed")));
        Assert.Equal(1, Sum("modelhub.run.errors", ("provider", ProviderTag), ("error.type", "KeyRejected")));
        Assert.Equal(2, Sum("modelhub.runs", ("provider", ProviderTag), ("outcome", "Failed")));
    }

    private static HttpRequestMessage Traced(HttpRequestMessage request, ActivityTraceId trace)
    {
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        return request;
    }

    /// <summary>The span appears once it ends, which for a server span is just after its response went out.</summary>
    private async Task<Activity> SpanAsync(ActivityTraceId trace, Func<Activity, bool> match)
    {
        for (var i = 0; i < 100; i++)
        {
            if (spans.Snapshot().FirstOrDefault(s => s.TraceId == trace && match(s)) is { } span)
            {
                return span;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException(
            $"No matching span in trace {trace}; spans seen: {string.Join(", ", spans.Snapshot().Where(s => s.TraceId == trace).Select(s => $"{s.Source.Name}/{s.DisplayName}"))}");
    }

    private void Flush() => Assert.True(app.Services.GetRequiredService<MeterProvider>().ForceFlush());

    /// <summary>The latest export of a counter, summed over the points that carry every given tag.</summary>
    private long Sum(string name, params (string Key, string Value)[] tags) =>
        Points(name, tags).Sum(p => p.GetSumLong());

    private long HistogramCount(string name, params (string Key, string Value)[] tags) =>
        Points(name, tags).Sum(p => p.GetHistogramCount());

    private IEnumerable<MetricPoint> Points(string name, (string Key, string Value)[] tags)
    {
        var latest = metrics.Snapshot().LastOrDefault(m => m.Name == name);
        return latest is null ? [] : latest.MetricPoints.Where(point => tags.All(wanted => HasTag(point, wanted)));
    }

    private static bool HasTag(MetricPoint point, (string Key, string Value) wanted)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == wanted.Key && Equals(tag.Value?.ToString(), wanted.Value))
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>
/// What an in-memory exporter writes into: it adds from whichever thread ends a span, and this
/// test host's listeners see other hosts' spans too, so reads and writes take a lock.
/// </summary>
internal sealed class LockedList<T> : ICollection<T>
{
    private readonly List<T> items = [];

    public int Count
    {
        get
        {
            lock (items)
            {
                return items.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    public List<T> Snapshot()
    {
        lock (items)
        {
            return [.. items];
        }
    }

    public void Add(T item)
    {
        lock (items)
        {
            items.Add(item);
        }
    }

    public void Clear()
    {
        lock (items)
        {
            items.Clear();
        }
    }

    public bool Contains(T item) => Snapshot().Contains(item);

    public void CopyTo(T[] array, int arrayIndex) => Snapshot().CopyTo(array, arrayIndex);

    public bool Remove(T item)
    {
        lock (items)
        {
            return items.Remove(item);
        }
    }

    public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
