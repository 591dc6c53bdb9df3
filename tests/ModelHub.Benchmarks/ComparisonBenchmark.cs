using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Accounts;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Comparisons;
using ModelHub.Web.Features.Playground.Runs;
using ModelHub.Web.Features.Teams;

namespace ModelHub.Benchmarks;

/// <summary>
/// A saved comparison of 6 models with 40 routes each (issue 11: render under 100 ms on the server,
/// recompute after a workload change under 20 ms, p95). It measures, on a 300 x 40 catalog in SQLite:
/// <list type="bullet">
/// <item>render: the whole comparison page rendered to HTML on the server (its database reads, costs,
/// analysis and every section's markup) through Blazor's HtmlRenderer, as the first render of a circuit does;</item>
/// <item>recompute: what a workload change runs in the circuit: every route's cost and the analysis
/// (verdict, scorecard, ranking, tradeoffs, 30 switch pairs, deep dive, FAQ), in memory;</item>
/// <item>load: the service call alone (database reads and the view), for reference.</item>
/// </list>
/// Run: dotnet run -c Release --project tests/ModelHub.Benchmarks -- comparison
/// </summary>
internal static class ComparisonBenchmark
{
    private const int Repetitions = 100;
    private const int Warmup = 40;

    public static async Task RunAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"modelhub-bench-cmp-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var app = await BenchmarkHost.StartAsync(folder);
        try
        {
            Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}");
            await CatalogGenerator.GenerateAsync(app.Services, 300, 40);
            var (caller, teamId, comparisonId) = await CreateComparisonAsync(app.Services);

            await using var scope = app.Services.CreateAsyncScope();
            var service = scope.ServiceProvider.GetRequiredService<ComparisonService>();
            var view = await service.GetAsync(caller, teamId, comparisonId);
            Console.WriteLine($"Comparison: {view.Models.Count} models, {view.Models.Sum(m => m.Routes.Count)} routes, {view.LinkedRuns.Count} linked runs, " +
                $"{view.Analysis.Switches.Count} switch pairs, {view.Analysis.Faq.Count} FAQ entries");

            var load = await TimeAsync(() => service.GetAsync(caller, teamId, comparisonId));
            var html = "";
            var render = await TimeAsync(async () => html = await RenderPageAsync(app.Services, caller, comparisonId));
            var workloads = Enumerable.Range(0, Repetitions + Warmup)
                .Select(i => new ComparisonWorkload(500 + i * 997, 800 + i * 31, 200 + i * 7, i % 10 / 10m)).ToList();
            var step = 0;
            var recompute = await TimeAsync(() =>
            {
                var w = workloads[step++ % workloads.Count];
                var costed = view.Models.Select(m => ComparisonService.Cost(m.Details, w)).ToList();
                _ = ComparisonAnalyzer.Analyze(costed, w, view.Requirements, view.Weights, view.Measured, view.Evaluations);
                return Task.CompletedTask;
            });

            Console.WriteLine($"Page HTML: {html.Length:N0} characters");
            Console.WriteLine($"{"step",-52} {"p50 ms",8} {"p95 ms",8} {"max ms",8}");
            Report("render the comparison page on the server (target < 100)", render);
            Report("recompute after a workload change (target < 20)", recompute);
            Report("load the comparison (service call alone)", load);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(Caller Caller, Guid TeamId, Guid ComparisonId)> CreateComparisonAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = "bench@example.com", Email = "bench@example.com", EmailConfirmed = true };
        await users.CreateAsync(user, "Bench-pass-1!");
        var caller = new Caller(user.Id, false);
        var team = await scope.ServiceProvider.GetRequiredService<TeamService>().CreateTeamAsync(caller, "Bench team");
        var db = scope.ServiceProvider.GetRequiredService<ModelHubDbContext>();
        var slugs = await db.Models.Where(m => m.Routes.Count == 40).OrderBy(m => m.Id).Select(m => m.Slug).Take(6).ToListAsync();
        var comparisons = scope.ServiceProvider.GetRequiredService<ComparisonService>();
        var created = await comparisons.CreateAsync(caller, team.Id, new ComparisonInput("Six models", slugs, ComparisonWorkload.Rag,
            Requirements: new ComparisonRequirements(MinContextWindow: 32_000), Weights: ComparisonWeights.Default));

        // Twenty linked runs of three targets each, so the evidence sections have rows to aggregate.
        var routes = await db.Routes.Where(r => slugs.Contains(r.Model.Slug)).Select(r => new { r.Id, r.Model.Slug, r.ProviderModelId }).ToListAsync();
        var random = new Random(7);
        for (var i = 0; i < 20; i++)
        {
            var run = new PlaygroundRun { TeamId = team.Id, AuthorUserId = user.Id, Title = $"Prompt {i}", MessagesJson = "[]", ParametersJson = "{}", Status = RunStatus.Succeeded };
            foreach (var (route, position) in routes.OrderBy(_ => random.Next()).Take(3).Select((r, p) => (r, p)))
            {
                run.Targets.Add(new RunTarget
                {
                    Position = position, ConnectionName = "bench", ProviderModelId = route.ProviderModelId, DisplayName = route.Slug, RouteId = route.Id, ModelSlug = route.Slug,
                    Status = RunStatus.Succeeded, TimeToFirstTokenMs = 200 + random.Next(800), TotalMs = 2_000 + random.Next(4_000),
                    InputTokens = 1_000 + random.Next(3_000), OutputTokens = 200 + random.Next(600), CostUsd = 0.001m * random.Next(1, 20),
                });
            }

            db.PlaygroundRuns.Add(run);
            db.ComparisonRuns.Add(new ComparisonRun { ComparisonId = created.Id, RunId = run.Id, LinkedByUserId = user.Id, LinkedAtUtc = DateTime.UtcNow });
        }

        await db.SaveChangesAsync();
        return (caller, team.Id, created.Id);
    }

    /// <summary>The comparison page rendered to HTML in its own scope, signed in as the caller, as a circuit's first render does.</summary>
    private static Task<string> RenderPageAsync(IServiceProvider services, Caller caller, Guid comparisonId) =>
        RenderAsync(services, caller, typeof(ComparisonPage), new() { [nameof(ComparisonPage.Id)] = comparisonId });

    /// <summary>A component rendered to HTML in its own scope, with the layout's popover provider (MudSelect and menus need one).</summary>
    private static async Task<string> RenderAsync(IServiceProvider services, Caller caller, Type type, Dictionary<string, object?> parameters)
    {
        await using var scope = services.CreateAsyncScope();
        var navigation = scope.ServiceProvider.GetRequiredService<NavigationManager>();
        if (navigation is IHostEnvironmentNavigationManager host)
        {
            host.Initialize("http://127.0.0.1/", "http://127.0.0.1/comparisons");
        }

        var user = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, caller.UserId)], "bench"));
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, NullLoggerFactory.Instance);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            RenderFragment page = b =>
            {
                b.OpenComponent<MudBlazor.MudPopoverProvider>(0);
                b.CloseComponent();
                b.OpenComponent(1, type);
                foreach (var (k, v) in parameters)
                {
                    b.AddComponentParameter(2, k, v);
                }

                b.CloseComponent();
            };
            var output = await renderer.RenderComponentAsync<CascadingValue<Task<AuthenticationState>>>(ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                ["Value"] = Task.FromResult(new AuthenticationState(user)),
                ["ChildContent"] = page,
            }));
            await output.QuiescenceTask;
            return output.ToHtmlString();
        });
    }

    private static async Task<List<double>> TimeAsync(Func<Task> action)
    {
        var times = new List<double>();
        for (var i = 0; i < Repetitions + Warmup; i++)
        {
            var clock = Stopwatch.StartNew();
            await action();
            if (i >= Warmup)
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }

        return times;
    }

    private static void Report(string name, List<double> times)
    {
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-52} {P(times, 0.5),8:0.00} {P(times, 0.95),8:0.00} {times[^1],8:0.00}"));
    }

    private static double P(List<double> sorted, double q) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
}
