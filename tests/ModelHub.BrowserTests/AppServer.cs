using ModelHub.FakeProviders;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(ModelHub.BrowserTests.AppServer))]
// One app and one browser on a 2-core machine: tests take turns rather than starve each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace ModelHub.BrowserTests;

/// <summary>
/// The built app started as a real process on a free loopback port with its own SQLite file,
/// and Debian's Chromium driven by Playwright (its own browser download cannot work here).
/// </summary>
public sealed class AppServer : IAsyncLifetime
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), $"modelhub-browser-{Guid.NewGuid():N}");
    private readonly StringBuilder log = new();
    private Process? process;
    private IPlaywright? playwright;
    private string appDirectory = "";

    /// <summary>An instance administrator created through the command line before the app starts.</summary>
    public const string AdminEmail = "admin@modelhub.test";

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>A fake provider on 127.0.0.1 for playground runs; the app allows that host for outbound calls.</summary>
    public FakeProviderServer FakeProvider { get; private set; } = null!;

    public string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public string Log
    {
        get { lock (log) { return log.ToString(); } }
    }

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        appDirectory = FindAppOutput();
        FakeProvider = await FakeProviderServer.StartAsync();

        var admin = AppProcess(appDirectory, "users", "create", "--email", AdminEmail, "--password", Flows.Password, "--admin");
        using (var created = Process.Start(admin) ?? throw new InvalidOperationException("Could not run the app's command line."))
        {
            await created.WaitForExitAsync();
            if (created.ExitCode != 0)
            {
                throw new InvalidOperationException($"Creating the administrator failed: {await created.StandardError.ReadToEndAsync()}");
            }
        }

        await StartAppAsync();

        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium",
            Headless = true,
            // As root on this machine Chromium needs no sandbox, and must not try to reach the (closed) network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>Starts the app on <see cref="BaseUrl"/> and waits until /health answers.</summary>
    public async Task StartAppAsync()
    {
        process = Process.Start(AppProcess(appDirectory, "--urls", BaseUrl)) ?? throw new InvalidOperationException("Could not start the app.");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitForHealthAsync();
    }

    /// <summary>Ends the app process at once, as a crash or a redeploy would.</summary>
    public async Task StopAppAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process?.Dispose();
        process = null;
    }

    private ProcessStartInfo AppProcess(string appDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            // The content root, as with `dotnet run`: static web assets resolve from the project in Development.
            WorkingDirectory = Path.GetFullPath(Path.Combine(appDirectory, "../../..")),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(appDirectory, "ModelHub.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__Sqlite"] = $"Data Source={Path.Combine(dataDirectory, "modelhub.db")}";
        start.Environment["Outbound__AllowedHosts__0"] = "127.0.0.1";
        // Every flow signs in from 127.0.0.1; the shipped per-address limits would throttle the suite.
        start.Environment["RateLimits__SignIn__PermitLimit"] = "100000";
        start.Environment["RateLimits__Api__PermitLimit"] = "100000";
        return start;
    }

    public async Task<IPage> NewPageAsync(int width = 1280, int height = 860)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        context.SetDefaultTimeout(20_000);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (FakeProvider is not null)
        {
            await FakeProvider.DisposeAsync();
        }

        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        playwright?.Dispose();
        await StopAppAsync();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the dying process is left for the OS's temp clean-up.
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (log) { log.AppendLine(line); }
        }
    }

    private async Task WaitForHealthAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process!.HasExited)
            {
                throw new InvalidOperationException($"The app exited with {process.ExitCode}:\n{Log}");
            }

            try
            {
                if ((await http.GetAsync($"{BaseUrl}/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The app did not become healthy in 90 s:\n{Log}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>src/ModelHub.Web/bin/{Configuration}/net10.0, the configuration being this test assembly's own.</summary>
    private static string FindAppOutput()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var root = testOutput;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ModelHub.sln")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new InvalidOperationException("ModelHub.sln not found above the test output folder.");
        }

        var output = Path.Combine(root.FullName, "src", "ModelHub.Web", "bin", configuration, framework);
        return File.Exists(Path.Combine(output, "ModelHub.Web.dll"))
            ? output
            : throw new InvalidOperationException($"Build the app first: {output} has no ModelHub.Web.dll.");
    }
}
