using System.Diagnostics;
using System.Globalization;
using System.Net.ServerSentEvents;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelHub.FakeProviders;
using ModelHub.Web;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Accounts;
using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Playground.Connections;
using ModelHub.Web.Features.Playground.Runs;
using ModelHub.Web.Features.Teams;

namespace ModelHub.Benchmarks;

/// <summary>
/// Playground speed against the fake provider on loopback:
/// (1) time to first token calling the fake directly with HttpClient, against starting a run through
///     RunService (validation, database insert, key decryption, the adapter) until the first token is
///     in the live run the page renders from, pairs taken alternately;
/// (2) four targets with first tokens after 100, 200, 300 and 400 ms, run together, against each alone.
/// Run: dotnet run -c Release --project tests/ModelHub.Benchmarks -- playground
/// </summary>
internal static class PlaygroundBenchmark
{
    private const int Pairs = 200;
    private const int Warmup = 10;
    private const int ParallelRounds = 10;
    private const string FirstTokenModel = "delay-50";

    /// <summary>The first-token time the executor itself records, from the moment it starts the target.</summary>
    private static readonly List<double> ExecutorFirstToken = [];

    public static async Task RunAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"modelhub-bench-playground-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        await using var fake = await FakeProviderServer.StartAsync();
        fake.ChunkDelay = TimeSpan.FromMilliseconds(5);

        var app = await BenchmarkHost.StartAsync(folder, new Dictionary<string, string?>
        {
            ["Outbound:AllowedHosts:0"] = "127.0.0.1",
            ["Playground:RunsPerMinutePerUser"] = "10000",
        });

        try
        {
            Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}");
            var (caller, teamId, connectionId) = await SetUpAsync(app.Services, fake);
            var runs = app.Services.GetRequiredService<RunService>();
            var liveRuns = app.Services.GetRequiredService<LiveRuns>();
            using var direct = new HttpClient(new SocketsHttpHandler { UseProxy = false });

            Console.WriteLine();
            Console.WriteLine($"Time to first token, model '{FirstTokenModel}' (the fake waits 50 ms), {Pairs} alternating pairs after {Warmup} warm-up pairs, milliseconds:");
            var directTimes = new List<double>();
            var appTimes = new List<double>();
            var differences = new List<double>();
            var startTimes = new List<double>();
            for (var i = 0; i < Warmup + Pairs; i++)
            {
                var d = await DirectFirstTokenAsync(direct, fake);
                var (a, start) = await AppFirstTokenAsync(runs, liveRuns, caller, teamId, connectionId);
                if (i >= Warmup)
                {
                    startTimes.Add(start);
                    directTimes.Add(d);
                    appTimes.Add(a);
                    differences.Add(a - d);
                }
            }

            Console.WriteLine($"{"",-44} {"p50",7} {"p95",7} {"max",7}");
            Report("direct HttpClient call to the fake", directTimes);
            Report("through RunService to the live run", appTimes);
            Report("added by the app (paired difference)", differences);
            Report("  of which StartAsync (checks, insert)", startTimes);
            Report("first token as the executor records it", ExecutorFirstToken.Skip(Warmup).ToList());
            Console.WriteLine($"{"p95(app) - p95(direct)",-44} {Percentile(appTimes, 0.95) - Percentile(directTimes, 0.95),7:0.0}");

            Console.WriteLine();
            Console.WriteLine($"Four targets with first tokens after 100/200/300/400 ms (each then streams ~13 chunks 5 ms apart), {ParallelRounds} rounds, milliseconds:");
            var alone = new Dictionary<string, List<double>>();
            var together = new List<double>();
            string[] models = ["delay-100", "delay-200", "delay-300", "delay-400"];
            for (var round = 0; round < ParallelRounds + 1; round++)
            {
                foreach (var model in models)
                {
                    var time = await WholeRunAsync(runs, liveRuns, caller, teamId, [new RunTargetRequest(connectionId, ModelId: model)]);
                    if (round > 0)
                    {
                        (alone.TryGetValue(model, out var list) ? list : alone[model] = []).Add(time);
                    }
                }

                var all = await WholeRunAsync(runs, liveRuns, caller, teamId, [.. models.Select(m => new RunTargetRequest(connectionId, ModelId: m))]);
                if (round > 0)
                {
                    together.Add(all);
                }
            }

            foreach (var model in models)
            {
                Console.WriteLine($"  {model} alone: median {Percentile(alone[model], 0.5),7:0.0}");
            }

            var sum = models.Sum(m => Percentile(alone[m], 0.5));
            Console.WriteLine($"  sum of the four alone: {sum,7:0.0}   slowest alone: {Percentile(alone["delay-400"], 0.5),7:0.0}   all four together: median {Percentile(together, 0.5),7:0.0}, max {together.Max(),7:0.0}");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Time from sending the request until the first content delta has been read.</summary>
    private static async Task<double> DirectFirstTokenAsync(HttpClient client, FakeProviderServer fake)
    {
        var body = $$$"""{"model":"{{{FirstTokenModel}}}","messages":[{"role":"user","content":"Say hello"}],"stream":true,"stream_options":{"include_usage":true}}""";
        var clock = Stopwatch.StartNew();
        using var request = new HttpRequestMessage(HttpMethod.Post, fake.OpenAiBaseUrl + "/chat/completions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", FakeProviderServer.ApiKey);
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        double? first = null;
        await foreach (var item in SseParser.Create(stream).EnumerateAsync())
        {
            if (first is null && item.Data.Contains("\"content\":\"Hello", StringComparison.Ordinal))
            {
                first = clock.Elapsed.TotalMilliseconds;
            }
        }

        return first ?? throw new InvalidOperationException("The fake sent no content.");
    }

    /// <summary>Time from asking RunService to start a run until the first token is in the live run.</summary>
    private static async Task<(double FirstToken, double Start)> AppFirstTokenAsync(RunService runs, LiveRuns liveRuns, Caller caller, Guid teamId, Guid connectionId)
    {
        var firstToken = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
        var clock = Stopwatch.StartNew();
        var run = await runs.StartAsync(caller, teamId, new RunRequest([new RunTargetRequest(connectionId, ModelId: FirstTokenModel)], [new ChatMessage(ChatRole.User, "Say hello")]));
        var start = clock.Elapsed.TotalMilliseconds;
        var live = liveRuns.Find(teamId, run.Id)!;
        void Check()
        {
            if (live.Targets[0].Snapshot().Output.Length > 0)
            {
                firstToken.TrySetResult(clock.Elapsed.TotalMilliseconds);
            }
        }

        live.Changed += Check;
        Check();
        var result = await firstToken.Task.WaitAsync(TimeSpan.FromSeconds(30));
        ExecutorFirstToken.Add(live.Targets[0].Snapshot().TimeToFirstTokenMs ?? double.NaN);
        live.Changed -= Check;
        await live.Completion;
        return (result, start);
    }

    private static async Task<double> WholeRunAsync(RunService runs, LiveRuns liveRuns, Caller caller, Guid teamId, IReadOnlyList<RunTargetRequest> targets)
    {
        var clock = Stopwatch.StartNew();
        var run = await runs.StartAsync(caller, teamId, new RunRequest(targets, [new ChatMessage(ChatRole.User, "Say hello")]));
        await liveRuns.Find(teamId, run.Id)!.Completion;
        return clock.Elapsed.TotalMilliseconds;
    }

    private static async Task<(Caller Caller, Guid TeamId, Guid ConnectionId)> SetUpAsync(IServiceProvider services, FakeProviderServer fake)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = "bench@example.com", Email = "bench@example.com", EmailConfirmed = true };
        var created = await users.CreateAsync(user, "Bench-mark-123!");
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        var caller = new Caller(user.Id, false);
        var team = await scope.ServiceProvider.GetRequiredService<TeamService>().CreateTeamAsync(caller, "Bench");
        var connection = await scope.ServiceProvider.GetRequiredService<ConnectionService>().CreateAsync(caller, team.Id,
            new ConnectionInput("Fake", ApiStyle.OpenAiCompatible, fake.OpenAiBaseUrl, FakeProviderServer.ApiKey));
        return (caller, team.Id, connection.Id);
    }

    private static double Percentile(List<double> times, double p)
    {
        var sorted = times.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static void Report(string name, List<double> times) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-44} {Percentile(times, 0.5),7:0.0} {Percentile(times, 0.95),7:0.0} {times.Max(),7:0.0}"));
}
