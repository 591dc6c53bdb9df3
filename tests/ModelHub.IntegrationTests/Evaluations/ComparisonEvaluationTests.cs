using System.Net;
using ModelHub.Web.Features.Comparisons;
using ModelHub.Web.Features.Evaluations;

namespace ModelHub.IntegrationTests.Evaluations;

/// <summary>Issue 12 into comparisons: each compared model's scores, vote rating and notes with their counts, and the scores weight.</summary>
[Trait("Database", "true")]
public sealed class ComparisonEvaluationTests : EvaluationTest
{
    private async Task<ComparisonView> CompareAsync(ComparisonWeights? weights = null) =>
        await (await owner.Api.PostJsonAsync(Path("comparisons"), new ComparisonInput("Echo or text", [Echo, Text], Weights: weights)))
            .ReadAsync<ComparisonView>(HttpStatusCode.Created);

    /// <summary>Ten echo answers scored 5, 5 and passed; two text answers scored 2, 3 and one passed; twelve blind votes; three notes.</summary>
    private async Task AddEvidenceAsync()
    {
        var rubric = await DefaultRubricAsync();
        foreach (var answer in await AnswersAsync(echoRouteId, 10))
        {
            await ScoreAsync(rubric, answer.Id, 5, 5, true);
        }

        var text = await AnswersAsync(textOnlyRouteId, 2);
        await ScoreAsync(rubric, text[0].Id, 2, 3, true);
        await ScoreAsync(rubric, text[1].Id, 2, 3, false);
        for (var i = 0; i < 3; i++)
        {
            var run = await RunOnRoutesAsync($"Duel {i}", echoRouteId, textOnlyRouteId, echoRouteId, textOnlyRouteId);
            var t = run.Targets;
            await VoteAsync(run.Id, t[0].Id, t[1].Id, "Left");
            await VoteAsync(run.Id, t[2].Id, t[3].Id, "Left");
            await VoteAsync(run.Id, t[0].Id, t[3].Id, "Tie");
            await VoteAsync(run.Id, t[1].Id, t[2].Id, "Right");
        }

        await NoteAsync("model", Echo, "Reliable", "Recommended");
        await NoteAsync("route", echoRouteId.ToString(System.Globalization.CultureInfo.InvariantCulture), "Pricey route", "Acceptable");
        await NoteAsync("model", Text, "Too terse", "Not recommended");
    }

    [Fact]
    public async Task TheComparisonCarriesEachModelsCriteriaVoteRatingAndTeamNotesWithCounts()
    {
        await AddEvidenceAsync();

        var view = await (await owner.Api.GetAsync(Path($"comparisons/{(await CompareAsync()).Id}"))).ReadAsync<ComparisonView>();
        EvaluationEvidence Evidence(string slug, string label) => view.Evaluations.Single(e => e.ModelSlug == slug && e.Label == label);

        var correctness = Evidence(Echo, "Correctness");
        Assert.Equal((1.0, 10, false), (correctness.Score, correctness.Count, correctness.TooFewToRank));
        Assert.StartsWith("5 of 5", correctness.Display);
        var textCorrectness = Evidence(Text, "Correctness");
        Assert.Equal((0.25, 2, true), (textCorrectness.Score, textCorrectness.Count, textCorrectness.TooFewToRank));
        Assert.Equal(0.5, Evidence(Text, "Helpfulness").Score);
        var format = Evidence(Text, "Format followed");
        Assert.Equal((0.5, 2), (format.Score, format.Count));
        Assert.StartsWith("50% pass", format.Display);

        var echoVotes = Evidence(Echo, EvaluationEvidenceSource.VoteLabel);
        var textVotes = Evidence(Text, EvaluationEvidenceSource.VoteLabel);
        Assert.Equal((12, 12), (echoVotes.Count, textVotes.Count));
        Assert.True(echoVotes.Score > 0.5 && textVotes.Score < 0.5, $"{echoVotes.Score} {textVotes.Score}");
        Assert.Contains("9 won, 0 lost, 3 tied", echoVotes.Display);

        var echoNotes = Evidence(Echo, EvaluationEvidenceSource.NotesLabel);
        Assert.Equal((2, null, "2 notes: 1 Recommended, 1 Acceptable"), (echoNotes.Count, echoNotes.Score, echoNotes.Display));
        Assert.Equal("1 note: 1 Not recommended", Evidence(Text, EvaluationEvidenceSource.NotesLabel).Display);
        Assert.Equal(
            ["Correctness", "Helpfulness", "Format followed", EvaluationEvidenceSource.VoteLabel, EvaluationEvidenceSource.NotesLabel],
            view.Evaluations.Where(e => e.ModelSlug == Echo).Select(e => e.Label));
    }

    [Fact]
    public async Task AWeightOnTeamScoresChangesTheRanking()
    {
        await AddEvidenceAsync();
        var costOnly = new ComparisonWeights(Cost: 1, Context: 0, Speed: 0, Benchmarks: 0, Scores: 0);
        var scoresToo = costOnly with { Scores = 5 };

        var byCost = (await CompareAsync(costOnly)).Analysis.Ranking;
        var byScores = (await CompareAsync(scoresToo)).Analysis.Ranking;

        // Text is far cheaper; echo's ten top scores and its vote rating outweigh that once scores count five times as much.
        Assert.Equal([(Text, (int?)1), (Echo, 2)], byCost.Select(r => (r.Slug, r.Rank)));
        Assert.Equal([(Echo, (int?)1), (Text, 2)], byScores.Select(r => (r.Slug, r.Rank)));
        Assert.Contains(byScores.Single(r => r.Slug == Echo).Explanation, line => line.StartsWith("scores 5×: mean of 4 evaluations", StringComparison.Ordinal));
        Assert.Contains(byScores.Single(r => r.Slug == Text).Explanation, line => line.StartsWith("scores 5×: mean of 1 evaluation", StringComparison.Ordinal));
    }
}
