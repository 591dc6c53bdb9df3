using System.Net;
using ModelHub.Web.Features.Comparisons;
using ModelHub.Web.Features.Evaluations;
using ModelHub.Web.Features.Teams;

namespace ModelHub.IntegrationTests.Evaluations;

/// <summary>Issue 12's notes API: targets, the model list and its filters, who edits and deletes, and the errors.</summary>
[Trait("Database", "true")]
public sealed class NoteApiTests : EvaluationTest
{
    private async Task<Guid> CompareAsync(params string[] models) =>
        (await (await owner.Api.PostJsonAsync(Path("comparisons"), new ComparisonInput("Support bot", models))).ReadAsync<ComparisonView>(HttpStatusCode.Created)).Id;

    [Fact]
    public async Task NotesOnAModelARouteARunARunTargetAndAComparisonAnswer201WithTheirIdAndHtml()
    {
        var run = await RunOnRoutesAsync("Summarise the ticket", echoRouteId, textOnlyRouteId);
        var comparison = await CompareAsync("glm-4v-9b", "gpt-4o");
        var targets = new (string Kind, string Id)[]
        {
            ("model", "glm-4v-9b"),
            ("route", echoRouteId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("run", run.Id.ToString()),
            ("runTarget", run.Targets[0].Id.ToString()),
            ("comparison", comparison.ToString()),
        };

        foreach (var (kind, id) in targets)
        {
            var response = await owner.Api.PostJsonAsync(Path("notes"), new { target = new { kind, id }, body = $"**Good** on the {kind}", tags = new[] { "Support Tickets" } });
            var note = await response.ReadAsync<NoteView>(HttpStatusCode.Created);

            Assert.NotEqual(Guid.Empty, note.Id);
            Assert.Equal($"/api/v1/teams/{teamId}/notes/{note.Id}", response.Headers.Location?.OriginalString);
            Assert.Equal($"<p><strong>Good</strong> on the {kind}</p>\n", note.Html);
            Assert.Equal((kind, id), (note.Target.Kind, note.Target.Id));
            Assert.Equal(["support-tickets"], note.Tags);
            Assert.Equal(owner.Email, note.AuthorEmail);
        }

        var answer = (await (await owner.Api.GetAsync(Path($"notes?runTarget={run.Targets[0].Id}"))).ReadAsync<NoteList>()).Items.Single();
        Assert.Equal((Echo, echoRouteId, run.Id), (answer.Target.ModelSlug, answer.Target.RouteId, answer.Target.RunId));
    }

    [Fact]
    public async Task ListingByModelSlugIncludesNotesOnTheModelItsRouteItsRunAnswersAndRunsOfItAlone()
    {
        var mixed = await RunOnRoutesAsync("Mixed", echoRouteId, textOnlyRouteId);
        var alone = await RunOnRoutesAsync("Alone", echoRouteId, echoRouteId);
        var onModel = await NoteAsync("model", Echo, "On the model");
        var onRoute = await NoteAsync("route", echoRouteId.ToString(System.Globalization.CultureInfo.InvariantCulture), "On its route");
        var onAnswer = await NoteAsync("runTarget", mixed.Targets[0].Id.ToString(), "On its answer");
        var onRun = await NoteAsync("run", alone.Id.ToString(), "On a run of it alone");
        await NoteAsync("model", "glm-4v-9b", "Another model");
        await NoteAsync("route", textOnlyRouteId.ToString(System.Globalization.CultureInfo.InvariantCulture), "Another model's route");
        await NoteAsync("runTarget", mixed.Targets[1].Id.ToString(), "Another model's answer");
        await NoteAsync("run", mixed.Id.ToString(), "A run of two models");

        var list = await (await owner.Api.GetAsync(Path($"notes?model={Echo}"))).ReadAsync<NoteList>();

        Assert.Equal(4, list.Total);
        Assert.Equal([onRun.Id, onAnswer.Id, onRoute.Id, onModel.Id], list.Items.Select(n => n.Id));
        Assert.All(list.Items, n => Assert.Equal(Echo, n.Target.ModelSlug));
    }

    [Fact]
    public async Task TheRouteRunTagVerdictAndTextFiltersEachNarrowTheList()
    {
        var run = await RunOnRoutesAsync("Filters", echoRouteId, textOnlyRouteId);
        var route = echoRouteId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var onRoute = await NoteAsync("route", route, "Fast and cheap", "Recommended", ["latency"]);
        var onRun = await NoteAsync("run", run.Id.ToString(), "Hallucinated an order number", "Not recommended", ["rag", "support"]);
        var onAnswer = await NoteAsync("runTarget", run.Targets[1].Id.ToString(), "Fine for drafts", "Acceptable", ["support"]);
        await NoteAsync("model", "glm-4v-9b", "Reads screenshots well", null, ["vision"]);

        async Task<IReadOnlyList<Guid>> ListAsync(string query) =>
            (await (await owner.Api.GetAsync(Path($"notes?{query}"))).ReadAsync<NoteList>()).Items.Select(n => n.Id).ToList();

        Assert.Equal([onRoute.Id], await ListAsync($"route={echoRouteId}"));
        Assert.Equal([onAnswer.Id, onRun.Id], await ListAsync($"run={run.Id}"));
        Assert.Equal([onAnswer.Id, onRun.Id], await ListAsync("tag=Support"));
        Assert.Equal([onRun.Id], await ListAsync("tag=support&verdict=NotRecommended"));
        Assert.Equal([onAnswer.Id], await ListAsync("verdict=acceptable"));
        Assert.Equal([onRun.Id], await ListAsync("q=order%20number"));
        Assert.Empty(await ListAsync("q=nothing-like-this"));
        Assert.Equal(4, (await ListAsync("")).Count);
    }

    [Fact]
    public async Task GetPutAndDeleteOfANoteReadChangeAndRemoveIt()
    {
        var note = await NoteAsync("model", Echo, "First *draft*", "Acceptable", ["draft"]);

        var read = await (await owner.Api.GetAsync(Path($"notes/{note.Id}"))).ReadAsync<NoteView>();
        var changed = await (await owner.Api.PutJsonAsync(Path($"notes/{note.Id}"), new { body = "Final **word**", verdict = "Recommended", tags = new[] { "final" }, version = note.Version }))
            .ReadAsync<NoteView>();
        var reread = await (await owner.Api.GetAsync(Path($"notes/{note.Id}"))).ReadAsync<NoteView>();
        await (await owner.Api.DeleteAsync(Path($"notes/{note.Id}"))).ExpectAsync(HttpStatusCode.NoContent);

        Assert.Equal(("First *draft*", "<p>First <em>draft</em></p>\n", "Acceptable"), (read.Body, read.Html, read.Verdict));
        Assert.Equal(("Final **word**", "<p>Final <strong>word</strong></p>\n", "Recommended"), (changed.Body, changed.Html, changed.Verdict));
        Assert.Equal(["final"], changed.Tags);
        Assert.NotEqual(note.Version, changed.Version);
        Assert.Equal(changed.Version, reread.Version);
        Assert.Equal("Final **word**", reread.Body);
        await ProblemAsync(await owner.Api.GetAsync(Path($"notes/{note.Id}")), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OnlyTheAuthorEditsANoteAndAnotherMemberOrAnAdminGets403()
    {
        var member = await AddUserAsync("member", TeamRole.Member);
        var admin = await AddUserAsync("admin", TeamRole.Admin);
        var note = await NoteAsync("model", Echo, "Mine", user: member);

        var byOther = await owner.Api.PutJsonAsync(Path($"notes/{note.Id}"), new { body = "Overwritten by the owner" });
        var byAdmin = await admin.Api.PutJsonAsync(Path($"notes/{note.Id}"), new { body = "Overwritten by an admin" });
        var byAuthor = await (await member.Api.PutJsonAsync(Path($"notes/{note.Id}"), new { body = "Mine, edited" })).ReadAsync<NoteView>();

        await ProblemAsync(byOther, HttpStatusCode.Forbidden);
        await ProblemAsync(byAdmin, HttpStatusCode.Forbidden);
        Assert.Equal("Mine, edited", byAuthor.Body);
        Assert.True(byAuthor.CanEdit);
        Assert.False((await (await owner.Api.GetAsync(Path($"notes/{note.Id}"))).ReadAsync<NoteView>()).CanEdit);
    }

    [Fact]
    public async Task TheAuthorOrAnAdminDeletesANoteAndADifferentMemberGets403()
    {
        var author = await AddUserAsync("author", TeamRole.Member);
        var other = await AddUserAsync("other", TeamRole.Member);
        var admin = await AddUserAsync("admin", TeamRole.Admin);
        var byAuthor = await NoteAsync("model", Echo, "Deleted by its author", user: author);
        var byAdmin = await NoteAsync("model", Echo, "Deleted by an admin", user: author);

        await ProblemAsync(await other.Api.DeleteAsync(Path($"notes/{byAuthor.Id}")), HttpStatusCode.Forbidden);
        Assert.False((await (await other.Api.GetAsync(Path($"notes/{byAuthor.Id}"))).ReadAsync<NoteView>()).CanDelete);
        await (await author.Api.DeleteAsync(Path($"notes/{byAuthor.Id}"))).ExpectAsync(HttpStatusCode.NoContent);
        await (await admin.Api.DeleteAsync(Path($"notes/{byAdmin.Id}"))).ExpectAsync(HttpStatusCode.NoContent);

        Assert.Equal(0, (await (await owner.Api.GetAsync(Path("notes"))).ReadAsync<NoteList>()).Total);
    }

    [Fact]
    public async Task AViewerReadsNotesButCreatingOneAnswers403()
    {
        var viewer = await AddUserAsync("viewer", TeamRole.Viewer);
        var note = await NoteAsync("model", Echo, "Visible to viewers");

        var list = await (await viewer.Api.GetAsync(Path($"notes?model={Echo}"))).ReadAsync<NoteList>();
        var read = await (await viewer.Api.GetAsync(Path($"notes/{note.Id}"))).ReadAsync<NoteView>();
        var create = await viewer.Api.PostJsonAsync(Path("notes"), new { target = new { kind = "model", id = Echo }, body = "A viewer's note" });

        Assert.Equal([note.Id], list.Items.Select(n => n.Id));
        Assert.False(read.CanEdit || read.CanDelete);
        await ProblemAsync(create, HttpStatusCode.Forbidden);
        await ProblemAsync(await viewer.Api.DeleteAsync(Path($"notes/{note.Id}")), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TheVerdictAcceptsNotRecommendedWithASpaceAndAnswersNotRecommended()
    {
        var note = await NoteAsync("model", Echo, "Too slow for chat", "Not recommended");

        var json = await (await owner.Api.GetAsync(Path($"notes/{note.Id}"))).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("NotRecommended", note.Verdict);
        Assert.Contains("\"verdict\":\"NotRecommended\"", json);
    }

    [Fact]
    public async Task ABadKindAnUnknownSlugAnEmptyBodyOrABadVerdictAnswer400Or404ProblemsNamingTheField()
    {
        async Task<HttpResponseMessage> PostAsync(object note) => await owner.Api.PostJsonAsync(Path("notes"), note);

        await ProblemAsync(await PostAsync(new { target = new { kind = "planet", id = Echo }, body = "x" }), HttpStatusCode.BadRequest, "target.kind");
        await ProblemAsync(await PostAsync(new { target = new { kind = "model", id = "no-such-model" }, body = "x" }), HttpStatusCode.NotFound, "target.id");
        await ProblemAsync(await PostAsync(new { target = new { kind = "route", id = "abc" }, body = "x" }), HttpStatusCode.BadRequest, "target.id");
        await ProblemAsync(await PostAsync(new { target = new { kind = "route", id = "99999999" }, body = "x" }), HttpStatusCode.NotFound, "target.id");
        await ProblemAsync(await PostAsync(new { target = new { kind = "run", id = Guid.NewGuid() }, body = "x" }), HttpStatusCode.NotFound, "target.id");
        await ProblemAsync(await PostAsync(new { body = "x" }), HttpStatusCode.BadRequest, "target");
        await ProblemAsync(await PostAsync(new { target = new { kind = "model", id = Echo }, body = "   " }), HttpStatusCode.BadRequest, "body");
        await ProblemAsync(await PostAsync(new { target = new { kind = "model", id = Echo }, body = "x", verdict = "Meh" }), HttpStatusCode.BadRequest, "verdict");
        await ProblemAsync(await owner.Api.GetAsync(Path("notes?model=no-such-model")), HttpStatusCode.NotFound, "model");
        await ProblemAsync(await owner.Api.GetAsync(Path("notes?verdict=Meh")), HttpStatusCode.BadRequest, "verdict");
    }

    [Fact]
    public async Task APutWithAStaleVersionAnswers409AndKeepsTheNewerText()
    {
        var note = await NoteAsync("model", Echo, "Version one");
        await (await owner.Api.PutJsonAsync(Path($"notes/{note.Id}"), new { body = "Version two", version = note.Version })).ReadAsync<NoteView>();

        var stale = await owner.Api.PutJsonAsync(Path($"notes/{note.Id}"), new { body = "Version one, edited in an old tab", version = note.Version });

        await ProblemAsync(stale, HttpStatusCode.Conflict);
        Assert.Equal("Version two", (await (await owner.Api.GetAsync(Path($"notes/{note.Id}"))).ReadAsync<NoteView>()).Body);
    }
}
