using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModelHub.Web.Features.Catalog.Identity;
using ModelHub.Web.Features.Catalog.Import;

namespace ModelHub.IntegrationTests;

/// <summary>
/// Imports the real-world fixtures (Fixtures/RealWorld: models.dev, LiteLLM and OpenRouter files in the
/// providers' own spellings) into a fresh catalog and checks the result against the answer key
/// written from the providers' documentation: one model per entry, variants apart, labs known.
/// </summary>
public sealed class CatalogIdentityImportTests : IntegrationTest
{
    private static readonly (string File, CatalogImportFormat Format)[] Files =
    [
        ("models-dev", CatalogImportFormat.ModelsDev),
        ("litellm", CatalogImportFormat.LiteLlm),
        ("openrouter", CatalogImportFormat.OpenRouter),
    ];

    private static string Fixture(string file) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "RealWorld", $"{file}.json");

    /// <summary>Each answer-key reference ("litellm:bedrock/us.anthropic…") as the (provider, ID) the catalog stores.</summary>
    private async Task<Dictionary<string, (string Provider, string Id)>> RouteReferencesAsync()
    {
        var rules = app.Services.GetRequiredService<IdentityRules>();
        var references = new Dictionary<string, (string, string)>();
        foreach (var (file, format) in Files)
        {
            await using var stream = File.OpenRead(Fixture(file));
            var batch = await ImportParsers.ParseAsync(stream, format);
            foreach (var route in batch.Routes)
            {
                var stored = CatalogImporter.Canonical(rules, format, route);
                var reference = route.Entry.Split('\'');
                var name = format switch
                {
                    CatalogImportFormat.ModelsDev => $"{file}:{reference[1]}/{reference[3]}",
                    _ => $"{file}:{reference[1]}",
                };
                references[name] = (stored.ProviderSlug, stored.ProviderModelId);
            }
        }

        return references;
    }

    private static string Reference(JsonElement route)
    {
        var file = route.GetProperty("file").GetString()!;
        return file switch
        {
            "models-dev" => $"{file}:{route.GetProperty("provider").GetString()}/{route.GetProperty("id").GetString()}",
            "litellm" => $"{file}:{route.GetProperty("key").GetString()}",
            _ => $"{file}:{route.GetProperty("id").GetString()}",
        };
    }

    private async Task ImportAllAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<CatalogImporter>();
        foreach (var (file, format) in Files)
        {
            await using var stream = File.OpenRead(Fixture(file));
            await importer.ImportAsync(await ImportParsers.ParseAsync(stream, format), $"real-world {file}", dryRun: false);
        }
    }

    [Fact]
    public async Task RealWorldFilesPutEveryRouteOfOneModelOnOneEntry()
    {
        await ImportAllAsync();
        var references = await RouteReferencesAsync();
        using var key = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "RealWorld", "expected.json")));
        var routes = await app.WithDbAsync(db => db.Routes.Select(r => new { Provider = r.Provider.Slug, r.ProviderModelId, r.ModelId, r.Model.Slug, r.Model.Lab }).ToListAsync());
        var rules = app.Services.GetRequiredService<IdentityRules>();
        var byRoute = routes.ToDictionary(r => (rules.CanonicalProvider(r.Provider), r.ProviderModelId));
        var review = (await app.WithDbAsync(db => db.CatalogReviewItems.Select(r => new { r.ProviderSlug, r.ProviderModelId }).ToListAsync()))
            .Select(r => (r.ProviderSlug, r.ProviderModelId)).ToHashSet();

        var problems = new List<string>();
        var modelOfGroup = new Dictionary<int, string>();
        foreach (var group in key.RootElement.GetProperty("models").EnumerateArray())
        {
            var name = group.GetProperty("key").GetString()!;
            var placed = new List<(string Reference, int? ModelId, string Where)>();
            foreach (var route in group.GetProperty("routes").EnumerateArray())
            {
                var reference = Reference(route);
                var stored = references[reference];
                placed.Add(byRoute.TryGetValue(stored, out var r) ? (reference, r.ModelId, r.Slug) : (reference, null, review.Contains(stored) ? "review" : "missing"));
            }

            var ids = placed.Where(p => p.ModelId is not null).Select(p => p.ModelId!.Value).Distinct().ToList();
            if (ids.Count != 1 || placed.Any(p => p.ModelId is null))
            {
                problems.Add($"{name} is split: {string.Join("; ", placed.Select(p => $"{p.Reference} -> {p.Where}"))}");
            }

            foreach (var id in ids)
            {
                if (modelOfGroup.TryGetValue(id, out var other))
                {
                    problems.Add($"{name} and {other} share model {id}");
                }

                modelOfGroup[id] = name;
            }
        }

        foreach (var item in key.RootElement.GetProperty("review").EnumerateArray())
        {
            var reference = Reference(item);
            if (!review.Contains(references[reference]))
            {
                problems.Add($"{reference} should wait for review but went to {(byRoute.TryGetValue(references[reference], out var r) ? r.Slug : "nowhere")}");
            }
        }

        Assert.True(problems.Count == 0, $"{problems.Count} problems:\n" + string.Join("\n", problems));
    }

    [Fact]
    public async Task RealWorldFilesLeaveFewerThanOneInTwentyModelsWithAnUnknownLab()
    {
        await ImportAllAsync();

        var labs = await app.WithDbAsync(db => db.Models.Where(m => m.Routes.Any()).Select(m => new { m.Slug, m.Lab }).ToListAsync());
        var unknown = labs.Where(m => m.Lab.StartsWith("Unknown", StringComparison.Ordinal)).ToList();

        Assert.True(unknown.Count * 20 < labs.Count, $"{unknown.Count} of {labs.Count} models have no lab: {string.Join(", ", unknown.Select(u => u.Slug))}");
    }
}
