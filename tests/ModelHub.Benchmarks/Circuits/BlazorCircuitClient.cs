using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace ModelHub.Benchmarks.Circuits;

/// <summary>
/// One Blazor Server circuit without a browser, speaking to <c>/_blazor</c> as blazor.web.js (.NET 10) does:
/// the page's server component markers and persisted state go to <c>StartCircuit</c> and
/// <c>UpdateRootComponents</c> over a WebSocket with the blazorpack protocol; every render batch is applied
/// to a <see cref="LogicalDom"/> and acknowledged with <c>OnRenderCompleted</c>; JS calls from the server are
/// answered (navigation is carried out and reported back with <c>OnLocationChanged</c>); browser events go
/// through the renderer's <c>DispatchEventAsync</c> by <c>BeginInvokeDotNetFromJS</c>.
/// </summary>
internal sealed partial class BlazorCircuitClient : IAsyncDisposable
{
    private readonly HubConnection connection;
    private readonly HttpClient http;
    private readonly Uri baseUri;
    private readonly string cookie;
    private string? circuitId;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string?>> pendingDotNetCalls = new();
    private readonly object sync = new();
    private long nextCallId;
    private long rendererInteropObjectId;
    private readonly TaskCompletionSource firstRender = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private (Func<LogicalDom, bool> Condition, TaskCompletionSource Done)? awaitedState;
    private TaskCompletionSource? awaitedText;
    private Regex? awaitedPattern;

    private BlazorCircuitClient(HubConnection connection, HttpClient http, Uri baseUri, string cookie, string location)
    {
        this.connection = connection;
        this.http = http;
        this.baseUri = baseUri;
        this.cookie = cookie;
        Location = location;
    }

    public LogicalDom Dom { get; } = new();

    public string Location { get; private set; }

    /// <summary>The server's <c>JS.Error</c> message, if the circuit failed.</summary>
    public string? Error { get; private set; }

    /// <summary>JS functions the server called on this circuit, for checking the client against a browser.</summary>
    public ConcurrentBag<string> JsCalls { get; } = [];

    /// <summary>Opens the page at <paramref name="path"/> with <paramref name="cookie"/> and starts its circuit; returns once the first interactive render is applied.</summary>
    public static async Task<BlazorCircuitClient> OpenAsync(HttpClient http, Uri baseUri, string path, string cookie, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseUri, path));
        request.Headers.Add("Cookie", cookie);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var html = await response.Content.ReadAsStringAsync(cancellationToken);
        var markers = ServerMarkers(html);
        if (markers.Count == 0)
        {
            throw new InvalidOperationException($"{path} holds no interactive server component (signed in?).");
        }

        var state = StateMarker().Match(html) is { Success: true } m ? m.Groups[1].Value : "";
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUri, "_blazor"), HttpTransportType.WebSockets, options => options.Headers["Cookie"] = cookie);
        builder.Services.AddSingleton<IHubProtocol, BlazorPackProtocol>();
        var connection = builder.Build();
        var client = new BlazorCircuitClient(connection, http, baseUri, cookie, new Uri(baseUri, path).ToString());
        client.Register();
        await connection.StartAsync(cancellationToken);
        client.circuitId = await connection.InvokeAsync<string?>("StartCircuit", baseUri.ToString(), client.Location, "[]", state, cancellationToken);
        if (client.circuitId is null)
        {
            throw new InvalidOperationException($"The server refused to start a circuit for {path}.");
        }

        var operations = markers.Select((marker, i) => new JsonObject
        {
            ["type"] = "add",
            ["ssrComponentId"] = i + 1,
            ["marker"] = Marker(marker, i),
        });
        var batch = new JsonObject { ["batchId"] = 1, ["operations"] = new JsonArray([.. operations]) };
        await connection.SendAsync("UpdateRootComponents", batch.ToJsonString(), state, cancellationToken);
        await client.firstRender.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
        return client;
    }

    /// <summary>Sends a change event with <paramref name="value"/> to <paramref name="input"/>, as typing and leaving a field does.</summary>
    public Task ChangeAsync(ElementNode input, string value)
    {
        if (!input.Events.TryGetValue("change", out var handler))
        {
            throw new InvalidOperationException($"The <{input.Name}> has no change handler.");
        }

        var descriptor = new JsonObject
        {
            ["eventHandlerId"] = handler,
            ["eventName"] = "change",
            ["eventFieldInfo"] = new JsonObject { ["componentId"] = input.RenderingComponentId(), ["fieldValue"] = value },
        };
        var args = new JsonArray(descriptor, new JsonObject { ["value"] = value });
        // What the user typed is the field's value in the browser, whether or not the server renders it back.
        lock (sync)
        {
            input.Attributes["value"] = value;
        }

        var callId = Interlocked.Increment(ref nextCallId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        pendingDotNetCalls[callId] = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        return connection.SendAsync("BeginInvokeDotNetFromJS", callId, null, "DispatchEventAsync", rendererInteropObjectId, args.ToJsonString());
    }

    /// <summary>Completes once the page (after some render batch) satisfies <paramref name="condition"/>.</summary>
    public Task WaitUntilAsync(Func<LogicalDom, bool> condition)
    {
        lock (sync)
        {
            if (condition(Dom))
            {
                return Task.CompletedTask;
            }

            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            awaitedState = (condition, done);
            return done.Task;
        }
    }

    /// <summary>Completes when a render batch inserts or updates a text node matching <paramref name="pattern"/>; start it before the interaction.</summary>
    public Task WaitForTextAsync(Regex pattern)
    {
        lock (sync)
        {
            awaitedPattern = pattern;
            awaitedText = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return awaitedText.Task;
        }
    }

    /// <summary>Closes the page as blazor.web.js does on unload: the connection stops and <c>_blazor/disconnect</c> tells the server to end the circuit now rather than keep it for a reconnect.</summary>
    public async ValueTask DisposeAsync()
    {
        await connection.DisposeAsync();
        if (circuitId is null)
        {
            return;
        }

        using var form = new MultipartFormDataContent { { new StringContent(circuitId), "circuitId" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, "_blazor/disconnect")) { Content = form };
        request.Headers.Add("Cookie", cookie);
        using var response = await http.SendAsync(request);
    }

    private void Register()
    {
        Dom.TextChanged = text =>
        {
            lock (sync)
            {
                if (awaitedPattern is not null && awaitedPattern.IsMatch(text))
                {
                    awaitedPattern = null;
                    awaitedText!.TrySetResult();
                }
            }
        };

        connection.On("JS.AttachComponent", [typeof(int), typeof(string)], args =>
        {
            Dom.AttachRoot((int)args[0]!);
            return Task.CompletedTask;
        });
        connection.On("JS.RenderBatch", [typeof(long), typeof(byte[])], async args =>
        {
            var batchId = (long)args[0]!;
            string? error = null;
            try
            {
                lock (sync)
                {
                    Dom.Apply((byte[])args[1]!);
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentOutOfRangeException or InvalidCastException)
            {
                error = ex.Message;
                Error ??= $"render batch {batchId}: {ex.Message}";
            }

            await connection.SendAsync("OnRenderCompleted", batchId, error);
            lock (sync)
            {
                if (awaitedState is { } state && state.Condition(Dom))
                {
                    awaitedState = null;
                    state.Done.TrySetResult();
                }
            }

            if (Dom.Roots.Count > 0 && Dom.Elements().Any())
            {
                firstRender.TrySetResult();
            }
        });
        connection.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)], args =>
            BeginInvokeJsAsync((long)args[0]!, (string)args[1]!, (string?)args[2]));
        connection.On("JS.EndInvokeDotNet", [typeof(string), typeof(bool), typeof(string)], args =>
        {
            if (pendingDotNetCalls.TryRemove((string)args[0]!, out var call))
            {
                call.TrySetResult((string?)args[2]);
            }

            return Task.CompletedTask;
        });
        connection.On("JS.EndUpdateRootComponents", [typeof(long)], _ => Task.CompletedTask);
        connection.On("JS.EndLocationChanging", [typeof(int), typeof(bool)], _ => Task.CompletedTask);
        connection.On("JS.Error", [typeof(string)], args =>
        {
            Error = (string?)args[0];
            firstRender.TrySetException(new InvalidOperationException($"The circuit failed: {Error}"));
            return Task.CompletedTask;
        });
    }

    private async Task BeginInvokeJsAsync(long asyncHandle, string identifier, string? argsJson)
    {
        JsCalls.Add(identifier);
        var args = argsJson is null ? null : JsonNode.Parse(argsJson)?.AsArray();
        JsonNode? result = null;
        switch (identifier)
        {
            case "Blazor._internal.attachWebRendererInterop":
                rendererInteropObjectId = args![1]!["__dotNetObject"]!.GetValue<long>();
                break;
            case "Blazor._internal.navigationManager.navigateTo":
                Location = new Uri(baseUri, args![0]!.GetValue<string>()).ToString();
                if (asyncHandle != 0)
                {
                    await EndInvokeJsAsync(asyncHandle, result);
                }

                // As blazor.web.js does after pushState: the circuit learns the new address from the client.
                await connection.SendAsync("OnLocationChanged", Location, null, false);
                return;
            case "Blazor._internal.navigationManager.getLocationHref":
                result = Location;
                break;
            case "Blazor._internal.navigationManager.getBaseURI":
                result = baseUri.ToString();
                break;
            case "import":
                // A module, as a browser answers it: a JS object reference the page then calls functions on (answered null).
                result = new JsonObject { ["__jsObjectId"] = ++lastJsObjectId };
                break;
            default:
                result = KnownResults.TryGetValue(identifier, out var known) ? JsonNode.Parse(known) : null;
                break;
        }

        if (asyncHandle != 0)
        {
            await EndInvokeJsAsync(asyncHandle, result);
        }
    }

    private long lastJsObjectId;

    private Task EndInvokeJsAsync(long asyncHandle, JsonNode? result) =>
        connection.SendAsync("EndInvokeJSFromDotNet", asyncHandle, true, new JsonArray(asyncHandle, true, result).ToJsonString());

    /// <summary>What a browser answers to the JS calls whose result the components read (everything else answers null).</summary>
    private static readonly Dictionary<string, string> KnownResults = new(StringComparer.Ordinal)
    {
        ["window.hasOwnProperty"] = "true",
        ["mudpopoverHelper.countProviders"] = "1",
        ["mudResizeListener.getBrowserWindowSize"] = """{"height":860,"width":1280}""",
        ["mudGetSvgBBox"] = """{"x":0,"y":0,"width":40,"height":12}""",
        ["mudElementRef.getBoundingClientRect"] = """{"top":0,"left":0,"width":1280,"height":860,"right":1280,"bottom":860,"x":0,"y":0,"scrollX":0,"scrollY":0,"windowWidth":1280,"windowHeight":860}""",
        ["mudWindow.getBreakpoint"] = "\"Lg\"",
    };

    private static List<JsonObject> ServerMarkers(string html) =>
        ComponentMarker().Matches(html)
            .Select(m => JsonNode.Parse(m.Groups[1].Value)!.AsObject())
            .Where(o => o["type"]?.GetValue<string>() == "server")
            .OrderBy(o => o["sequence"]!.GetValue<int>())
            .ToList();

    private static JsonObject Marker(JsonObject marker, int uniqueId)
    {
        var copy = marker.DeepClone().AsObject();
        copy["uniqueId"] = uniqueId;
        return copy;
    }

    [GeneratedRegex(@"<!--Blazor:(\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex ComponentMarker();

    [GeneratedRegex(@"<!--Blazor-Server-Component-State:([A-Za-z0-9+/=]+)-->")]
    private static partial Regex StateMarker();

    /// <summary>Blazor's hub protocol: MessagePack framing under the name blazor.web.js asks for.</summary>
    private sealed class BlazorPackProtocol : IHubProtocol
    {
        private readonly MessagePackHubProtocol inner = new();

        public string Name => "blazorpack";

        public int Version => inner.Version;

        public TransferFormat TransferFormat => TransferFormat.Binary;

        public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);

        public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message) =>
            inner.TryParseMessage(ref input, binder, out message);

        public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(message, output);

        public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(message);
    }
}
