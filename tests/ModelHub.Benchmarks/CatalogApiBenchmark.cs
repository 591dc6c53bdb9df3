using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelHub.Web.Data;
using ModelHub.Web.Features.AccessTokens;
using ModelHub.Web.Features.Accounts;
using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Common;

namespace ModelHub.Benchmarks;

/// <summary>
/// The catalog list API, <c>GET /api/v1/models?size=50&amp;include=routes</c>, over loopback HTTP for two catalog
/// shapes with the same 20,000 routes: 500 models x 40 routes and 5,000 models x 4 routes. For each filtered, sorted
/// view it times the whole answer (until its last byte is read) with brotli as a browser asks for it and without
/// compression, and gives the page's size raw, with brotli and with gzip. It also times a 304 revalidation and, for
/// comparison, builds the same page in the old nested shape (ModelDetails with a source object on every route).
/// Run: dotnet run -c Release --project tests/ModelHub.Benchmarks -- catalog-api
/// </summary>
internal static class CatalogApiBenchmark
{
    private const int Repetitions = 60;
    private const int Warmup = 5;

    private static readonly (string Name, string Query)[] Views =
    [
        ("by name, page 1", ""),
        ("search 'llama', by name", "q=llama"),
        ("search a provider model ID fragment", "q=Instruct-Turbo-1"),
        ("vision + reasoning, cheapest input", "cap=Vision,Reasoning&sort=InputPrice"),
        ("open weights, min 100K context, max $5 input, by context", "open=true&minContext=100000&maxInput=5&sort=Context&desc=true"),
        ("one provider, released 2024 on, cheapest output, page 2", "provider=together-ai-us-east-1&from=2024-01-01&sort=OutputPrice&page=2"),
        ("sort by MMLU, page 3", "sort=Benchmark&bench=MMLU&desc=true&page=3"),
        ("image input, licence MIT, by release", "input=Image&license=MIT&sort=Released&desc=true"),
    ];

    public static async Task RunAsync()
    {
        Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; load average at start: {LoadAverage()}");
        foreach (var (models, routes) in new[] { (500, 40), (5_000, 4) })
        {
            await RunShapeAsync(models, routes);
        }
    }

    private static async Task RunShapeAsync(int models, int routesPerModel)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"modelhub-bench-api-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var app = await BenchmarkHost.StartAsync(folder);
        try
        {
            var clock = Stopwatch.StartNew();
            await CatalogGenerator.GenerateAsync(app.Services, models, routesPerModel);
            await using (var scope = app.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<ModelHubDbContext>();
                var sample = await db.Routes.OrderByDescending(r => r.Id).Select(r => r.ProviderModelId).Take(3).ToListAsync();
                Console.WriteLine();
                Console.WriteLine($"=== {models:N0} models x {routesPerModel} routes: {await db.Models.CountAsync():N0} models, {await db.Routes.CountAsync():N0} routes " +
                    $"(built in {clock.Elapsed.TotalSeconds:0.0} s); provider model IDs such as {string.Join(", ", sample)}");
            }

            var token = await CreateTokenAsync(app.Services);
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AutomaticDecompression = DecompressionMethods.None })
            {
                BaseAddress = new Uri(app.Urls.First()),
            };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

            Console.WriteLine($"GET /api/v1/models?size=50&include=routes&... over loopback HTTP, time to last byte, {Repetitions} runs each after {Warmup} warm-up, milliseconds; sizes in bytes:");
            Console.WriteLine($"{"view",-58} {"rows",4} {"br p50",7} {"br p95",7} {"raw p50",7} {"raw p95",7} {"raw bytes",10} {"br bytes",9} {"gzip bytes",10}");
            var allBrotli = new List<double>();
            var allRaw = new List<double>();
            foreach (var (name, query) in Views)
            {
                var url = $"/api/v1/models?size=50&include=routes{(query == "" ? "" : "&" + query)}";
                var brotli = await MeasureAsync(http, url, "br, gzip");
                var raw = await MeasureAsync(http, url, null);
                var gzip = await FetchAsync(http, url, "gzip", null);
                var rows = JsonDocument.Parse(raw.Body).RootElement.GetProperty("items").GetArrayLength();
                allBrotli.AddRange(brotli.Times);
                allRaw.AddRange(raw.Times);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-58} {rows,4} {P(brotli.Times, 0.5),7:0.0} {P(brotli.Times, 0.95),7:0.0} {P(raw.Times, 0.5),7:0.0} {P(raw.Times, 0.95),7:0.0} {raw.Body.Length,10:N0} {brotli.Body.Length,9:N0} {gzip.Body.Length,10:N0}"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{"ALL VIEWS",-58} {"",4} {P(allBrotli, 0.5),7:0.0} {P(allBrotli, 0.95),7:0.0} {P(allRaw, 0.5),7:0.0} {P(allRaw, 0.95),7:0.0}"));

            const string Default = "/api/v1/models?size=50&include=routes";
            var etag = (await FetchAsync(http, Default, "br, gzip", null)).ETag;
            var revalidations = new List<double>();
            for (var i = 0; i < Warmup + Repetitions; i++)
            {
                var sw = Stopwatch.StartNew();
                var answer = await FetchAsync(http, Default, "br, gzip", etag);
                if (answer.Status != HttpStatusCode.NotModified)
                {
                    throw new InvalidOperationException($"Expected 304, got {answer.Status}.");
                }

                if (i >= Warmup)
                {
                    revalidations.Add(sw.Elapsed.TotalMilliseconds);
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"revalidation of page 1 by name (304, no body)",-58} {"",4} {P(revalidations, 0.5),7:0.0} {P(revalidations, 0.95),7:0.0}"));
            await InProcessAsync(app.Services);
            await OldShapeAsync(app.Services);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Where page 1 (by name) spends its time before HTTP: the query, the JSON, the ETag's hash and brotli.</summary>
    private static async Task InProcessAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var list = scope.ServiceProvider.GetRequiredService<CatalogListQueries>();
        var json = scope.ServiceProvider.GetRequiredService<CatalogApiJson>().List;
        var query = new CatalogQuery { PageSize = 50 };
        var (queries, serialize, hash, brotli) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        for (var i = 0; i < Warmup + 30; i++)
        {
            var sw = Stopwatch.StartNew();
            var page = await list.ListAsync(query, CatalogInclude.Routes);
            var t1 = sw.Elapsed.TotalMilliseconds;
            var body = JsonSerializer.SerializeToUtf8Bytes(page, json);
            var t2 = sw.Elapsed.TotalMilliseconds;
            System.Security.Cryptography.SHA256.HashData(body);
            var t3 = sw.Elapsed.TotalMilliseconds;
            using (var compressed = new MemoryStream())
            using (var compressor = new System.IO.Compression.BrotliStream(compressed, System.IO.Compression.CompressionLevel.Fastest))
            {
                compressor.Write(body);
            }

            var t4 = sw.Elapsed.TotalMilliseconds;
            if (i >= Warmup)
            {
                queries.Add(t1);
                serialize.Add(t2 - t1);
                hash.Add(t3 - t2);
                brotli.Add(t4 - t3);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"in process, page 1 by name, p50/p95 ms: queries {P(queries, 0.5):0.0}/{P(queries, 0.95):0.0}, JSON {P(serialize, 0.5):0.0}/{P(serialize, 0.95):0.0}, " +
            $"SHA-256 {P(hash, 0.5):0.0}/{P(hash, 0.95):0.0}, brotli {P(brotli, 0.5):0.0}/{P(brotli, 0.95):0.0}"));
    }

    /// <summary>The same first page in the shape the list had before (whole ModelDetails, Include of every graph), built in process.</summary>
    private static async Task OldShapeAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var catalog = scope.ServiceProvider.GetRequiredService<CatalogQueries>();
        var details = scope.ServiceProvider.GetRequiredService<ModelDetailQueries>();
        var json = scope.ServiceProvider.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        var size = 0;
        var times = new List<double>();
        for (var i = 0; i < Warmup + 20; i++)
        {
            var sw = Stopwatch.StartNew();
            var page = await catalog.BrowseAsync(new CatalogQuery { PageSize = 50 });
            var items = await details.GetManyAsync(page.Items.Select(m => m.Slug).ToList());
            size = JsonSerializer.SerializeToUtf8Bytes(new { items, page.Total, page.Page, page.PageSize }, json).Length;
            if (i >= Warmup)
            {
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"for comparison: old nested shape, page 1, in process (no HTTP)",-58} {"",4} {"",7} {"",7} {P(times, 0.5),7:0.0} {P(times, 0.95),7:0.0} {size,10:N0}"));
    }

    private static async Task<(List<double> Times, byte[] Body)> MeasureAsync(HttpClient http, string url, string? acceptEncoding)
    {
        var times = new List<double>();
        byte[] body = [];
        for (var i = 0; i < Warmup + Repetitions; i++)
        {
            var sw = Stopwatch.StartNew();
            body = (await FetchAsync(http, url, acceptEncoding, null)).Body;
            if (i >= Warmup)
            {
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
        }

        return (times, body);
    }

    /// <summary>One request, read to its last byte; the body as it came over the wire (still compressed).</summary>
    private static async Task<(HttpStatusCode Status, byte[] Body, EntityTagHeaderValue? ETag)> FetchAsync(HttpClient http, string url, string? acceptEncoding, EntityTagHeaderValue? ifNoneMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(ifNoneMatch);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.NotModified))
        {
            throw new InvalidOperationException($"{url}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return (response.StatusCode, await response.Content.ReadAsByteArrayAsync(), response.Headers.ETag);
    }

    private static double P(List<double> times, double p)
    {
        var sorted = times.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static async Task<string> CreateTokenAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = "bench@example.com", Email = "bench@example.com" };
        await users.CreateAsync(user, "Bench-pass-1!");
        var created = await scope.ServiceProvider.GetRequiredService<AccessTokenService>().CreateAsync(new Caller(user.Id, false), "bench", 1);
        return created.Token;
    }
}
