using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModelHub.IntegrationTests.Evaluations;
using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Catalog.Editing;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Comparisons;
using ModelHub.Web.Features.Evaluations;

namespace ModelHub.IntegrationTests;

/// <summary>
/// Behaviour that the database engines differ on by default and the app makes the same: run once on
/// SQLite and once on PostgreSQL (tests/run-all.sh runs the Database trait through tests/postgres.sh).
/// </summary>
[Trait("Database", "true")]
public sealed class ProviderDifferenceTests : EvaluationTest
{
    private async Task AddModelsAsync(params (string Slug, string Name)[] models)
    {
        var admin = await app.CreateUserAsync($"admin-{Guid.NewGuid():N}@example.com", admin: true);
        await using var scope = app.Services.CreateAsyncScope();
        var editor = scope.ServiceProvider.GetRequiredService<CatalogEditor>();
        foreach (var (slug, name) in models)
        {
            await editor.SaveModelAsync(new Caller(admin.Id, true), null, new ModelForm { Slug = slug, Name = name, Lab = "Provider Tests" });
        }
    }

    private async Task<IReadOnlyList<string>> SearchAsync(string query, string sort = "Name")
    {
        var body = await (await owner.Api.GetAsync($"/api/v1/models?q={Uri.EscapeDataString(query)}&sort={sort}&size=100")).ExpectAsync(HttpStatusCode.OK);
        return [.. JsonDocument.Parse(body).RootElement.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("slug").GetString()!)];
    }

    private async Task<IReadOnlyList<Guid>> SearchNotesAsync(string query) =>
        [.. (await (await owner.Api.GetAsync(Path($"notes?q={Uri.EscapeDataString(query)}"))).ReadAsync<NoteList>()).Items.Select(n => n.Id)];

    [Fact]
    public async Task CatalogSearchIgnoresTheCaseOfLettersAroundNonAsciiOnes()
    {
        // SQLite folds the case of ASCII letters only, so the non-ASCII letters keep theirs here.
        await AddModelsAsync(("nova-ebene", "Zürich Ébène Nova"), ("zurich-plain", "Zurich Plain"));

        Assert.Equal(["nova-ebene"], await SearchAsync("züRICH ÉBèNE"));
        Assert.Equal(["nova-ebene"], await SearchAsync("èNE nOVA"));
        Assert.Equal(["zurich-plain"], await SearchAsync("zURICH"));
    }

    [Fact]
    public async Task NoteSearchIgnoresTheCaseOfLettersAroundNonAsciiOnes()
    {
        var note = await NoteAsync("model", Echo, "Die Antwort für Ärzte war KORREKT und höflich.");
        await NoteAsync("model", Echo, "Die Antwort fur Arzte war falsch.");

        Assert.Equal([note.Id], await SearchNotesAsync("ANTWORT für Ärzte WAR korrekt"));
        Assert.Equal([note.Id], await SearchNotesAsync("HöFLICH"));
    }

    [Fact]
    public async Task PercentAndUnderscoreInSearchTextMatchOnlyThemselves()
    {
        await AddModelsAsync(("literal-100-uptime", "Literal 100% Uptime"), ("literal-1000-uptime", "Literal 1000 Uptime"), ("literal-q-z", "Literal q_z"), ("literal-qxz", "Literal qxz"));
        var discount = await NoteAsync("model", Echo, "Discount of 50% off the list price.");
        await NoteAsync("model", Echo, "Discount of 500 off the list price.");

        Assert.Equal(["literal-100-uptime"], await SearchAsync("100%"));
        Assert.Equal(["literal-q-z"], await SearchAsync("q_z"));
        Assert.Equal([discount.Id], await SearchNotesAsync("50% off"));
    }

    [Fact]
    public async Task MoneyKeepsEveryDecimalThroughSaveReloadAndSort()
    {
        var admin = await app.CreateUserAsync("money@example.com", admin: true);
        await AddModelsAsync(("money-cheap", "Money Cheap"), ("money-dear", "Money Dear"));
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var editor = scope.ServiceProvider.GetRequiredService<CatalogEditor>();
            var caller = new Caller(admin.Id, true);
            await editor.SaveRouteAsync(caller, "money-cheap", null, new RouteForm("replicate", "tests/money-cheap", 0.000001m, 1234.567891m, null));
            await editor.SaveRouteAsync(caller, "money-dear", null, new RouteForm("replicate", "tests/money-dear", 0.000002m, 0.1m, null));
            await editor.SaveBenchmarkAsync(caller, "money-cheap", "MMLU", null, 71.123456m, 100);
        }

        var cheap = (await app.Services.GetRequiredService<ModelDetailQueries>().GetAsync("money-cheap"))!;

        var route = Assert.Single(cheap.Routes);
        Assert.Equal(0.000001m, route.InputPricePerMillion);
        Assert.Equal(1234.567891m, route.OutputPricePerMillion);
        Assert.Equal(71.123456m, Assert.Single(cheap.Benchmarks).Score);
        Assert.Equal(["money-cheap", "money-dear"], await SearchAsync("Money", "InputPrice"));
    }

    [Fact]
    public async Task TimesComeBackAsUtcWithTheSameInstant()
    {
        var created = await NoteAsync("model", Echo, "A note to time.");
        var listed = Assert.Single((await (await owner.Api.GetAsync(Path("notes"))).ReadAsync<NoteList>()).Items, n => n.Id == created.Id);

        // A time given in the machine's own zone (tests/run-all.sh runs the PostgreSQL pass far from UTC) is stored as its instant.
        var local = new DateTime(2026, 3, 1, 9, 30, 15, 123, 456, DateTimeKind.Local);
        await app.WithDbAsync(async db =>
        {
            var note = await db.EvaluationNotes.SingleAsync(n => n.Id == created.Id);
            note.UpdatedAtUtc = local;
            return await db.SaveChangesAsync();
        });
        var reloaded = await app.WithDbAsync(db => db.EvaluationNotes.AsNoTracking().SingleAsync(n => n.Id == created.Id));

        Assert.Equal(DateTimeKind.Utc, created.CreatedAtUtc.Kind);
        Assert.Equal(created.CreatedAtUtc, listed.CreatedAtUtc);
        Assert.Equal(DateTimeKind.Utc, reloaded.UpdatedAtUtc.Kind);
        Assert.Equal(local.ToUniversalTime(), reloaded.UpdatedAtUtc);
        Assert.Equal(DateTimeKind.Utc, reloaded.CreatedAtUtc.Kind);
    }

    [Fact]
    public async Task TimeSavedWithTicksFinerThanAMicrosecondEqualsItsReloadedSelf()
    {
        var note = await NoteAsync("model", Echo, "A note to time finely.");
        var fine = new DateTime(2026, 3, 1, 9, 30, 15, DateTimeKind.Utc).AddTicks(1_234_567);

        var saved = await app.WithDbAsync(async db =>
        {
            var tracked = await db.EvaluationNotes.SingleAsync(n => n.Id == note.Id);
            tracked.UpdatedAtUtc = fine;
            await db.SaveChangesAsync();
            return tracked.UpdatedAtUtc;
        });
        var reloaded = await app.WithDbAsync(db => db.EvaluationNotes.Where(n => n.Id == note.Id).Select(n => n.UpdatedAtUtc).SingleAsync());
        var found = await app.WithDbAsync(db => db.EvaluationNotes.CountAsync(n => n.Id == note.Id && n.UpdatedAtUtc == saved));

        Assert.Equal(saved, reloaded);
        Assert.Equal(1, found);
        Assert.True((fine - saved).Duration() < TimeSpan.FromMicroseconds(1));
    }

    [Fact]
    public async Task SaveFromAStaleVersionIsRefusedWithTheConflictError()
    {
        var created = await (await owner.Api.PostJsonAsync(Path("comparisons"), new ComparisonInput("Race", ["glm-4v-9b", "gpt-4o"])))
            .ReadAsync<ComparisonView>(HttpStatusCode.Created);

        await (await owner.Api.PutJsonAsync(Path($"comparisons/{created.Id}"), new ComparisonInput("First", ["glm-4v-9b", "gpt-4o"], Version: created.Version)))
            .ReadAsync<ComparisonView>();
        var stale = await owner.Api.PutJsonAsync(Path($"comparisons/{created.Id}"), new ComparisonInput("Second", ["glm-4v-9b", "gpt-4o"], Version: created.Version));

        Assert.Contains("Someone else saved this comparison", await stale.ExpectAsync(HttpStatusCode.Conflict));
        Assert.Equal("First", await app.WithDbAsync(db => db.Comparisons.Where(c => c.Id == created.Id).Select(c => c.Name).SingleAsync()));
    }

    [Fact]
    public async Task NamesSortTheSameWayWhateverTheirCase()
    {
        await AddModelsAsync(("sort-b-mini", "sortcheck beta-mini"), ("sort-a-2", "Sortcheck Alpha 2"), ("sort-b", "Sortcheck Beta"), ("sort-a-10", "Sortcheck Alpha 10"));

        Assert.Equal(["sort-a-10", "sort-a-2", "sort-b", "sort-b-mini"], await SearchAsync("SORTCHECK"));
    }
}
