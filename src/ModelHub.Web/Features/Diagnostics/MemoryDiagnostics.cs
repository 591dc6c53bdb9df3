using System.Net;
using System.Runtime;

namespace ModelHub.Web.Features.Diagnostics;

/// <summary>
/// <c>GET /_diagnostics/memory</c> for the circuit benchmark: forces a full, compacting collection and
/// answers the managed heap that survives it, which is what open circuits really hold (the process's
/// resident size also carries the GC's retained segments and the runtime). It is mapped only when
/// <c>Diagnostics:MemoryEndpoint</c> is true outside Production, and answers only loopback callers:
/// a forced collection pauses every request, so no deployed instance may offer it.
/// </summary>
public static class MemoryDiagnostics
{
    public const string SettingKey = "Diagnostics:MemoryEndpoint";
    public const string Path = "/_diagnostics/memory";

    public static IHostApplicationBuilder AddMemoryDiagnostics(this IHostApplicationBuilder builder)
    {
        if (!builder.Configuration.GetValue<bool>(SettingKey))
        {
            return builder;
        }

        if (builder.Environment.IsProduction())
        {
            throw new StartupConfigurationException($"{SettingKey} must not be true in Production: the endpoint forces full garbage collections.");
        }

        builder.Services.AddTransient<IStartupFilter, MemoryEndpointFirst>();
        return builder;
    }

    private sealed class MemoryEndpointFirst : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map(Path, branch => branch.Run(WriteMemoryAsync));
            next(app);
        };
    }

    private static Task WriteMemoryAsync(HttpContext context)
    {
        if (context.Connection.RemoteIpAddress is not { } address || !IPAddress.IsLoopback(address))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        return context.Response.WriteAsJsonAsync(new MemorySnapshot(
            GC.GetTotalMemory(forceFullCollection: false),
            info.HeapSizeBytes,
            info.FragmentedBytes,
            info.TotalCommittedBytes,
            process.WorkingSet64,
            GCSettings.IsServerGC,
            Environment.ProcessorCount));
    }

    /// <summary>Bytes after a forced full collection; <c>WorkingSet</c> is the process's resident size.</summary>
    public sealed record MemorySnapshot(long ManagedBytes, long HeapSizeBytes, long FragmentedBytes, long CommittedBytes, long WorkingSet, bool ServerGc, int ProcessorCount);
}
