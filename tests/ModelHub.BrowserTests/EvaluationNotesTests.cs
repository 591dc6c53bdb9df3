using Microsoft.Playwright;
using ModelHub.FakeProviders;

namespace ModelHub.BrowserTests;

public sealed class EvaluationNotesTests(AppServer app)
{
    /// <summary>The usual payloads: a script tag, an image with onerror, a javascript: link, a generic attribute, an svg with onload, an iframe.</summary>
    private static string Hostile(string where) => $$"""
        Hostile note on the {{where}}.

        <script>window.__xss=1</script>

        <img src=x onerror="window.__xss=1">

        [x](javascript:window.__xss=1)

        [y](https://e.example){onmouseover="window.__xss=1"}

        <svg onload="window.__xss=1"></svg>

        <iframe src="javascript:window.__xss=1"></iframe>
        """;

    /// <summary>Anything a note's rendered HTML must not hold: script-capable elements, javascript: links, event handler attributes.</summary>
    private const string DangerScript = """
        () => {
            const notes = [...document.querySelectorAll('[data-testid=note-html]')];
            const found = [];
            for (const n of notes) {
                n.querySelectorAll('script, img, svg, iframe, object, embed').forEach(e => found.push(e.tagName));
                n.querySelectorAll('[href]').forEach(a => { if (/^\s*javascript:/i.test(a.getAttribute('href'))) found.push('javascript: href'); });
                n.querySelectorAll('*').forEach(e => [...e.attributes].forEach(a => { if (a.name.toLowerCase().startsWith('on')) found.push(e.tagName + ' ' + a.name); }));
            }
            return found;
        }
        """;

    [Fact]
    public async Task HostileNotesStayInertOnTheModelRunAndComparisonPagesAndInTheNotesSearch()
    {
        var page = await app.NewPageAsync(1280, 900);
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        await page.RegisterAsync(Flows.UniqueEmail("xss"));
        await page.CreateTeamAsync("Platform");
        var runId = await RunOnGpt4oAsync(page, "Summarise our refund policy in two sentences.");

        // The model page.
        await page.GotoAsync("/models/gpt-4o");
        await page.WaitForInteractiveAsync();
        await WriteNoteAsync(page, Hostile("model page"));
        await AssertInertAsync(page, dialogs, "Hostile note on the model page.");

        // The run page: one note on the whole run, one on its single answer.
        await page.GotoAsync($"/playground/runs/{runId}");
        await page.WaitForInteractiveAsync();
        await WriteNoteAsync(page, Hostile("run page"));
        await WriteNoteAsync(page, Hostile("answer"), about: "Answer 1: GPT-4o · Fake OpenAI");
        await Assertions.Expect(page.GetByTestId("note").Filter(new() { HasText = "Hostile note on the answer." }).GetByTestId("note-target"))
            .ToContainTextAsync("GPT-4o · Fake OpenAI in run “Summarise our refund policy");
        await AssertInertAsync(page, dialogs, "Hostile note on the run page.", "Hostile note on the answer.");

        // The comparison page.
        await page.GotoAsync("/comparisons?models=gpt-4o,glm-4v-9b");
        await page.WaitForInteractiveAsync();
        await page.GetByLabel("Name").FillAsync("Vision for support");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create comparison" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vision for support", Level = 1 })).ToBeVisibleAsync();
        await WriteNoteAsync(page, Hostile("comparison page"));
        await AssertInertAsync(page, dialogs, "Hostile note on the comparison page.");

        // Each page again from a fresh load (the server's first render), and the notes search with all four.
        foreach (var (address, text) in new[]
        {
            ("/models/gpt-4o", "Hostile note on the model page."), ($"/playground/runs/{runId}", "Hostile note on the answer."),
            (page.Url.Replace(app.BaseUrl, ""), "Hostile note on the comparison page."), ("/notes", "Hostile note on the comparison page."),
        })
        {
            await page.GotoAsync(address);
            await page.WaitForInteractiveAsync();
            await AssertInertAsync(page, dialogs, text);
        }

        await Assertions.Expect(page.GetByTestId("note-html")).ToHaveCountAsync(4);
        await AssertInertAsync(page, dialogs, "Hostile note on the model page.", "Hostile note on the run page.", "Hostile note on the answer.");
    }

    [Fact]
    public async Task ModelPageShowsTeamNotesWithVerdictsAndTagsNewestFirst()
    {
        var page = await app.NewPageAsync(1280, 900);
        await page.RegisterAsync(Flows.UniqueEmail("notes"));
        await page.CreateTeamAsync("Platform");
        await page.GotoAsync("/models/gpt-4o");
        await page.WaitForInteractiveAsync();
        var section = page.GetByTestId("team-notes");
        await Assertions.Expect(section.GetByRole(AriaRole.Heading, new() { Name = "Team notes", Level = 2 })).ToBeVisibleAsync();
        await Assertions.Expect(section.GetByTestId("no-notes")).ToContainTextAsync("No team notes on GPT-4o yet");

        await WriteNoteAsync(page, """
            Tried on **200 real support tickets**: answers were right and on tone.
            - Refund rules followed every time
            - Slower than GPT-4o mini at peak
            """, "Recommended", ["support", "tickets"]);
        await WriteNoteAsync(page, "Long contracts over 100k tokens lost clauses near the middle; use a retrieval step first.", "Acceptable", ["long-context"]);

        var notes = section.GetByTestId("note");
        await Assertions.Expect(notes).ToHaveCountAsync(2);
        await Assertions.Expect(notes.Nth(0).GetByTestId("note-verdict")).ToHaveTextAsync("Acceptable");
        await Assertions.Expect(notes.Nth(0).Locator(".mh-note-tags")).ToHaveTextAsync("#long-context");
        await Assertions.Expect(notes.Nth(1).GetByTestId("note-verdict")).ToHaveTextAsync("Recommended");
        await Assertions.Expect(notes.Nth(1).Locator(".mh-note-tags li")).ToHaveTextAsync(["#support", "#tickets"]);
        await Assertions.Expect(notes.Nth(1).Locator("[data-testid=note-html] strong")).ToHaveTextAsync("200 real support tickets");
        await Assertions.Expect(section.GetByTestId("notes-count")).ToHaveTextAsync("2 notes");

        // A tag leads to every note with it.
        await notes.Nth(1).GetByRole(AriaRole.Link, new() { Name = "#tickets" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Team notes", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("note-html")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("note-target")).ToContainTextAsync("GPT-4o");

        await page.GoBackAsync();
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(section.GetByTestId("note")).ToHaveCountAsync(2);
        await page.EvaluateAsync("document.getElementById('team-notes').scrollIntoView({ block: 'start' })");
        await page.DocumentationScreenshotAsync(app, "model-team-notes");
    }

    /// <summary>Writes a note in the page's Team notes form and waits until it is listed.</summary>
    private static async Task WriteNoteAsync(IPage page, string body, string? verdict = null, string[]? tags = null, string? about = null)
    {
        var form = page.GetByTestId("note-compose");
        var before = await page.GetByTestId("note").CountAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Write a note" }).ClickAsync();
        if (about is not null)
        {
            await form.Locator(".mud-select").Filter(new() { Has = page.GetByLabel("About", new() { Exact = true }) }).First.ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = about }).ClickAsync();
        }

        await form.GetByLabel("Note", new() { Exact = true }).FillAsync(body);
        if (verdict is not null)
        {
            await form.GetByRole(AriaRole.Radio, new() { Name = verdict, Exact = true }).CheckAsync();
        }

        foreach (var tag in tags ?? [])
        {
            await form.GetByLabel("Tags", new() { Exact = true }).FillAsync(tag);
            await form.GetByLabel("Tags", new() { Exact = true }).PressAsync("Enter");
            await Assertions.Expect(form.Locator(".mh-note-tag-chips")).ToContainTextAsync(tag);
            await Assertions.Expect(form.GetByLabel("Tags", new() { Exact = true })).ToHaveValueAsync("");
        }

        await form.GetByRole(AriaRole.Button, new() { Name = "Save note" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("note")).ToHaveCountAsync(before + 1);
        await Assertions.Expect(form).ToHaveCountAsync(0);
    }

    /// <summary>The notes are shown, as text, and nothing in them ran or can run.</summary>
    private static async Task AssertInertAsync(IPage page, List<string> dialogs, params string[] shown)
    {
        foreach (var text in shown)
        {
            var note = page.GetByTestId("note-html").Filter(new() { HasText = text });
            await Assertions.Expect(note).ToBeVisibleAsync();
            await Assertions.Expect(note).ToContainTextAsync("<script>window.__xss=1</script>");
            foreach (var link in await note.Locator("a").AllAsync())
            {
                await link.HoverAsync();
            }
        }

        // Give an onerror or onload the moment it would need.
        await page.WaitForTimeoutAsync(300);
        Assert.Equal("undefined", await page.EvaluateAsync<string>("() => typeof window.__xss"));
        Assert.Empty(dialogs);
        Assert.Empty(await page.EvaluateAsync<string[]>(DangerScript));
    }

    /// <summary>Adds a connection to the fake OpenAI provider and runs one prompt on GPT-4o through it; returns the run's id.</summary>
    private async Task<string> RunOnGpt4oAsync(IPage page, string prompt)
    {
        await page.GotoAsync("/playground/connections");
        await page.WaitForInteractiveAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Fake OpenAI");
        await page.GetByLabel("Base URL").FillAsync(app.FakeProvider.OpenAiBaseUrl);
        await page.GetByLabel("API key", new() { Exact = true }).FillAsync(FakeProviderServer.ApiKey);
        var provider = page.GetByLabel("Catalog provider (optional)");
        await provider.ClickAsync();
        await provider.FillAsync("OpenAI");
        await page.GetByRole(AriaRole.Option, new() { Name = "OpenAI", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add connection" }).ClickAsync();
        await Assertions.Expect(page.Locator("tr.mh-connection-row")).ToContainTextAsync("Fake OpenAI");

        await page.GotoAsync("/playground");
        await page.WaitForInteractiveAsync();
        var target = page.GetByLabel("Target 1", new() { Exact = true });
        await target.ClickAsync();
        await target.FillAsync("GPT-4o · Fake OpenAI");
        // The suggestions come from the server: on a busy machine they can take a while.
        await page.GetByRole(AriaRole.Option, new() { Name = "GPT-4o · Fake OpenAI (gpt-4o)" }).ClickAsync(new() { Timeout = 45_000 });
        await page.GetByLabel("Message 1", new() { Exact = true }).FillAsync(prompt);
        await page.GetByRole(AriaRole.Button, new() { Name = "Run", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("panel-0").GetByTestId("status")).ToHaveTextAsync("Done", new() { Timeout = 30_000 });
        await page.WaitForURLAsync("**/playground?run=*");
        return page.Url[(page.Url.IndexOf("run=", StringComparison.Ordinal) + 4)..];
    }
}
