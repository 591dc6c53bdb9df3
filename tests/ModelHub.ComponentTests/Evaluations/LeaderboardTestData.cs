using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Evaluations;
using ModelHub.Web.Features.Playground.Runs;

namespace ModelHub.ComponentTests.Evaluations;

/// <summary>
/// Finished runs on the seeded catalog's routes, written to the database, and scores and votes on their answers given
/// through the app's own services, as reviewers would give them.
/// </summary>
internal sealed class LeaderboardTestData(AppServices app, Guid teamId, Caller author)
{
    /// <summary>The provider route a model is served on in the seeded catalog (gpt-4o, gpt-4.1 on OpenAI; claude-sonnet-4 on Anthropic).</summary>
    public async Task<(int RouteId, string Slug, string Name)> RouteAsync(string slug, string provider)
    {
        await using var db = await app.Get<IDbContextFactory<ModelHubDbContext>>().CreateDbContextAsync();
        var route = await db.Routes.Where(r => r.Model.Slug == slug && r.Provider.Slug == provider)
            .Select(r => new { r.Id, r.ProviderModelId, Model = r.Model.Name, Provider = r.Provider.Name }).SingleAsync();
        return (route.Id, slug, $"{route.Provider} · {route.ProviderModelId}");
    }

    /// <summary>A finished run of one prompt on the given routes; returns each answer's id, in the order given.</summary>
    public async Task<IReadOnlyList<Guid>> RunAsync(string prompt, params (int RouteId, string Slug, string Name)[] routes)
    {
        await using var db = await app.Get<IDbContextFactory<ModelHubDbContext>>().CreateDbContextAsync();
        var run = new PlaygroundRun
        {
            TeamId = teamId,
            AuthorUserId = author.UserId,
            Title = prompt,
            MessagesJson = JsonSerializer.Serialize(new[] { new { role = "User", text = prompt } }),
            ParametersJson = "{}",
            Status = RunStatus.Succeeded,
        };
        for (var i = 0; i < routes.Length; i++)
        {
            var (routeId, slug, name) = routes[i];
            run.Targets.Add(new RunTarget
            {
                Position = i,
                ConnectionName = "Prod",
                RouteId = routeId,
                ModelSlug = slug,
                ProviderModelId = name[(name.IndexOf('·') + 2)..],
                DisplayName = $"{name} · Prod",
                Status = RunStatus.Succeeded,
                Output = $"An answer to '{prompt}' from {slug}.",
                TotalMs = 800,
                CostUsd = 0.001m,
            });
        }

        db.PlaygroundRuns.Add(run);
        await db.SaveChangesAsync();
        return run.Targets.OrderBy(t => t.Position).Select(t => t.Id).ToList();
    }

    public async Task<RubricView> DefaultRubricAsync() =>
        (await app.Get<RubricService>().ListAsync(author, teamId)).Single(r => r.IsDefault);

    /// <summary>Scores one answer on the default rubric: correctness and helpfulness from 1 to 5, and whether it followed the format.</summary>
    public async Task ScoreAsync(Caller reviewer, Guid answerId, double correctness, bool formatFollowed, params string[] tags)
    {
        var rubric = await DefaultRubricAsync();
        var values = new Dictionary<string, JsonElement>
        {
            [rubric.Criteria.Single(c => c.Name == "Correctness").Id.ToString()] = JsonSerializer.SerializeToElement(correctness),
            [rubric.Criteria.Single(c => c.Name == "Helpfulness").Id.ToString()] = JsonSerializer.SerializeToElement(correctness),
            [rubric.Criteria.Single(c => c.Name == "Format followed").Id.ToString()] = JsonSerializer.SerializeToElement(formatFollowed),
        };
        await app.Get<ScoreService>().SubmitAsync(reviewer, teamId, new ScoreInput(answerId, rubric.Id, null, values, "Checked against the policy.", tags));
    }

    /// <summary>
    /// <paramref name="count"/> answers of one model, scored by <paramref name="reviewer"/>: correctness cycles through
    /// <paramref name="correctness"/>, and the first <paramref name="passes"/> followed the format.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> ScoreManyAsync(
        Caller reviewer, (int RouteId, string Slug, string Name) route, int count, double[] correctness, int passes, params string[] tags)
    {
        var answers = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var answer = (await RunAsync($"Question {i + 1} for {route.Slug}", route))[0];
            await ScoreAsync(reviewer, answer, correctness[i % correctness.Length], i < passes, tags);
            answers.Add(answer);
        }

        return answers;
    }

    /// <summary>A blind vote between two answers of one fresh run on <paramref name="left"/> and <paramref name="right"/>.</summary>
    public async Task VoteAsync(Caller voter, (int RouteId, string Slug, string Name) left, (int RouteId, string Slug, string Name) right, string outcome)
    {
        var run = await RunAsync($"Which is better, {left.Slug} or {right.Slug}?", left, right);
        await using var db = await app.Get<IDbContextFactory<ModelHubDbContext>>().CreateDbContextAsync();
        var runId = await db.RunTargets.Where(t => t.Id == run[0]).Select(t => t.RunId).SingleAsync();
        await app.Get<VoteService>().SubmitAsync(voter, teamId, new VoteInput(runId, run[0], run[1], outcome));
    }

    /// <summary>Moves every score of <paramref name="slug"/> to <paramref name="day"/>, as if given then.</summary>
    public async Task BackdateScoresAsync(string slug, DateTime day)
    {
        await using var db = await app.Get<IDbContextFactory<ModelHubDbContext>>().CreateDbContextAsync();
        await db.EvaluationScores.Where(s => s.TeamId == teamId && s.ModelSlug == slug).ExecuteUpdateAsync(s => s.SetProperty(x => x.CreatedAtUtc, day));
    }
}
