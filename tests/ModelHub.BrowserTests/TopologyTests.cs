using System.Diagnostics;
using Microsoft.Playwright;
using ModelHub.FakeProviders;

namespace ModelHub.BrowserTests;

/// <summary>
/// The two-instance topology of infra/ (two apps on one PostgreSQL behind haproxy with cookie affinity),
/// started by infra/local/topology.sh on loopback ports. Needs MODELHUB_TEST_POSTGRES: run it under
/// tests/postgres.sh, as tests/run-all.sh does.
/// </summary>
[Trait("Topology", "true")]
public sealed class TopologyTests(AppServer app) : IAsyncLifetime
{
    /// <summary>Short, so a killed instance's run is found abandoned in seconds rather than the default 30 + 10.</summary>
    private const string RunLease = "00:00:10";

    private readonly string stateDirectory = Path.Combine(Path.GetTempPath(), $"modelhub-topology-{Guid.NewGuid():N}");
    private readonly string script = Path.Combine(RepositoryRoot(), "infra", "local", "topology.sh");
    private FakeProviderServer provider = null!;
    private Dictionary<string, string> topology = [];

    public async ValueTask InitializeAsync()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("MODELHUB_TEST_POSTGRES")))
        {
            throw new InvalidOperationException("The topology tests need PostgreSQL: run them as `tests/postgres.sh dotnet test tests/ModelHub.BrowserTests --filter Topology=true`.");
        }

        provider = await FakeProviderServer.StartAsync();
        // 400 words at 100 ms each: a run streams for 40 s, long enough to watch it and kill its instance.
        provider.SlowChunkDelay = TimeSpan.FromMilliseconds(100);
        await RunScriptAsync("start");
        topology = File.ReadAllLines(Path.Combine(stateDirectory, "topology.env"))
            .Select(line => line.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1]);
    }

    [Fact]
    public async Task ARunStartedOnOneInstanceIsWatchedLiveFromTheOtherAndEndsInterruptedWithItsOutputWhenTheFirstIsKilled()
    {
        var balancer = topology["BALANCER_URL"];
        var onA = await PinnedPageAsync(balancer, "a");
        var onB = await PinnedPageAsync(balancer, "b");

        // Signed in on a; the same cookies sign in on b: one key ring, in the database.
        var email = Flows.UniqueEmail("topology");
        await onA.RegisterAsync(email);
        await onA.CreateTeamAsync("Two instances");
        await onA.AddConnectionAsync("Fake OpenAI", provider.OpenAiBaseUrl);
        var signIn = (await onA.Context.CookiesAsync()).Where(c => c.Name != "MODELHUB_NODE")
            .Select(c => new Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite })
            .ToList();
        Assert.NotEmpty(signIn);
        await onB.Context.AddCookiesAsync(signIn);
        await onB.GotoAsync("/playground/history");
        await onB.WaitForInteractiveAsync();
        await Assertions.Expect(onB.GetByRole(AriaRole.Button, new() { Name = "account menu" })).ToBeVisibleAsync();
        await Assertions.Expect(onB.GetByRole(AriaRole.Heading, new() { Level = 1 })).Not.ToHaveTextAsync("Sign in");

        // A slow run on a.
        await onA.GotoAsync("/playground");
        await onA.WaitForInteractiveAsync();
        await onA.ChooseTargetAsync(0, "Fake OpenAI: type a model ID", "slow-stream");
        await onA.GetByLabel("Message 1", new() { Exact = true }).FillAsync("Count to four hundred, slowly.");
        await onA.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();
        await Assertions.Expect(onA.GetByTestId("panel-0").GetByTestId("output")).ToContainTextAsync("word3", new() { Timeout = 30_000 });
        var runAddress = await onA.GetByTestId("run-summary").GetByRole(AriaRole.Link).GetAttributeAsync("href")
            ?? throw new InvalidOperationException("The playground shows no link to the run.");

        // Watched from b: the text grows without a reload.
        await onB.GotoAsync("/" + runAddress);
        await onB.WaitForInteractiveAsync();
        var status = onB.GetByTestId("panel-0").GetByTestId("status");
        var output = onB.GetByTestId("panel-0").GetByTestId("output");
        await Assertions.Expect(status).ToHaveTextAsync("Streaming…", new() { Timeout = 20_000 });
        await Assertions.Expect(output).ToContainTextAsync("word10", new() { Timeout = 20_000 });
        var addressBefore = onB.Url;
        await Assertions.Expect(output).ToContainTextAsync("word40 ", new() { Timeout = 30_000 });
        Assert.Equal(addressBefore, onB.Url);
        // A checkpoint is saved every 2 s, 20 words here: by word 70, word 40 is in the database.
        await Assertions.Expect(output).ToContainTextAsync("word70 ", new() { Timeout = 30_000 });
        await onB.ScreenshotAsync(app, "topology-watched-from-b");

        // a dies mid-stream; b finds its lease run out and marks the run interrupted, output kept.
        var killed = Stopwatch.StartNew();
        using (var instanceA = Process.GetProcessById(int.Parse(topology["A_PID"])))
        {
            instanceA.Kill();
            await instanceA.WaitForExitAsync();
        }

        await Assertions.Expect(status).ToHaveTextAsync("Interrupted", new() { Timeout = 60_000 });
        var kept = await output.InnerTextAsync();
        Assert.Contains("word1 ", kept);
        Assert.Contains("word40 ", kept);
        Assert.DoesNotContain("word400", kept);
        await Assertions.Expect(onB.GetByTestId("panel-0").GetByTestId("error")).ToContainTextAsync("output saved until then is kept");
        Assert.True(killed.Elapsed < TimeSpan.FromSeconds(60), $"Marked interrupted {killed.Elapsed.TotalSeconds:0} s after the kill.");
        await onB.ScreenshotAsync(app, "topology-interrupted-on-b");
    }

    /// <summary>A browser context the balancer sends to one instance: its affinity cookie is set before the first request.</summary>
    private async Task<IPage> PinnedPageAsync(string balancer, string server)
    {
        var context = await app.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = balancer,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(20_000);
        await context.AddCookiesAsync([new Cookie { Name = "MODELHUB_NODE", Value = server, Url = balancer }]);
        return await context.NewPageAsync();
    }

    private async Task RunScriptAsync(string command)
    {
        var start = new ProcessStartInfo("bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(command);
        start.ArgumentList.Add(stateDirectory);
        start.Environment["Instance__RunLease"] = RunLease;
        start.Environment["Outbound__AllowedHosts__0"] = "127.0.0.1";
        // Every flow signs in from 127.0.0.1; the shipped per-address limits would throttle it.
        start.Environment["RateLimits__SignIn__PermitLimit"] = "100000";
        start.Environment["RateLimits__Api__PermitLimit"] = "100000";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not run infra/local/topology.sh.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"topology.sh {command} failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await RunScriptAsync("stop");
        if (provider is not null)
        {
            await provider.DisposeAsync();
        }

        try
        {
            Directory.Delete(stateDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A log still held by a dying process is left for the OS's temp clean-up.
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ModelHub.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("ModelHub.sln not found above the test output folder.");
    }
}
