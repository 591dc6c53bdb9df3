using AngleSharp.Dom;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Evaluations;
using ModelHub.Web.Features.Teams;
using MudBlazor;

namespace ModelHub.ComponentTests.Evaluations;

public sealed class RubricsPageTests : ComponentTest
{
    private const string Email = "ola@example.com";
    private AppServices app = null!;
    private Caller owner = null!;
    private Guid teamId;
    private IRenderedComponent<MudPopoverProvider> popovers = null!;

    public override async ValueTask InitializeAsync()
    {
        app = await AppServices.StartAsync();
        app.Share<TeamService>(this).Share<ActiveTeamState>(this).Share<RubricService>(this);
        owner = await app.CreateUserAsync(Email);
        teamId = (await app.Get<TeamService>().CreateTeamAsync(owner, "Support")).Id;
        SignIn(owner.UserId, Email);
        popovers = RenderPopovers();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public void TheDefaultRubricIsListedWithItsCriteriaAndBadge()
    {
        var page = Render<RubricsPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=rubric]")));
        var rubric = page.Find("[data-testid=rubric]");
        Assert.Equal(RubricService.DefaultRubricName, rubric.QuerySelector("h2")!.TextContent.Trim());
        Assert.Contains("Default", rubric.TextContent);
        Assert.Equal("0 scores", rubric.QuerySelector("[data-testid=score-count]")!.TextContent.Trim());
        Assert.Equal(
            ["Correctness Numeric 1 to 5", "Helpfulness Numeric 1 to 5", "Format followed Boolean yes or no"],
            rubric.QuerySelectorAll("tbody tr").Select(r => string.Join(' ', r.Children.Select(c => c.TextContent.Trim()))));
    }

    [Fact]
    public async Task AnAdminCreatesARubricWithANumericAndACategoricalCriterion()
    {
        var page = Render<RubricsPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=rubric-form]"));

        page.Find("#rubric-name").Input("Support answers");
        page.Find("#rubric-description").Input("Judged against the refund policy.");
        page.Find("#criterion-0-name").Input("Accuracy");
        page.Find("#criterion-0-min").Input("0");
        page.Find("#criterion-0-max").Input("10");
        Click(page, "Add criterion");
        page.WaitForAssertion(() => page.Find("#criterion-1-name").Input("Tone"));
        ChooseKind(page, 2, "One of some labels");
        page.WaitForAssertion(() => page.Find("#criterion-1-labels").Input("warm, neutral, curt"));
        Click(page, "Create rubric");

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=rubric]").Count));
        var created = page.FindAll("[data-testid=rubric]").Single(r => r.QuerySelector("h2")!.TextContent.Trim() == "Support answers");
        Assert.Equal(["Accuracy Numeric 0 to 10", "Tone Categorical warm, neutral, curt"],
            created.QuerySelectorAll("tbody tr").Select(r => string.Join(' ', r.Children.Select(c => c.TextContent.Trim()))));
        var stored = (await app.Get<RubricService>().ListAsync(owner, teamId)).Single(r => r.Name == "Support answers");
        Assert.Equal("Judged against the refund policy.", stored.Description);
        Assert.Equal(["warm", "neutral", "curt"], stored.Criteria[1].Labels);
        // The form is empty again for the next rubric.
        Assert.Equal("", page.Find("#rubric-name").GetAttribute("value") ?? "");
        Assert.Single(page.FindAll("[data-testid=criterion-row]"));
    }

    [Fact]
    public void ARefusedRubricShowsWhichRowIsWrongAndKeepsEverythingTyped()
    {
        var page = Render<RubricsPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=rubric-form]"));

        page.Find("#rubric-name").Input("Support answers");
        page.Find("#criterion-0-name").Input("Accuracy");
        Click(page, "Add criterion");
        page.WaitForAssertion(() => page.Find("#criterion-1-name").Input("Tone"));
        ChooseKind(page, 2, "One of some labels");
        page.WaitForAssertion(() => page.Find("#criterion-1-labels").Input("warm"));
        Click(page, "Create rubric");

        page.WaitForAssertion(() => Assert.StartsWith("Criterion 2, labels: a categorical criterion needs 2 to", page.Find("[role=alert]").TextContent.Trim()));
        Assert.Equal("Support answers", page.Find("#rubric-name").GetAttribute("value"));
        Assert.Equal("Accuracy", page.Find("#criterion-0-name").GetAttribute("value"));
        Assert.Equal("Tone", page.Find("#criterion-1-name").GetAttribute("value"));
        Assert.Equal("warm", page.Find("#criterion-1-labels").GetAttribute("value"));
        Assert.Single(page.FindAll("[data-testid=rubric]"));
    }

    [Fact]
    public async Task AMemberReadsTheRubricsWithoutAFormOrRemoveButtons()
    {
        var member = await app.CreateUserAsync("mo@example.com");
        await app.JoinAsync(owner, teamId, member, TeamRole.Member);
        SignIn(member.UserId, "mo@example.com");

        var page = Render<RubricsPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=rubric]")));
        Assert.Empty(page.FindAll("[data-testid=rubric-form]"));
        Assert.Contains("Admins and Owners of Support define rubrics", page.Find("[data-testid=rubrics-read-only]").TextContent);
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Trim() is "Delete" or "Archive" or "Create rubric");
    }

    [Fact]
    public async Task DeletingAnUnusedRubricRemovesItAfterConfirmation()
    {
        await app.Get<RubricService>().CreateAsync(owner, teamId, new RubricInput("Tone", null, [new CriterionInput("Polite", "Boolean", null, null, null)]));
        var dialogs = Render<MudDialogProvider>();
        var page = Render<RubricsPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=rubric]").Count));

        page.Find("button[aria-label='Delete Tone']").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Nobody has scored with it yet", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").Click();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=rubric]")));
        Assert.DoesNotContain(await app.Get<RubricService>().ListAsync(owner, teamId, includeArchived: true), r => r.Name == "Tone");
    }

    [Fact]
    public async Task ARubricWithScoresIsArchivedAndTheDialogSaysItsScoresKeepCounting()
    {
        var data = new LeaderboardTestData(app, teamId, owner);
        await data.ScoreManyAsync(owner, await data.RouteAsync("gpt-4o", "openai"), 2, [4], passes: 2);
        var dialogs = Render<MudDialogProvider>();
        var page = Render<RubricsPage>();
        page.WaitForAssertion(() => Assert.Equal("2 scores", page.Find("[data-testid=score-count]").TextContent.Trim()));

        page.Find($"button[aria-label='Archive {RubricService.DefaultRubricName}']").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("has 2 scores, so it is archived rather than deleted", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Archive").Click();

        page.WaitForAssertion(() => Assert.Contains("Archived", page.Find("[data-testid=rubric]").TextContent));
        Assert.Empty(page.FindAll($"button[aria-label='Archive {RubricService.DefaultRubricName}']"));
        Assert.True((await app.Get<RubricService>().ListAsync(owner, teamId, includeArchived: true)).Single(r => r.IsDefault).IsArchived);
    }

    private static void Click(IRenderedComponent<RubricsPage> page, string text) =>
        page.FindAll("button").Single(b => b.TextContent.Trim() == text).Click();

    /// <summary>Opens the kind menu of criterion <paramref name="row"/> (1-based) and picks <paramref name="kind"/>.</summary>
    private void ChooseKind(IRenderedComponent<RubricsPage> page, int row, string kind)
    {
        page.WaitForAssertion(() => page.Find($"[aria-label='Kind of criterion {row}']").Closest(".mud-input-control")!.MouseDown());
        popovers.WaitForAssertion(() => popovers.FindAll("[role=option]").Single(o => o.TextContent.Trim() == kind).Click());
    }
}
