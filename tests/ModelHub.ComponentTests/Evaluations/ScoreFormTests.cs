using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Evaluations;
using ModelHub.Web.Features.Evaluations.Scoring;
using ModelHub.Web.Features.Playground.Runs;
using ModelHub.Web.Features.Teams;

namespace ModelHub.ComponentTests.Evaluations;

public sealed class ScoreFormTests : ComponentTest
{
    private const string Email = "rev@example.com";
    private AppServices app = null!;
    private Caller owner = null!;
    private Guid teamId;
    private IRenderedComponent<MudBlazor.MudPopoverProvider> popovers = null!;

    public override async ValueTask InitializeAsync()
    {
        app = await AppServices.StartAsync();
        app.Share<RubricService>(this).Share<ScoreService>(this);
        owner = await app.CreateUserAsync(Email);
        teamId = (await app.Get<TeamService>().CreateTeamAsync(owner, "Platform")).Id;
        SignIn(owner.UserId, Email);
        popovers = RenderPopovers();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await app.DisposeAsync();
    }

    private async Task<RunTargetView> AddAnswerAsync(RunStatus status = RunStatus.Succeeded)
    {
        await using var db = await app.Get<IDbContextFactory<ModelHubDbContext>>().CreateDbContextAsync();
        var run = new PlaygroundRun
        {
            TeamId = teamId, AuthorUserId = owner.UserId, Title = "Refunds", MessagesJson = """[{"role":"User","text":"Refunds?"}]""", ParametersJson = "{}",
            Status = status,
        };
        run.Targets.Add(new RunTarget
        {
            ConnectionName = "Prod", ProviderModelId = "gpt-4o", DisplayName = "GPT-4o · Prod", ModelSlug = "gpt-4o", Status = status,
            Output = "Refunds take five days.", TimeToFirstTokenMs = 100, TotalMs = 900, InputTokens = 10, OutputTokens = 5, CostUsd = 0.001m,
        });
        db.PlaygroundRuns.Add(run);
        await db.SaveChangesAsync();
        return RunTargetView.From(run.Targets[0]);
    }

    private IRenderedComponent<ScoreForm> RenderOpen(RunTargetView answer)
    {
        var form = Render<ScoreForm>(p => p.Add(f => f.TeamId, teamId).Add(f => f.Answer, answer).Add(f => f.CanScore, true).Add(f => f.InitiallyOpen, true));
        form.WaitForAssertion(() => Assert.NotEmpty(form.FindAll("[data-testid=score-form]")));
        return form;
    }

    private static IElement Criterion(IRenderedComponent<ScoreForm> form, string name) =>
        form.FindAll("fieldset[data-testid=criterion]").Single(f => f.QuerySelector("legend")!.TextContent.StartsWith(name + " ", StringComparison.Ordinal));

    private static IReadOnlyList<string> Choices(IElement criterion) =>
        criterion.QuerySelectorAll("label.mud-radio").Select(l => l.TextContent.Trim()).ToList();

    private static IHtmlInputElement Radio(IRenderedComponent<ScoreForm> form, string criterion, string choice) =>
        (IHtmlInputElement)Criterion(form, criterion).QuerySelectorAll("label.mud-radio").Single(l => l.TextContent.Trim() == choice).QuerySelector("input[type=radio]")!;

    private static void Choose(IRenderedComponent<ScoreForm> form, string criterion, string choice) => Radio(form, criterion, choice).Click();

    private static string Comment(IRenderedComponent<ScoreForm> form) =>
        form.Find("[data-testid=score-comment]").GetAttribute("value") ?? form.Find("[data-testid=score-comment]").TextContent;

    private static void Save(IRenderedComponent<ScoreForm> form) => form.Find("[data-testid=save-score]").Click();

    [Fact]
    public async Task TheDefaultRubricIsPreselectedWithAOneToFiveChoiceForEachNumericCriterionAndYesOrNoForTheBooleanOne()
    {
        var form = RenderOpen(await AddAnswerAsync());

        Assert.Contains("General quality", form.Find("[data-testid=score-form]").TextContent);
        var criteria = form.FindAll("fieldset[data-testid=criterion]");
        Assert.Equal(["Numeric", "Numeric", "Boolean"], criteria.Select(c => c.GetAttribute("data-kind")));
        Assert.Equal(["1", "2", "3", "4", "5"], Choices(Criterion(form, "Correctness")));
        Assert.Equal(["1", "2", "3", "4", "5"], Choices(Criterion(form, "Helpfulness")));
        Assert.Equal(["Yes", "No"], Choices(Criterion(form, "Format followed")));
        Assert.Contains("(1–5)", Criterion(form, "Correctness").QuerySelector("legend")!.TextContent);
        // Nothing is chosen for the reviewer: an untouched criterion is not sent.
        Assert.DoesNotContain(form.FindAll("input[type=radio]").Cast<IHtmlInputElement>(), r => r.IsChecked);
    }

    [Fact]
    public async Task ACategoricalCriterionOffersItsLabelsAndAWideNumericRangeANumberField()
    {
        var rubrics = app.Get<RubricService>();
        await rubrics.CreateAsync(owner, teamId, new RubricInput("Tone check", null,
            [new CriterionInput("Tone", "Categorical", null, null, ["friendly", "neutral", "curt"]), new CriterionInput("Words", "Numeric", 0, 500, null)]));
        var form = RenderOpen(await AddAnswerAsync());

        // Two rubrics: the default is preselected and the other can be chosen.
        form.Find("[data-testid=rubric]").Closest(".mud-input-control")!.MouseDown();
        popovers.WaitForAssertion(() => popovers.FindAll("[role=option]").Single(o => o.TextContent.Trim() == "Tone check").Click());

        form.WaitForAssertion(() => Assert.Equal(["Categorical", "Numeric"], form.FindAll("fieldset[data-testid=criterion]").Select(c => c.GetAttribute("data-kind"))));
        Assert.Equal(["friendly", "neutral", "curt"], Choices(Criterion(form, "Tone")));
        var words = Criterion(form, "Words");
        Assert.Empty(words.QuerySelectorAll("input[type=radio]"));
        Assert.Equal("Words, from 0–500", words.QuerySelector("input")!.GetAttribute("aria-label"));
    }

    [Fact]
    public async Task SavingPostsTheValuesByCriterionShowsTheSavedScoreAndASecondSaveReplacesIt()
    {
        var answer = await AddAnswerAsync();
        var form = RenderOpen(answer);

        Choose(form, "Correctness", "4");
        Choose(form, "Format followed", "Yes");
        form.Find("[data-testid=score-comment]").Input("Accurate but terse.");
        Save(form);

        form.WaitForAssertion(() => Assert.Contains("Your score is saved", form.Find("[data-testid=score-saved]").TextContent));
        Assert.Contains("Correctness 4 / 5", form.Find("[data-testid=score-saved]").TextContent);
        Assert.Contains("Format followed yes", form.Find("[data-testid=score-saved]").TextContent);
        var listed = Assert.Single(form.FindAll("[data-testid=score-item]"));
        Assert.StartsWith("You", listed.TextContent.Trim());
        Assert.Contains("Accurate but terse.", listed.TextContent);
        var rubric = (await app.Get<RubricService>().ListAsync(owner, teamId)).Single();
        var saved = Assert.Single(await app.Get<ScoreService>().ListAsync(owner, teamId, new ScoreQuery(RunTargetId: answer.Id)));
        Assert.Equal(rubric.Id, saved.RubricId);
        Assert.Equal("Accurate but terse.", saved.Comment);
        Assert.Equal(2, saved.Values.Count);
        Assert.Equal(4, saved.Values.Single(v => v.CriterionId == rubric.Criteria[0].Id).Number);
        Assert.True(saved.Values.Single(v => v.CriterionId == rubric.Criteria[2].Id).Passed);

        // Saving again replaces the reviewer's score rather than adding one.
        Assert.Equal("Update my score", form.Find("[data-testid=save-score]").TextContent.Trim());
        Choose(form, "Correctness", "5");
        Save(form);
        form.WaitForAssertion(() => Assert.Contains("replaces the one you gave before", form.Find("[data-testid=score-saved]").TextContent));
        Assert.Single(form.FindAll("[data-testid=score-item]"));
        var replaced = Assert.Single(await app.Get<ScoreService>().ListAsync(owner, teamId, new ScoreQuery(RunTargetId: answer.Id)));
        Assert.Equal(5, replaced.Values.Single(v => v.CriterionId == rubric.Criteria[0].Id).Number);
    }

    [Fact]
    public async Task AReviewersEarlierScoreFillsTheFormAndOthersScoresAreListed()
    {
        var answer = await AddAnswerAsync();
        var rubric = (await app.Get<RubricService>().ListAsync(owner, teamId)).Single();
        var colleague = await app.CreateUserAsync("col@example.com");
        await app.JoinAsync(owner, teamId, colleague, TeamRole.Member);
        var scores = app.Get<ScoreService>();
        await scores.SubmitAsync(colleague, teamId, Input(answer.Id, rubric, 2, "Misses the deadline."));
        await scores.SubmitAsync(owner, teamId, Input(answer.Id, rubric, 3, "Fine."));

        var form = Render<ScoreForm>(p => p.Add(f => f.TeamId, teamId).Add(f => f.Answer, answer).Add(f => f.CanScore, true));

        // Collapsed: one line says who scored.
        form.WaitForAssertion(() => Assert.Equal("you scored it · 1 score by another reviewer", form.Find("[data-testid=score-count]").TextContent.Trim()));
        Assert.Empty(form.FindAll("[data-testid=score-form]"));
        Assert.Equal("Change your score", form.Find("[data-testid=score-toggle]").TextContent.Trim());

        form.Find("[data-testid=score-toggle]").Click();
        form.WaitForAssertion(() => Assert.True(Radio(form, "Correctness", "3").IsChecked));
        Assert.Equal("Fine.", Comment(form));
        var items = form.FindAll("[data-testid=score-item]");
        Assert.Equal(2, items.Count);
        Assert.Contains(items, i => i.TextContent.Contains("col@example.com") && i.TextContent.Contains("Correctness: 2 / 5") && i.TextContent.Contains("Misses the deadline."));
    }

    [Fact]
    public async Task AViewerSeesTheScoresButNoForm()
    {
        var answer = await AddAnswerAsync();
        var rubric = (await app.Get<RubricService>().ListAsync(owner, teamId)).Single();
        await app.Get<ScoreService>().SubmitAsync(owner, teamId, Input(answer.Id, rubric, 4, "Good."));
        var viewer = await app.CreateUserAsync("view@example.com");
        await app.JoinAsync(owner, teamId, viewer, TeamRole.Viewer);
        SignIn(viewer.UserId, "view@example.com");

        var form = Render<ScoreForm>(p => p.Add(f => f.TeamId, teamId).Add(f => f.Answer, answer).Add(f => f.CanScore, false));

        form.WaitForAssertion(() => Assert.Equal("Reviewers' scores (1)", form.Find("[data-testid=score-toggle]").TextContent.Trim()));
        form.Find("[data-testid=score-toggle]").Click();
        form.WaitForAssertion(() => Assert.Contains(Email, form.Find("[data-testid=score-item]").TextContent));
        Assert.Empty(form.FindAll("[data-testid=score-form]"));
        Assert.Empty(form.FindAll("[data-testid=save-score]"));
        Assert.Empty(form.FindAll("input[type=radio]"));
    }

    [Fact]
    public async Task AViewerSeesNothingOfScoringOnAnAnswerNobodyScored()
    {
        var answer = await AddAnswerAsync();
        var viewer = await app.CreateUserAsync("view@example.com");
        await app.JoinAsync(owner, teamId, viewer, TeamRole.Viewer);
        SignIn(viewer.UserId, "view@example.com");

        var form = Render<ScoreForm>(p => p.Add(f => f.TeamId, teamId).Add(f => f.Answer, answer).Add(f => f.CanScore, false));

        Assert.Equal("", form.Markup.Trim());
    }

    [Fact]
    public async Task ARefusedScoreKeepsEveryValueAndTheCommentAsEntered()
    {
        var answer = await AddAnswerAsync();
        var form = RenderOpen(answer);

        // Nothing chosen: the form says what to do and keeps the comment.
        form.Find("[data-testid=score-comment]").Input("Half done.");
        Save(form);
        form.WaitForAssertion(() => Assert.Contains("Give at least one criterion a value", form.Find("[role=alert]").TextContent));
        Assert.Equal("Half done.", Comment(form));

        // The service refuses an overlong comment: the message names the field and nothing entered is lost.
        var longComment = new string('x', EvaluationLimits.MaxCommentLength + 1);
        Choose(form, "Correctness", "2");
        Choose(form, "Format followed", "No");
        form.Find("[data-testid=score-comment]").Input(longComment);
        Save(form);

        form.WaitForAssertion(() => Assert.Contains("comment", form.Find("[role=alert]").TextContent));
        Assert.True(Radio(form, "Correctness", "2").IsChecked);
        Assert.True(Radio(form, "Format followed", "No").IsChecked);
        Assert.Equal(longComment, Comment(form));
        Assert.Empty(form.FindAll("[data-testid=score-saved]"));
        Assert.Empty(await app.Get<ScoreService>().ListAsync(owner, teamId, new ScoreQuery(RunTargetId: answer.Id)));
    }

    [Fact]
    public async Task ARunPanelOffersScoringOnlyOnceItsAnswerHasFinished()
    {
        var answer = await AddAnswerAsync();

        var panel = Render<RunPanel>(p => p.Add(x => x.Target, answer with { Status = RunStatus.Running }).Add(x => x.TeamId, teamId).Add(x => x.Role, TeamRole.Member));
        Assert.Empty(panel.FindAll("[data-testid=score]"));

        panel.Render(p => p.Add(x => x.Target, answer));
        panel.WaitForAssertion(() => Assert.Equal("Score this answer", panel.Find("[data-testid=score-toggle]").TextContent.Trim()));
        Assert.Equal("false", panel.Find("[data-testid=score-toggle]").GetAttribute("aria-expanded"));
        Assert.Empty(panel.FindAll("[data-testid=score-form]"));
    }

    private static ScoreInput Input(Guid answerId, RubricView rubric, int correctness, string comment) => new(
        answerId, rubric.Id, null, new Dictionary<string, System.Text.Json.JsonElement> { [rubric.Criteria[0].Id.ToString()] = System.Text.Json.JsonSerializer.SerializeToElement(correctness) },
        comment);
}
