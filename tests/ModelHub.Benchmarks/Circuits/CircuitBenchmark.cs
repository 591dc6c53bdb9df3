using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using ModelHub.FakeProviders;
using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Playground.Connections;
using ModelHub.Web.Features.Playground.Runs;

namespace ModelHub.Benchmarks.Circuits;

/// <summary>
/// What an open page costs the server, and how fast it answers with many open. The app built in Release runs
/// as its own process on a loopback port with a fresh SQLite file (seeded catalog) and one signed-in user;
/// <see cref="BlazorCircuitClient"/> opens circuits without a browser.
/// (1) Memory per circuit, for the catalog and a model page: the managed heap after a forced full collection
///     (the app's <c>/_diagnostics/memory</c>, on only for this run) and the process's resident size, before and
///     after opening N circuits, divided by N.
///     With <c>--pages run</c> (and a team) the page is the playground showing a finished run: a fake provider on
///     loopback answers a run of two targets through the app's API first, and each circuit opens <c>/playground?run=ID</c>.
/// (2) Interaction latency with M catalog circuits open: a search typed into the catalog's filter (a change event)
///     until the render batch that shows the new count arrives, many interactions spread across random circuits.
/// Run: dotnet run -c Release --project tests/ModelHub.Benchmarks -- circuits [--memory 100] [--open 1000] [--interactions 400] [--concurrency 4]
///      [--pages catalog,model,/other-path] [--hold seconds] [--team name] [--text]
///      or -- circuits --check glm: one circuit's view of a catalog search, to compare with a browser.
/// </summary>
internal static partial class CircuitBenchmark
{
    private const string Email = "circuits@modelhub.test";
    private const string Password = "Circuit-bench-1!";
    private const string ModelPage = "models/glm-4v-9b";
    private static readonly string[] SearchTerms = ["glm", "qwen", "gpt", "llama", "mistral", "claude", "gemini"];

    public static async Task RunAsync(string[] args)
    {
        var memoryCircuits = Option(args, "--memory", 100);
        var openCircuits = Option(args, "--open", 1000);
        var interactions = Option(args, "--interactions", 400);
        var concurrency = Option(args, "--concurrency", 4);
        var pages = OptionText(args, "--pages", "catalog,model").Split(',');
        // Keeps each page's circuits open this long after measuring, to take a heap dump (dotnet-gcdump collect -p PID).
        var hold = TimeSpan.FromSeconds(Option(args, "--hold", 0));
        // A member of a team sees the team switcher and the team's pages (the playground's editor instead of "join a team").
        var team = OptionText(args, "--team", "");
        // Prints what the first circuit of each page shows, to check that the page rendered what a browser gets.
        var showText = args.Contains("--text");

        await using var fake = await FakeProviderServer.StartAsync();
        await using var app = await AppProcess.StartAsync(team);
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; app pid {app.ProcessId}, {(await app.MemoryAsync()).Describe()}");
        Console.WriteLine(team.Length > 0 ? $"The user owns the team '{team}'." : "The user belongs to no team.");
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 64 }) { Timeout = TimeSpan.FromSeconds(120) };
        var cookie = await SignInAsync(http, app.BaseUri);

        if (OptionText(args, "--check", "") is { Length: > 0 } term)
        {
            await CheckAsync(http, app.BaseUri, cookie, term);
            return;
        }

        Console.WriteLine();
        Console.WriteLine($"Memory per circuit ({memoryCircuits} circuits; managed = heap after a forced full collection, RSS = resident set):");
        Console.WriteLine($"{"page",-28} {"managed KB",11} {"RSS KB",9} {"load",16}");
        foreach (var page in pages)
        {
            var path = page switch
            {
                "catalog" => "models",
                "model" => ModelPage,
                "run" => $"playground?run={await FinishedRunAsync(app, fake)}",
                ['/', .. var other] => other,
                _ => throw new ArgumentException($"Unknown page '{page}'; use catalog, model, run or a path such as /teams."),
            };
            // Warm-up: the first circuits pay for JIT, caches and pools, which later circuits share.
            await DisposeAllAsync(await OpenManyAsync(http, app.BaseUri, path, cookie, 20, 4));
            await Task.Delay(500);
            var before = await app.MemoryAsync();
            var clients = await OpenManyAsync(http, app.BaseUri, path, cookie, memoryCircuits, 4);
            await Task.Delay(1000);
            var after = await app.MemoryAsync();
            Console.WriteLine($"{"/" + path,-28} {(after.ManagedBytes - before.ManagedBytes) / 1024.0 / memoryCircuits,11:0.0} {(after.WorkingSet - before.WorkingSet) / 1024.0 / memoryCircuits,9:0.0} {Load(),16}");
            Console.WriteLine($"  {clients[0].Dom.ComponentCount} components and {clients[0].Dom.Elements().Count()} elements on the page");
            if (showText)
            {
                Console.WriteLine($"  text: {string.Join(" | ", clients[0].Dom.Roots.Select(r => r.TextContent()))}");
            }
            Console.WriteLine($"  before {before.Describe()}; after {after.Describe()}");
            if (hold > TimeSpan.Zero)
            {
                Console.WriteLine($"  holding {clients.Count} circuits open for {hold.TotalSeconds:0} s (app pid {app.ProcessId})");
                await Task.Delay(hold);
            }

            await DisposeAllAsync(clients);
        }

        if (openCircuits == 0)
        {
            return;
        }

        Console.WriteLine();
        var sw = Stopwatch.StartNew();
        var open = await OpenManyAsync(http, app.BaseUri, "models", cookie, openCircuits, 8);
        var memory = await app.MemoryAsync();
        Console.WriteLine($"{openCircuits} catalog circuits open in {sw.Elapsed.TotalSeconds:0} s; app {memory.Describe()}; load {Load()}");
        try
        {
            await MeasureInteractionsAsync(open, interactions, concurrency);
        }
        finally
        {
            await DisposeAllAsync(open);
        }
    }

    /// <summary>
    /// A run of two targets on the fake provider, started through the API with a token and finished: what the playground
    /// shows once a run is over. The prompt is a long paragraph, so each answer (the fake quotes the prompt) is too.
    /// </summary>
    private static async Task<Guid> FinishedRunAsync(AppProcess app, FakeProviderServer fake)
    {
        var teamId = app.TeamId ?? throw new ArgumentException("The run page needs a team: add --team NAME.");
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
        using var api = new HttpClient { BaseAddress = app.BaseUri, Timeout = TimeSpan.FromSeconds(120) };
        api.DefaultRequestHeaders.Authorization = new("Bearer", await app.CreateTokenAsync());

        var connection = await api.PostAsJsonAsync($"api/v1/teams/{teamId}/connections",
            new ConnectionInput("Fake provider", ApiStyle.OpenAiCompatible, fake.OpenAiBaseUrl, FakeProviderServer.ApiKey), json);
        connection.EnsureSuccessStatusCode();
        var connectionId = (await connection.Content.ReadFromJsonAsync<ConnectionView>(json))!.Id;

        var prompt = string.Join(' ', Enumerable.Repeat(
            "Compare the two answers for accuracy, tone and length, and say which one a support team should ship.", 15));
        var run = await api.PostAsJsonAsync($"api/v1/teams/{teamId}/runs?wait=true", new RunRequest(
            [new RunTargetRequest(connectionId, ModelId: "echo"), new RunTargetRequest(connectionId, ModelId: "reasoning")],
            [new ChatMessage(ChatRole.User, prompt)],
            "You are a careful reviewer."), json);
        run.EnsureSuccessStatusCode();
        var view = (await run.Content.ReadFromJsonAsync<RunView>(json))!;
        Console.WriteLine($"  a finished run of {view.Targets.Count} targets ({view.Status}) on the fake provider, prompt of {prompt.Length} characters");
        return view.Id;
    }

    private static async Task MeasureInteractionsAsync(IReadOnlyList<BlazorCircuitClient> open, int interactions, int concurrency)
    {
        var random = new Random(14);
        var busy = new HashSet<int>();
        var times = new List<double>();
        var next = 0;
        var warmup = Math.Min(20, interactions / 10);

        async Task WorkerAsync()
        {
            while (true)
            {
                int index;
                lock (busy)
                {
                    if (next >= warmup + interactions)
                    {
                        return;
                    }

                    next++;
                    do
                    {
                        index = random.Next(open.Count);
                    }
                    while (!busy.Add(index));
                }

                var elapsed = await SearchAsync(open[index], SearchTerms[random.Next(SearchTerms.Length)]);
                lock (busy)
                {
                    busy.Remove(index);
                    times.Add(elapsed);
                }
            }
        }

        var sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkerAsync)));
        var measured = times.Skip(warmup).Order().ToList();
        Console.WriteLine($"Catalog search (change event -> render batch with the new count), {measured.Count} interactions after {warmup} warm-up, {concurrency} at a time across {open.Count} circuits, {sw.Elapsed.TotalSeconds:0} s:");
        Console.WriteLine($"  p50 {Percentile(measured, 0.5):0.0} ms   p95 {Percentile(measured, 0.95):0.0} ms   p99 {Percentile(measured, 0.99):0.0} ms   max {measured[^1]:0.0} ms   load {Load()}");
    }

    /// <summary>
    /// What the client sees after searching the catalog for <paramref name="term"/>: the address, the count and the
    /// model links, to hold against what a browser shows for the same search.
    /// </summary>
    private static async Task CheckAsync(HttpClient http, Uri baseUri, string cookie, string term)
    {
        var client = (await OpenManyAsync(http, baseUri, "models", cookie, 1, 1))[0];
        await using (client)
        {
            Console.WriteLine($"Before: {client.Location} shows '{CountText(client)}'");
            var elapsed = await SearchAsync(client, term);
            Console.WriteLine($"After searching '{term}' ({elapsed:0} ms): {client.Location} shows '{CountText(client)}'");
            await client.WaitUntilAsync(dom => ModelLinks(dom).Count > 0);
            Console.WriteLine($"Model links: {string.Join(", ", ModelLinks(client.Dom))}");
            Console.WriteLine($"JS functions the server called: {string.Join(", ", client.JsCalls.Distinct().Order())}");
        }
    }

    private static List<string> ModelLinks(LogicalDom dom) =>
        dom.Elements().Where(e => e.Name == "a" && e.HasClass("mh-model-link")).Select(e => e.TextContent()).ToList();

    /// <summary>Types a term (or clears the field if it holds one) and waits for the grid's new count.</summary>
    private static async Task<double> SearchAsync(BlazorCircuitClient client, string term)
    {
        var input = SearchInput(client);
        var value = input.Attributes.TryGetValue("value", out var current) && current.Length > 0 ? "" : term;
        var countBefore = CountText(client);
        var answered = client.WaitForTextAsync(new Regex($"^(?!{Regex.Escape(countBefore)}$)\\d+ models?$"));
        var sw = Stopwatch.StartNew();
        await client.ChangeAsync(input, value);
        await answered.WaitAsync(TimeSpan.FromSeconds(60));
        return sw.Elapsed.TotalMilliseconds;
    }

    /// <summary>The page is interactive and has loaded what it shows: the catalog its count, a model page its heading.</summary>
    private static bool Ready(LogicalDom dom, string path) =>
        dom.Elements().Any(e => e.Attributes.GetValueOrDefault("data-interactive") == "true")
        && (path != "models" || dom.Elements().Any(e => e.Attributes.GetValueOrDefault("role") == "status" && CountPattern().IsMatch(e.TextContent())));

    /// <summary>The catalog's search field: the first input in the filters.</summary>
    public static ElementNode SearchInput(BlazorCircuitClient client) =>
        client.Dom.Elements().First(e => e.Name == "aside" && e.HasClass("mh-filters"))
            .Descendants().OfType<ElementNode>().First(e => e.Name == "input");

    /// <summary>The grid's "N models" status text.</summary>
    public static string CountText(BlazorCircuitClient client) =>
        client.Dom.Elements().First(e => e.Attributes.GetValueOrDefault("role") == "status" && CountPattern().IsMatch(e.TextContent())).TextContent();

    private static async Task<List<BlazorCircuitClient>> OpenManyAsync(HttpClient http, Uri baseUri, string path, string cookie, int count, int parallel)
    {
        var clients = new BlazorCircuitClient[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, ct) =>
        {
            clients[i] = await BlazorCircuitClient.OpenAsync(http, baseUri, path, cookie, ct);
            await clients[i].WaitUntilAsync(dom => Ready(dom, path)).WaitAsync(TimeSpan.FromSeconds(60), ct);
        });
        var failed = clients.Where(c => c.Error is not null).Select(c => c.Error).FirstOrDefault();
        return failed is null ? [.. clients] : throw new InvalidOperationException($"A circuit failed: {failed}");
    }

    private static async Task DisposeAllAsync(IEnumerable<BlazorCircuitClient> clients) =>
        await Parallel.ForEachAsync(clients, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (c, _) => await c.DisposeAsync());

    /// <summary>Signs in through the real form (antiforgery token and all) and returns the cookie header to send.</summary>
    public static async Task<string> SignInAsync(HttpClient http, Uri baseUri)
    {
        using var page = await http.GetAsync(new Uri(baseUri, "Account/Login"));
        var html = await page.Content.ReadAsStringAsync();
        var cookies = Cookies(page);
        var form = HiddenInput().Matches(html).ToDictionary(m => WebUtility.HtmlDecode(m.Groups[1].Value), m => WebUtility.HtmlDecode(m.Groups[2].Value));
        form["Input.Email"] = Email;
        form["Input.Password"] = Password;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseUri, "Account/Login")) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Add("Cookie", string.Join("; ", cookies));
        using var response = await http.SendAsync(request);
        // A successful sign-in redirects and sets the sign-in cookie; a refused one shows the form again.
        var signedIn = Cookies(response);
        return response.StatusCode == HttpStatusCode.Redirect && signedIn.Count > 0
            ? string.Join("; ", cookies.Concat(signedIn))
            : throw new InvalidOperationException($"Sign-in failed: {(int)response.StatusCode}.");
    }

    private static List<string> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';')[0]).ToList() : [];

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary>The 1, 5 and 15 minute load averages, for reading a figure beside what else the machine was doing.</summary>
    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static int Option(string[] args, string name, int fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;

    private static string OptionText(string[] args, string name, string fallback) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;

    [GeneratedRegex("""<input type="hidden" name="([^"]+)" value="([^"]*)"[^>]*>""")]
    private static partial Regex HiddenInput();

    [GeneratedRegex(@"\(([0-9a-f-]{36})\)")]
    private static partial Regex TeamIdInOutput();

    [GeneratedRegex(@"^\d+ models?$")]
    private static partial Regex CountPattern();

    /// <summary>The app (src/ModelHub.Web/bin/Release/net10.0) as its own process, with its own SQLite file and user.</summary>
    internal sealed class AppProcess : IAsyncDisposable
    {
        private readonly Process process;
        private readonly string folder;
        private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(120) };
        private readonly StringBuilder log = new();

        private AppProcess(Process process, string folder, Uri baseUri)
        {
            this.process = process;
            this.folder = folder;
            BaseUri = baseUri;
        }

        public Uri BaseUri { get; }

        public int ProcessId => process.Id;

        /// <summary>The team the user owns, with <c>--team</c>.</summary>
        public Guid? TeamId { get; private set; }

        /// <summary>An API token for the user (the admin command line prints it once, on its last line).</summary>
        public async Task<string> CreateTokenAsync()
        {
            var output = await RunCommandAsync(Start(AppOutput(), folder, BaseUri, "tokens", "create", "--email", Email, "--name", $"circuits-{Guid.NewGuid():N}", "--scopes", "read,write"));
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        }

        public static async Task<AppProcess> StartAsync(string team)
        {
            var output = AppOutput();
            var folder = Path.Combine(Path.GetTempPath(), $"modelhub-bench-circuits-{Guid.NewGuid():N}");
            Directory.CreateDirectory(folder);
            var baseUri = new Uri($"http://127.0.0.1:{FreePort()}/");
            await RunCommandAsync(Start(output, folder, baseUri, "users", "create", "--email", Email, "--password", Password));
            Guid? teamId = null;
            if (team.Length > 0)
            {
                // "Created team 'NAME' (ID) owned by EMAIL."
                var created = await RunCommandAsync(Start(output, folder, baseUri, "teams", "create", "--name", team, "--owner", Email));
                teamId = Guid.Parse(TeamIdInOutput().Match(created).Groups[1].Value);
            }

            var app = new AppProcess(Process.Start(Start(output, folder, baseUri, "--urls", baseUri.ToString().TrimEnd('/')))!, folder, baseUri) { TeamId = teamId };
            app.process.OutputDataReceived += (_, e) => app.Append(e.Data);
            app.process.ErrorDataReceived += (_, e) => app.Append(e.Data);
            app.process.BeginOutputReadLine();
            app.process.BeginErrorReadLine();
            await app.WaitForHealthAsync();
            return app;
        }

        /// <summary>Runs the app's admin command line and returns what it printed.</summary>
        private static async Task<string> RunCommandAsync(ProcessStartInfo start)
        {
            using var command = Process.Start(start)!;
            var output = command.StandardOutput.ReadToEndAsync();
            var errors = command.StandardError.ReadToEndAsync();
            await command.WaitForExitAsync();
            if (command.ExitCode != 0)
            {
                throw new InvalidOperationException($"'{string.Join(' ', start.ArgumentList.Skip(1))}' failed: {await errors}{await output}");
            }

            return await output;
        }

        public async Task<MemorySnapshot> MemoryAsync() =>
            await http.GetFromJsonAsync<MemorySnapshot>(new Uri(BaseUri, "_diagnostics/memory")) ?? throw new InvalidOperationException("No memory figures.");

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
            http.Dispose();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        private static ProcessStartInfo Start(string output, string folder, Uri baseUri, params string[] args)
        {
            var start = new ProcessStartInfo("dotnet") { WorkingDirectory = output, RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(output, "ModelHub.Web.dll"));
            foreach (var arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            // Not Production (the memory endpoint refuses it) and not Development (which changes logging and
            // static files): everything else behaves as in Production.
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Benchmark";
            start.Environment["App__PublicBaseUrl"] = baseUri.ToString().TrimEnd('/');
            start.Environment["ConnectionStrings__Sqlite"] = $"Data Source={Path.Combine(folder, "modelhub.db")}";
            start.Environment["Diagnostics__MemoryEndpoint"] = "true";
            start.Environment["Logging__LogLevel__Default"] = "Warning";
            start.Environment["RateLimits__SignIn__PermitLimit"] = "100000";
            // The run page's run goes to the fake provider on loopback.
            start.Environment["Outbound__AllowedHosts__0"] = "127.0.0.1";
            return start;
        }

        private void Append(string? line)
        {
            if (line is not null)
            {
                lock (log)
                {
                    log.AppendLine(line);
                }
            }
        }

        private async Task WaitForHealthAsync()
        {
            var deadline = DateTime.UtcNow.AddSeconds(90);
            while (DateTime.UtcNow < deadline)
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"The app exited with {process.ExitCode}:\n{log}");
                }

                try
                {
                    if ((await http.GetAsync(new Uri(BaseUri, "health"))).StatusCode == HttpStatusCode.OK)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                }

                await Task.Delay(250);
            }

            throw new TimeoutException($"The app did not become healthy in 90 s:\n{log}");
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        /// <summary>src/ModelHub.Web/bin/{Configuration}/net10.0, the configuration being this benchmark's own.</summary>
        private static string AppOutput()
        {
            var own = new DirectoryInfo(AppContext.BaseDirectory);
            var root = own;
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "ModelHub.sln")))
            {
                root = root.Parent;
            }

            var output = Path.Combine(root?.FullName ?? throw new InvalidOperationException("ModelHub.sln not found above the benchmark."),
                "src", "ModelHub.Web", "bin", own.Parent!.Name, own.Name);
            return File.Exists(Path.Combine(output, "ModelHub.Web.dll")) ? output : throw new InvalidOperationException($"{output} has no ModelHub.Web.dll.");
        }
    }

    internal sealed record MemorySnapshot(long ManagedBytes, long HeapSizeBytes, long FragmentedBytes, long CommittedBytes, long WorkingSet, bool ServerGc, int ProcessorCount)
    {
        public string Describe() => $"managed {ManagedBytes / 1048576.0:0.0} MB, committed {CommittedBytes / 1048576.0:0.0} MB, RSS {WorkingSet / 1048576.0:0.0} MB, {(ServerGc ? "server" : "workstation")} GC";
    }
}
