using AngleSharp.Dom;
using Microsoft.AspNetCore.Components.Web;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Evaluations;
using ModelHub.Web.Features.Evaluations.Notes;
using ModelHub.Web.Features.Teams;
using MudBlazor;

namespace ModelHub.ComponentTests.Evaluations;

public sealed class NotesSectionTests : ComponentTest
{
    private const string Slug = "gpt-4o";
    private AppServices app = null!;
    private Caller owner = null!;
    private Guid teamId;
    private IRenderedComponent<MudDialogProvider> dialogs = null!;

    public override async ValueTask InitializeAsync()
    {
        app = await AppServices.StartAsync();
        app.Share<NoteService>(this).Share<TimeProvider>(this);
        owner = await app.CreateUserAsync("owner@example.com");
        teamId = (await app.Get<TeamService>().CreateTeamAsync(owner, "Platform")).Id;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await app.DisposeAsync();
    }

    private async Task<Caller> JoinAsync(string email, TeamRole role)
    {
        var user = await app.CreateUserAsync(email);
        await app.JoinAsync(owner, teamId, user, role);
        return user;
    }

    private Task<NoteView> WriteAsync(Caller author, string body, string? verdict = null, params string[] tags) =>
        app.Get<NoteService>().CreateAsync(author, teamId, new NoteInput(new NoteTargetInput("model", Slug), body, verdict, tags));

    private IRenderedComponent<TeamNotesSection> RenderSection(Caller viewer, string email, TeamRole role)
    {
        // Signed in before anything renders: services cannot be added after.
        SignIn(viewer.UserId, email);
        RenderPopovers();
        dialogs = Render<MudDialogProvider>();
        var section = Render<TeamNotesSection>(p => p
            .Add(s => s.TeamId, teamId)
            .Add(s => s.Role, role)
            .Add(s => s.Target, new NoteTargetInput("model", Slug))
            .Add(s => s.Filter, new NoteQuery(Model: Slug))
            .Add(s => s.Subject, "GPT-4o"));
        section.WaitForAssertion(() => Assert.Empty(section.FindAll(".mud-progress-linear")));
        return section;
    }

    private static IReadOnlyList<IElement> Notes(IRenderedComponent<TeamNotesSection> section) => section.FindAll("[data-testid=note]");

    private static IElement Field(IElement form, string label)
    {
        var forId = Assert.Single(form.QuerySelectorAll("label"), l => l.TextContent.Trim() == label).GetAttribute("for");
        return form.QuerySelector($"[id='{forId}']") ?? throw new InvalidOperationException($"No field is labelled '{label}'.");
    }

    private static void OpenForm(IRenderedComponent<TeamNotesSection> section) =>
        section.FindAll("button").Single(b => b.TextContent.Trim() == "Write a note").Click();

    private static void Type(IRenderedComponent<TeamNotesSection> section, string form, string label, string text) =>
        Field(section.Find($"[data-testid={form}]"), label).Input(text);

    private static void ChooseVerdict(IRenderedComponent<TeamNotesSection> section, string form, string verdict) =>
        section.Find($"[data-testid={form}]").QuerySelectorAll("label.mud-radio")
            .Single(l => l.TextContent.Trim() == verdict).QuerySelector("input")!.Click();

    private static void Click(IRenderedComponent<TeamNotesSection> section, string scope, string button) =>
        section.Find(scope).QuerySelectorAll("button").Single(b => b.TextContent.Trim() == button).Click();

    [Fact]
    public async Task AViewerReadsTheTeamsNotesButGetsNoFormToWriteOne()
    {
        await WriteAsync(owner, "Fast and **accurate** on our tickets.", "Recommended", "support");
        var viewer = await JoinAsync("viewer@example.com", TeamRole.Viewer);

        var section = RenderSection(viewer, "viewer@example.com", TeamRole.Viewer);

        var note = Assert.Single(Notes(section));
        Assert.Contains("Fast and accurate on our tickets.", note.TextContent);
        Assert.Equal("Recommended", note.QuerySelector("[data-testid=note-verdict]")!.TextContent.Trim());
        Assert.Empty(section.FindAll("textarea"));
        Assert.Empty(section.FindAll("[data-testid=note-compose]"));
        Assert.DoesNotContain(section.FindAll("button"), b => b.TextContent.Trim() is "Edit" or "Delete" or "Save note" or "Write a note");
        Assert.Contains("Writing them takes the Member role", section.Find("[data-testid=notes-read-only]").TextContent);
    }

    [Fact]
    public async Task WithoutNotesTheSectionSaysWhatNotesAreFor()
    {
        var member = await JoinAsync("member@example.com", TeamRole.Member);

        var section = RenderSection(member, "member@example.com", TeamRole.Member);

        var empty = section.Find("[data-testid=no-notes]").TextContent;
        Assert.Contains("No team notes on GPT-4o yet", empty);
        Assert.Contains("with a verdict (Recommended, Acceptable, Not recommended) and tags", empty);
    }

    [Fact]
    public async Task AMemberWritesANoteAndItAppearsFirstWithItsVerdictAndTags()
    {
        await WriteAsync(owner, "An older note.");
        var member = await JoinAsync("member@example.com", TeamRole.Member);
        var section = RenderSection(member, "member@example.com", TeamRole.Member);

        OpenForm(section);
        Type(section, "note-compose", "Note", "Handles *long* refund threads well.");
        ChooseVerdict(section, "note-compose", "Not recommended");
        Type(section, "note-compose", "Tags", "Support Tickets, long context,");
        Type(section, "note-compose", "Tags", "latency");
        Field(section.Find("[data-testid=note-compose]"), "Tags").KeyDown(new KeyboardEventArgs { Key = "Enter" });
        Click(section, "[data-testid=note-compose]", "Save note");

        section.WaitForAssertion(() => Assert.Equal(2, Notes(section).Count));
        var note = Notes(section)[0];
        Assert.Equal("Handles long refund threads well.", note.QuerySelector("[data-testid=note-html]")!.TextContent.Trim());
        Assert.Equal("long", note.QuerySelector("[data-testid=note-html] em")!.TextContent);
        Assert.Equal("Not recommended", note.QuerySelector("[data-testid=note-verdict]")!.TextContent.Trim());
        Assert.Equal(["#support-tickets", "#long-context", "#latency"], note.QuerySelectorAll(".mh-note-tags a").Select(a => a.TextContent.Trim()));
        Assert.Contains("member@example.com", note.QuerySelector(".mh-note-author")!.TextContent);
        Assert.Equal("just now", note.QuerySelector("time")!.TextContent);
        // The form closes, empty for the next note; the stored note is the one shown.
        Assert.Empty(section.FindAll("[data-testid=note-compose]"));
        OpenForm(section);
        Assert.Equal("", Field(section.Find("[data-testid=note-compose]"), "Note").GetAttribute("value") ?? "");
        var stored = (await app.Get<NoteService>().ListAsync(owner, teamId, new NoteQuery(Model: Slug))).Items[0];
        Assert.Equal("NotRecommended", stored.Verdict);
        Assert.Equal(["support-tickets", "long-context", "latency"], stored.Tags);
    }

    [Fact]
    public async Task ClosingTheFormKeepsWhatWasTypedForLater()
    {
        var member = await JoinAsync("member@example.com", TeamRole.Member);
        var section = RenderSection(member, "member@example.com", TeamRole.Member);
        OpenForm(section);
        Type(section, "note-compose", "Note", "Half a thought.");

        Click(section, "[data-testid=note-compose]", "Cancel");
        Assert.Empty(section.FindAll("[data-testid=note-compose]"));
        section.FindAll("button").Single(b => b.TextContent.Trim() == "Continue your note").Click();

        Assert.Equal("Half a thought.", Field(section.Find("[data-testid=note-compose]"), "Note").GetAttribute("value"));
    }

    [Fact]
    public async Task TheAuthorEditsTheirNoteInPlace()
    {
        var member = await JoinAsync("member@example.com", TeamRole.Member);
        await WriteAsync(member, "First impression: fine.", "Acceptable", "support");
        var section = RenderSection(member, "member@example.com", TeamRole.Member);

        Click(section, "[data-testid=note]", "Edit");
        var form = section.Find("[data-testid=note-edit]");
        Assert.Equal("First impression: fine.", Field(form, "Edit note").GetAttribute("value"));
        Type(section, "note-edit", "Edit note", "After a week: **great**.");
        ChooseVerdict(section, "note-edit", "Recommended");
        Click(section, "[data-testid=note-edit]", "Save changes");

        section.WaitForAssertion(() => Assert.Empty(section.FindAll("[data-testid=note-edit]")));
        var note = Assert.Single(Notes(section));
        Assert.Equal("After a week: great.", note.QuerySelector("[data-testid=note-html]")!.TextContent.Trim());
        Assert.Equal("Recommended", note.QuerySelector("[data-testid=note-verdict]")!.TextContent.Trim());
        Assert.Equal(["#support"], note.QuerySelectorAll(".mh-note-tags a").Select(a => a.TextContent.Trim()));
    }

    [Fact]
    public async Task AMemberGetsNeitherEditNorDeleteOnSomeoneElsesNote()
    {
        await WriteAsync(owner, "The owner's note.");
        var member = await JoinAsync("member@example.com", TeamRole.Member);
        await WriteAsync(member, "The member's own note.");

        var section = RenderSection(member, "member@example.com", TeamRole.Member);

        var notes = Notes(section);
        Assert.Equal(2, notes.Count);
        var own = notes.Single(n => n.TextContent.Contains("The member's own note."));
        var others = notes.Single(n => n.TextContent.Contains("The owner's note."));
        Assert.Equal(["Edit", "Delete"], own.QuerySelectorAll("button").Select(b => b.TextContent.Trim()));
        Assert.Empty(others.QuerySelectorAll("button"));
    }

    [Fact]
    public async Task AnAdminDeletesSomeoneElsesNoteAfterConfirming()
    {
        var member = await JoinAsync("member@example.com", TeamRole.Member);
        await WriteAsync(member, "A note the admin removes.");
        var admin = await JoinAsync("admin@example.com", TeamRole.Admin);
        var section = RenderSection(admin, "admin@example.com", TeamRole.Admin);

        var note = Assert.Single(Notes(section));
        Assert.Equal(["Delete"], note.QuerySelectorAll("button").Select(b => b.TextContent.Trim()));
        Click(section, "[data-testid=note]", "Delete");
        dialogs.WaitForAssertion(() => Assert.Contains("Delete member@example.com's note for everyone in the team?", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").Click();

        section.WaitForAssertion(() => Assert.Empty(Notes(section)));
        Assert.Empty((await app.Get<NoteService>().ListAsync(owner, teamId, new NoteQuery(Model: Slug))).Items);
    }

    [Fact]
    public async Task HostileMarkdownRendersInertInTheListAndInThePreview()
    {
        const string hostile = """
            <script>window.__xss=1</script>
            <img src=x onerror="window.__xss=1">
            [x](javascript:window.__xss=1) [y](https://e.example){onmouseover="window.__xss=1"}
            <svg onload="window.__xss=1"><iframe src="javascript:alert(1)"></iframe>
            """;
        var member = await JoinAsync("member@example.com", TeamRole.Member);
        await WriteAsync(member, hostile);
        var section = RenderSection(member, "member@example.com", TeamRole.Member);
        OpenForm(section);
        Type(section, "note-compose", "Note", hostile);
        section.Find("[data-testid=note-compose] input[type=checkbox]").Change(true);

        section.WaitForAssertion(() => Assert.NotEmpty(section.FindAll("[data-testid=note-preview] .mh-markdown")));
        foreach (var rendered in new[] { section.Find("[data-testid=note-html]"), section.Find("[data-testid=note-preview] .mh-markdown") })
        {
            Assert.Empty(rendered.QuerySelectorAll("script, img, svg, iframe"));
            Assert.DoesNotContain(rendered.QuerySelectorAll("a"), a => (a.GetAttribute("href") ?? "").Contains("javascript:", StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(rendered.QuerySelectorAll("*"), e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
            // What was written is still readable, as text.
            Assert.Contains("<script>window.__xss=1</script>", rendered.TextContent);
        }
    }

    [Fact]
    public async Task ARefusedSaveSaysWhyAndKeepsEverythingTyped()
    {
        var member = await JoinAsync("member@example.com", TeamRole.Member);
        var section = RenderSection(member, "member@example.com", TeamRole.Member);
        OpenForm(section);
        Type(section, "note-compose", "Note", "Careful notes that must survive.");
        ChooseVerdict(section, "note-compose", "Acceptable");
        // Eleven tags: one more than a note takes.
        Type(section, "note-compose", "Tags", string.Join(",", Enumerable.Range(1, 11).Select(i => $"t{i}")) + ",");

        Click(section, "[data-testid=note-compose]", "Save note");

        section.WaitForAssertion(() => Assert.Contains("tags: at most 10; this has 11.", section.Find("[data-testid=note-compose] [role=alert]").TextContent));
        var form = section.Find("[data-testid=note-compose]");
        Assert.Equal("Careful notes that must survive.", Field(form, "Note").GetAttribute("value"));
        Assert.Equal(11, form.QuerySelectorAll(".mh-note-tag-chips .mud-chip").Length);
        Assert.True(form.QuerySelectorAll("label.mud-radio").Single(l => l.TextContent.Trim() == "Acceptable").QuerySelector("input")!.HasAttribute("checked"));
        Assert.Empty(Notes(section));
    }

    [Fact]
    public async Task AnEditOverAChangeFromAnotherTabIsRefusedAndKeepsTheTypedText()
    {
        var member = await JoinAsync("member@example.com", TeamRole.Member);
        var note = await WriteAsync(member, "Version one.");
        var section = RenderSection(member, "member@example.com", TeamRole.Member);
        Click(section, "[data-testid=note]", "Edit");
        await app.Get<NoteService>().UpdateAsync(member, teamId, note.Id, new NoteInput(null, "Changed in another tab.", null, []));

        Type(section, "note-edit", "Edit note", "My careful rewrite.");
        Click(section, "[data-testid=note-edit]", "Save changes");

        section.WaitForAssertion(() => Assert.Contains(
            "changed in another tab or window since you opened it. Copy your text, reload, and edit again.",
            section.Find("[data-testid=note-edit] [role=alert]").TextContent));
        Assert.Equal("My careful rewrite.", Field(section.Find("[data-testid=note-edit]"), "Edit note").GetAttribute("value"));
    }

    [Fact]
    public async Task ANoteOnAnAnswerSaysWhatItIsAboutWithALinkWhileOnesOnTheModelItselfDoNot()
    {
        var runTargetId = await AddRunAsync();
        await app.Get<NoteService>().CreateAsync(owner, teamId, new NoteInput(new NoteTargetInput("runTarget", runTargetId.ToString()), "On one answer.", null, []));
        await WriteAsync(owner, "On the model.");

        var section = RenderSection(owner, "owner@example.com", TeamRole.Owner);

        var notes = Notes(section);
        Assert.Empty(notes.Single(n => n.TextContent.Contains("On the model.")).QuerySelectorAll("[data-testid=note-target]"));
        var target = notes.Single(n => n.TextContent.Contains("On one answer.")).QuerySelector("[data-testid=note-target] a")!;
        Assert.Equal("GPT-4o · Fake OpenAI in run “Refund policy”", target.TextContent.Trim());
        Assert.StartsWith("playground/runs/", target.GetAttribute("href"));
    }

    [Fact]
    public async Task MoreThanTwentyNotesShowTwentyAndShowMoreAddsTheRest()
    {
        for (var i = 1; i <= 23; i++)
        {
            await WriteAsync(owner, $"Note {i}.");
        }

        var section = RenderSection(owner, "owner@example.com", TeamRole.Owner);

        Assert.Equal(20, Notes(section).Count);
        Assert.Equal("Note 23.", Notes(section)[0].QuerySelector("[data-testid=note-html]")!.TextContent.Trim());
        Assert.Contains("20 of 23 shown", section.Find("[data-testid=notes-more]").TextContent);
        section.Find("[data-testid=notes-more]").Click();

        section.WaitForAssertion(() => Assert.Equal(23, Notes(section).Count));
        Assert.Empty(section.FindAll("[data-testid=notes-more]"));
        Assert.Equal("Note 1.", Notes(section)[^1].QuerySelector("[data-testid=note-html]")!.TextContent.Trim());
    }

    /// <summary>A run of the team with one answer from GPT-4o through one of its catalog routes; returns the answer's id.</summary>
    private async Task<Guid> AddRunAsync()
    {
        await using var db = await app.Get<Microsoft.EntityFrameworkCore.IDbContextFactory<ModelHub.Web.Data.ModelHubDbContext>>().CreateDbContextAsync();
        // Through a catalog route, as a run from a connection with a catalog provider is: the note then names that route too.
        var routeId = db.Routes.Where(r => r.Model.Slug == Slug).Select(r => r.Id).First();
        var run = new ModelHub.Web.Features.Playground.Runs.PlaygroundRun
        {
            TeamId = teamId, AuthorUserId = owner.UserId, Title = "Refund policy", MessagesJson = "[]", ParametersJson = "{}",
            Status = ModelHub.Web.Features.Playground.Runs.RunStatus.Succeeded,
        };
        var answer = new ModelHub.Web.Features.Playground.Runs.RunTarget
        {
            ConnectionName = "Fake OpenAI", ProviderModelId = "gpt-4o", DisplayName = "GPT-4o · Fake OpenAI", ModelSlug = Slug, RouteId = routeId,
            Status = ModelHub.Web.Features.Playground.Runs.RunStatus.Succeeded,
        };
        run.Targets.Add(answer);
        db.PlaygroundRuns.Add(run);
        await db.SaveChangesAsync();
        return answer.Id;
    }
}
