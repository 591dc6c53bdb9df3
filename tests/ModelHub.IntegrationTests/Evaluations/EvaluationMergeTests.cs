using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ModelHub.Web.Features.Catalog.Identity;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Comparisons;
using ModelHub.Web.Features.Evaluations;

namespace ModelHub.IntegrationTests.Evaluations;

/// <summary>A catalog merge moves a model's routes and hides it: the team's notes and scores on it move with them.</summary>
[Trait("Database", "true")]
public sealed class EvaluationMergeTests : EvaluationTest
{
    private async Task MergeAsync(string from, string into)
    {
        var admin = await app.CreateUserAsync($"admin-{Guid.NewGuid():N}@example.com", admin: true);
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<CatalogIdentityService>().MergeAsync(new Caller(admin.Id, true), from, into);
    }

    [Fact]
    public async Task AfterAMergeNotesScoresAndTheLeaderboardCountForTheModelTheRoutesNowBelongTo()
    {
        var rubric = await DefaultRubricAsync();
        var run = await RunOnRoutesAsync("Before the merge", textOnlyRouteId, textOnlyRouteId, textOnlyRouteId);
        foreach (var answer in run.Targets)
        {
            await ScoreAsync(rubric, answer.Id, 4, 4, true);
        }

        var onModel = await NoteAsync("model", Text, "On the model", "Recommended");
        var onRoute = await NoteAsync("route", textOnlyRouteId.ToString(System.Globalization.CultureInfo.InvariantCulture), "On its route");
        var onAnswer = await NoteAsync("runTarget", run.Targets[0].Id.ToString(), "On its answer");
        var onRun = await NoteAsync("run", run.Id.ToString(), "On a run of it alone");
        var onEcho = await NoteAsync("model", Echo, "On the model it is merged into");

        await MergeAsync(Text, Echo);

        var byOldName = await NoteAsync("model", Text, "Written with the old slug");
        var byEcho = await (await owner.Api.GetAsync(Path($"notes?model={Echo}"))).ReadAsync<NoteList>();
        var byOldSlug = await (await owner.Api.GetAsync(Path($"notes?model={Text}"))).ReadAsync<NoteList>();
        var scores = await (await owner.Api.GetAsync(Path($"scores?model={Echo}"))).ReadAsync<List<ScoreView>>();
        var board = await LeaderboardAsync();
        var comparison = await (await owner.Api.PostJsonAsync(Path("comparisons"), new ComparisonInput("After the merge", [Echo, "glm-4v-9b"])))
            .ReadAsync<ComparisonView>(HttpStatusCode.Created);
        var export = await (await owner.Api.GetAsync(Path("evaluations/export?kind=notes&format=jsonl"))).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal((Echo, Echo), (byOldName.Target.Id, byOldName.Target.ModelSlug));
        Assert.Equal([byOldName.Id, onEcho.Id, onRun.Id, onAnswer.Id, onRoute.Id, onModel.Id], byEcho.Items.Select(n => n.Id));
        Assert.All(byEcho.Items, n => Assert.Equal(Echo, n.Target.ModelSlug));
        Assert.Equal(byEcho.Items.Select(n => n.Id), byOldSlug.Items.Select(n => n.Id));
        Assert.Equal(3, scores.Count);
        Assert.Equal((Echo, 3), board.Criteria.Single(c => c.Criterion == "Correctness").Models.Select(m => (m.ModelSlug, m.Count)).Single());
        var notes = comparison.Evaluations.Single(e => e.ModelSlug == Echo && e.Label == EvaluationEvidenceSource.NotesLabel);
        Assert.Equal((6, "6 notes: 1 Recommended"), (notes.Count, notes.Display));
        Assert.DoesNotContain($"\"model_slug\":\"{Text}\"", export);
        Assert.Equal(6, export.Split($"\"model_slug\":\"{Echo}\"").Length - 1);
    }
}
