// Catalog speed benchmark: builds a 20,000-route catalog in a fresh SQLite file, then measures
// filtered, sorted catalog pages (through the service the page calls, and through the HTTP API on
// loopback) and a 1,500-route models.dev import. Run: dotnet run -c Release --project tests/ModelHub.Benchmarks
// With the argument "playground" it measures the playground instead (see PlaygroundBenchmark.cs); with
// "catalog-api", the list API for a 500 x 40 and a 5,000 x 4 catalog (see CatalogApiBenchmark.cs); with
// "comparison", a saved 6-model comparison's server render and recompute (see ComparisonBenchmark.cs); with
// "circuits", memory per open Blazor circuit and interaction latency with many open (see Circuits/CircuitBenchmark.cs).
using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ModelHub.Web;
using ModelHub.Web.Data;
using ModelHub.Web.Features.AccessTokens;
using ModelHub.Web.Features.Accounts;
using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Catalog.Import;
using ModelHub.Web.Features.Common;

if (args is ["playground", ..])
{
    await ModelHub.Benchmarks.PlaygroundBenchmark.RunAsync();
    return;
}

if (args is ["comparison", ..])
{
    await ModelHub.Benchmarks.ComparisonBenchmark.RunAsync();
    return;
}

if (args is ["circuits", .. var circuitOptions])
{
    await ModelHub.Benchmarks.Circuits.CircuitBenchmark.RunAsync(circuitOptions);
    return;
}

if (args is ["catalog-api", ..])
{
    await ModelHub.Benchmarks.CatalogApiBenchmark.RunAsync();
    return;
}

const int Models = 5_000;
const int RoutesPerModel = 4;
const int Repetitions = 60;
var folder = Path.Combine(Path.GetTempPath(), $"modelhub-bench-{Guid.NewGuid():N}");
Directory.CreateDirectory(folder);

var app = await ModelHub.Benchmarks.BenchmarkHost.StartAsync(folder);

try
{
    Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}");
    var sw = Stopwatch.StartNew();
    await ModelHub.Benchmarks.CatalogGenerator.GenerateAsync(app.Services, Models, RoutesPerModel);
    await using (var scope = app.Services.CreateAsyncScope())
    {
        var db = scope.ServiceProvider.GetRequiredService<ModelHubDbContext>();
        Console.WriteLine($"Catalog: {await db.Models.CountAsync()} models, {await db.Routes.CountAsync()} routes, {await db.BenchmarkScores.CountAsync()} scores (built in {sw.Elapsed.TotalSeconds:0.0} s)");
    }

    var views = new (string Name, string Query)[]
    {
        ("default: name, page 1", ""),
        ("search 'instruct-42'", "q=instruct-42"),
        ("search a provider model ID", "q=instruct-4242"),
        ("vision + reasoning, cheapest input", "cap=Vision,Reasoning&sort=InputPrice"),
        ("open weights, min 100K context, max $1 input, by context", "open=true&minContext=100000&maxInput=1&sort=Context&desc=true"),
        ("provider + released 2025, cheapest output, page 5", "provider=together-ai-us-east-1&from=2025-01-01&sort=OutputPrice&page=5"),
        ("sort by MMLU, page 20", "sort=Benchmark&bench=MMLU&desc=true&page=20"),
        ("image input, licence MIT, by release", "input=Image&license=MIT&sort=Released&desc=true"),
    };

    Console.WriteLine();
    Console.WriteLine($"Catalog page query (CatalogQueries.BrowseAsync, {Repetitions} runs each after warm-up), milliseconds:");
    Console.WriteLine($"{"view",-58} {"p50",7} {"p95",7} {"max",7} {"rows",6}");
    var allPage = new List<double>();
    foreach (var (name, query) in views)
    {
        var parsed = CatalogQueryString.Parse(query);
        await using var scope = app.Services.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<CatalogQueries>();
        var total = 0;
        var times = await MeasureAsync(async () => total = (await catalog.BrowseAsync(parsed)).Total);
        allPage.AddRange(times);
        Report(name, times, total);
    }

    Report("ALL PAGE QUERIES", allPage, null);

    var token = await CreateTokenAsync(app.Services);
    using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    Console.WriteLine();
    Console.WriteLine($"API GET /api/v1/models (HTTP on loopback, 25 models with routes, each source and provider once, {Repetitions} runs each), milliseconds:");
    Console.WriteLine($"{"view",-58} {"p50",7} {"p95",7} {"max",7} {"bytes",6}");
    var allApi = new List<double>();
    foreach (var (name, query) in views)
    {
        var size = 0;
        var times = await MeasureAsync(async () =>
        {
            using var response = await http.GetAsync($"/api/v1/models?{query}");
            response.EnsureSuccessStatusCode();
            size = (await response.Content.ReadAsByteArrayAsync()).Length;
        });
        allApi.AddRange(times);
        Report(name, times, size);
    }

    Report("ALL API CALLS", allApi, null);

    Console.WriteLine();
    var file = ModelsDevFile(providers: 15, modelsPerProvider: 100);
    Console.WriteLine($"Import: a generated models.dev file with 1,500 routes ({file.Length / 1024} KB) into the 20,000-route catalog");
    foreach (var round in new[] { "first import (1,500 new routes)", "same file again (all unchanged)" })
    {
        await using var scope = app.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<CatalogImporter>();
        sw.Restart();
        var batch = await ImportParsers.ParseAsync(new MemoryStream(file), CatalogImportFormat.ModelsDev);
        var result = await importer.ImportAsync(batch, "benchmark import", dryRun: false);
        Console.WriteLine($"  {round,-36} {sw.Elapsed.TotalMilliseconds,8:0} ms   {result.Summary}");
    }
}
finally
{
    await app.StopAsync();
    await app.DisposeAsync();
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    Directory.Delete(folder, recursive: true);
}

static async Task<List<double>> MeasureAsync(Func<Task> run)
{
    for (var i = 0; i < 5; i++)
    {
        await run();
    }

    var times = new List<double>();
    for (var i = 0; i < Repetitions; i++)
    {
        var sw = Stopwatch.StartNew();
        await run();
        times.Add(sw.Elapsed.TotalMilliseconds);
    }

    return times;
}

static void Report(string name, List<double> times, int? extra)
{
    var sorted = times.Order().ToList();
    double Percentile(double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    Console.WriteLine($"{name,-58} {Percentile(0.5),7:0.0} {Percentile(0.95),7:0.0} {sorted[^1],7:0.0} {(extra?.ToString(CultureInfo.InvariantCulture) ?? ""),6}");
}

static async Task<string> CreateTokenAsync(IServiceProvider services)
{
    await using var scope = services.CreateAsyncScope();
    var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
    var user = new ApplicationUser { UserName = "bench@example.com", Email = "bench@example.com" };
    await users.CreateAsync(user, "Bench-pass-1!");
    var created = await scope.ServiceProvider.GetRequiredService<AccessTokenService>().CreateAsync(new Caller(user.Id, false), "bench", 1);
    return created.Token;
}

static byte[] ModelsDevFile(int providers, int modelsPerProvider)
{
    var json = new StringBuilder("{");
    for (var p = 0; p < providers; p++)
    {
        json.Append(p == 0 ? "" : ",").Append($"\"import-provider-{p}\":{{\"id\":\"import-provider-{p}\",\"name\":\"Import Provider {p}\",\"env\":[\"P{p}_KEY\"],\"api\":\"https://ip{p}.example/v1\",\"models\":{{");
        for (var m = 0; m < modelsPerProvider; m++)
        {
            json.Append(m == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"\"imported-{p}-{m}\":{{\"id\":\"imported-{p}-{m}\",\"name\":\"Imported {p}-{m}\",\"reasoning\":{(m % 2 == 0 ? "true" : "false")},\"tool_call\":true,\"release_date\":\"2025-0{1 + m % 9}-01\",\"modalities\":{{\"input\":[\"text\",\"image\"],\"output\":[\"text\"]}},\"open_weights\":false,\"cost\":{{\"input\":{0.1 + m * 0.01:0.###},\"output\":{0.4 + m * 0.04:0.###}}},\"limit\":{{\"context\":128000,\"output\":16384}}}}");
        }

        json.Append("}}");
    }

    return Encoding.UTF8.GetBytes(json.Append('}').ToString());
}
