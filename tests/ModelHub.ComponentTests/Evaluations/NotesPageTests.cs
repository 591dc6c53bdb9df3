using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Comparisons;
using ModelHub.Web.Features.Evaluations;
using ModelHub.Web.Features.Evaluations.Notes;
using ModelHub.Web.Features.Teams;

namespace ModelHub.ComponentTests.Evaluations;

public sealed class NotesPageTests : ComponentTest
{
    private const string Email = "notes@example.com";
    private AppServices app = null!;
    private Caller owner = null!;
    private Guid teamId;

    public override async ValueTask InitializeAsync()
    {
        app = await AppServices.StartAsync();
        app.Share<NoteService>(this).Share<TimeProvider>(this).Share<TeamService>(this);
        Services.AddScoped<ActiveTeamState>();
        owner = await app.CreateUserAsync(Email);
        teamId = (await app.Get<TeamService>().CreateTeamAsync(owner, "Platform")).Id;
        SignIn(owner.UserId, Email);
        RenderPopovers();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await app.DisposeAsync();
    }

    private Task<NoteView> WriteAsync(string kind, string id, string body, string? verdict = null, params string[] tags) =>
        app.Get<NoteService>().CreateAsync(owner, teamId, new NoteInput(new NoteTargetInput(kind, id), body, verdict, tags));

    private IRenderedComponent<NotesPage> Open(string query)
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo($"notes{query}");
        var page = Render<NotesPage>();
        page.WaitForAssertion(() => Assert.Empty(page.FindAll(".mud-progress-linear")));
        return page;
    }

    private static List<string> Bodies(IRenderedComponent<NotesPage> page) =>
        page.FindAll("[data-testid=note-html]").Select(n => n.TextContent.Trim()).ToList();

    [Fact]
    public async Task TagAndVerdictFromTheAddressFindTheNotesWithTheirTargetsLinked()
    {
        await WriteAsync("model", "gpt-4o", "Great on support.", "Recommended", "support");
        await WriteAsync("model", "glm-4v-9b", "Fine on support.", "Acceptable", "support");
        await WriteAsync("model", "gpt-4o", "Great on code.", "Recommended", "code");

        var page = Open("?tag=support&verdict=Recommended");

        Assert.Equal(["Great on support."], Bodies(page));
        var target = page.Find("[data-testid=note-target] a");
        Assert.Equal("GPT-4o", target.TextContent.Trim());
        Assert.Equal("models/gpt-4o", target.GetAttribute("href"));
        Assert.Equal("1 note, newest first", page.Find("[data-testid=notes-count]").TextContent.Trim());
    }

    [Fact]
    public async Task TheKindFilterKeepsNotesOnThatKindOfThing()
    {
        var comparison = await app.Get<ComparisonService>().CreateAsync(owner, teamId, new ComparisonInput("Support bot", ["gpt-4o", "glm-4v-9b"]));
        await WriteAsync("model", "gpt-4o", "On the model.");
        await WriteAsync("comparison", comparison.Id.ToString(), "On the comparison.");

        var page = Open("?kind=comparison");

        Assert.Equal(["On the comparison."], Bodies(page));
        Assert.Equal("Comparison “Support bot”", page.Find("[data-testid=note-target] a").TextContent.Trim());
        Assert.Equal($"comparisons/{comparison.Id}", page.Find("[data-testid=note-target] a").GetAttribute("href"));
    }

    [Fact]
    public async Task ASearchGoesIntoTheAddressAndSaysWhenNothingMatches()
    {
        await WriteAsync("model", "gpt-4o", "Refunds handled well.", null, "support");
        var page = Open("?verdict=Acceptable");
        Assert.Contains("No note matches these filters.", page.Find("[data-testid=no-notes]").TextContent);

        Assert.Equal("notes", page.Find("[data-testid=no-notes] a").GetAttribute("href"));
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("notes");

        var search = page.FindAll("label").Single(l => l.TextContent.Trim() == "Search notes").GetAttribute("for");
        page.Find($"[id='{search}']").Change("refunds");

        page.WaitForAssertion(() => Assert.Contains("q=refunds", navigation.Uri));
        page.WaitForAssertion(() => Assert.Equal(["Refunds handled well."], Bodies(page)));
    }

    [Fact]
    public async Task TwentyFiveNotesMakeTwoPagesAndTheSecondHasTheOldestFive()
    {
        for (var i = 1; i <= 25; i++)
        {
            await WriteAsync("model", "gpt-4o", $"Note {i}.");
        }

        var page = Open("?page=2");

        Assert.Equal(["Note 5.", "Note 4.", "Note 3.", "Note 2.", "Note 1."], Bodies(page));
        Assert.Equal("21–25 of 25 notes, newest first", page.Find("[data-testid=notes-count]").TextContent.Trim());
        Assert.NotEmpty(page.FindAll(".mud-pagination"));
    }
}
