using System.Globalization;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Evaluations;
using ModelHub.Web.Features.Teams;

namespace ModelHub.ComponentTests.Evaluations;

public sealed class LeaderboardPageTests : ComponentTest
{
    private const string Email = "rae@example.com";
    private AppServices app = null!;
    private Caller owner = null!;
    private Guid teamId;
    private LeaderboardTestData data = null!;
    private (int RouteId, string Slug, string Name) gpt4o;
    private (int RouteId, string Slug, string Name) gpt41;
    private (int RouteId, string Slug, string Name) sonnet;

    public override async ValueTask InitializeAsync()
    {
        app = await AppServices.StartAsync();
        app.Share<TeamService>(this).Share<ActiveTeamState>(this).Share<LeaderboardService>(this).Share<RubricService>(this);
        owner = await app.CreateUserAsync(Email);
        teamId = (await app.Get<TeamService>().CreateTeamAsync(owner, "Support")).Id;
        data = new LeaderboardTestData(app, teamId, owner);
        gpt4o = await data.RouteAsync("gpt-4o", "openai");
        gpt41 = await data.RouteAsync("gpt-4.1", "openai");
        sonnet = await data.RouteAsync("claude-sonnet-4", "anthropic");
        SignIn(owner.UserId, Email);
        RenderPopovers();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task RankedRowsShowMeanOrPassRateAndTheIntervalAsTextAndAsABarOnTheCriterionsScale()
    {
        await data.ScoreManyAsync(owner, gpt4o, 10, [5, 4], passes: 8);
        await data.ScoreManyAsync(owner, gpt41, 10, [2, 3], passes: 3);
        await data.ScoreManyAsync(owner, sonnet, 4, [4], passes: 4);
        var expected = await app.Get<LeaderboardService>().GetAsync(owner, teamId, new LeaderboardFilter());

        var page = Render<LeaderboardPage>();
        page.WaitForAssertion(() => Assert.Equal(3, Rows(page, "Correctness").Count));

        // Correctness, 1 to 5: GPT-4o's interval lies wholly above GPT-4.1's, so they rank 1 and 2, sorted by rank.
        var correctness = expected.Criteria.Single(c => c.Criterion == "Correctness").Models;
        var rows = Rows(page, "Correctness");
        Assert.Equal(["1", "2", "—"], rows.Select(r => Cell(r, "rank")));
        Assert.Equal(["GPT-4o", "GPT-4.1", "Claude Sonnet 4"], rows.Select(r => r.QuerySelector("th a")!.TextContent.Trim()));
        Assert.Equal("models/gpt-4o", rows[0].QuerySelector("th a")!.GetAttribute("href"));
        Assert.Equal(["4.5 of 5", "2.5 of 5", "4.0 of 5"], rows.Select(r => Cell(r, "value")));
        var top = correctness[0];
        Assert.Equal($"{Fixed(top.Low!.Value)}–{Fixed(top.High!.Value)}", Cell(rows[0], "interval"));
        Assert.True(top.Low > correctness[1].High, "The test's figures should not overlap.");
        // The bar's band starts where the low end sits between 1 and 5.
        Assert.Contains($"left:{Css((top.Low.Value - 1) / 4 * 100)}%", rows[0].QuerySelector(".mh-ibar-band")!.GetAttribute("style"));
        Assert.Equal($"95% interval from {Plain(top.Low.Value)} to {Plain(top.High.Value)} on a scale from 1 to 5",
            rows[0].QuerySelector("[role=img]")!.GetAttribute("aria-label"));

        // Four scores are listed without a rank.
        Assert.Contains("too few to rank", rows[2].TextContent);
        Assert.DoesNotContain("too few to rank", rows[0].TextContent + rows[1].TextContent);

        // Format followed: 8 of 10 is 80% with a Wilson interval of about 49% to 94%; 3 of 10 overlaps it, so both share rank 1.
        var format = Rows(page, "Format followed");
        Assert.Equal(["1", "1", "—"], format.Select(r => Cell(r, "rank")));
        Assert.Equal(["80%", "30%", "100%"], format.Select(r => Cell(r, "value")));
        Assert.Equal("49–94%", Cell(format[0], "interval"));
        Assert.Contains("left:49.", format[0].QuerySelector(".mh-ibar-band")!.GetAttribute("style"));
        Assert.Contains("one with fewer than 10 scores or votes is listed but not ranked", page.Find("[data-testid=leaderboard-summary]").TextContent);
    }

    [Fact]
    public async Task ACategoricalCriterionShowsHowOftenEachLabelWasGiven()
    {
        var tone = await app.Get<RubricService>().CreateAsync(owner, teamId,
            new RubricInput("Tone", null, [new CriterionInput("Register", "Categorical", null, null, ["warm", "neutral", "curt"])]));
        foreach (var label in new[] { "warm", "warm", "curt" })
        {
            var answer = (await data.RunAsync("Reply to a late-delivery complaint", gpt4o))[0];
            await app.Get<ScoreService>().SubmitAsync(owner, teamId, new ScoreInput(answer, tone.Id, System.Text.Json.JsonSerializer.SerializeToElement(label), null, null));
        }

        var page = Render<LeaderboardPage>();

        page.WaitForAssertion(() => Assert.Single(Rows(page, "Register")));
        Assert.Equal(["Model", "Scores", "warm", "neutral", "curt"], page.FindAll("[data-criterion='Register'] thead th").Select(h => h.TextContent.Trim()));
        Assert.Equal(["3", "2", "0", "1"], Rows(page, "Register")[0].QuerySelectorAll("td").Select(c => c.TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-criterion='Register'] .mh-ibar"));
    }

    [Fact]
    public async Task BlindVotesShowRatingsOnTheEloScaleWithTheRecordBehindThem()
    {
        for (var i = 0; i < 20; i++)
        {
            await data.VoteAsync(owner, gpt4o, gpt41, i < 15 ? "Left" : i < 18 ? "Right" : "Tie");
        }

        for (var i = 0; i < 3; i++)
        {
            await data.VoteAsync(owner, sonnet, gpt41, i < 2 ? "Left" : "Right");
        }

        var expected = (await app.Get<LeaderboardService>().GetAsync(owner, teamId, new LeaderboardFilter())).Pairwise.Models;

        var page = Render<LeaderboardPage>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=vote-board] tbody tr").Count));

        var rows = page.FindAll("[data-testid=vote-board] tbody tr");
        Assert.Equal(["GPT-4o", "GPT-4.1", "Claude Sonnet 4"], rows.Select(r => r.QuerySelector("th a")!.TextContent.Trim()));
        Assert.Equal("1", Cell(rows[0], "rank"));
        Assert.Equal(expected.Select(r => r.Rank?.ToString(CultureInfo.InvariantCulture) ?? "—"), rows.Select(r => Cell(r, "rank")));
        Assert.Equal(Math.Round(expected[0].Rating).ToString(CultureInfo.InvariantCulture), Cell(rows[0], "value"));
        Assert.True(expected[0].Rating > 1100, "Fifteen wins in twenty should put GPT-4o well above the field.");
        Assert.Equal($"{Math.Round(expected[0].Low)}–{Math.Round(expected[0].High)}", Cell(rows[0], "interval"));
        Assert.Equal(["20", "15–3–2"], rows[0].QuerySelectorAll("td").TakeLast(2).Select(c => c.TextContent.Trim()));
        Assert.Equal(["23", "4–17–2"], rows[1].QuerySelectorAll("td").TakeLast(2).Select(c => c.TextContent.Trim()));
        Assert.Contains("too few to rank", rows[2].TextContent);
        Assert.Equal("—", Cell(rows[2], "rank"));
        // One scale for the whole table: every bar is described on the same range.
        var scales = rows.Select(r => r.QuerySelector("[role=img]")!.GetAttribute("aria-label")![r.QuerySelector("[role=img]")!.GetAttribute("aria-label")!.IndexOf("on a scale", StringComparison.Ordinal)..]).Distinct();
        Assert.Single(scales);
    }

    [Fact]
    public async Task FiltersInTheAddressNarrowTheBoardAndAChangedFilterGoesBackIntoIt()
    {
        await data.ScoreManyAsync(owner, gpt4o, 10, [5, 4], passes: 8, "support");
        await data.ScoreManyAsync(owner, gpt41, 10, [2, 3], passes: 3, "coding");
        await data.BackdateScoresAsync("gpt-4.1", new DateTime(2020, 1, 15, 12, 0, 0, DateTimeKind.Utc));
        var navigation = Services.GetRequiredService<NavigationManager>();

        navigation.NavigateTo(navigation.GetUriWithQueryParameter("tag", "support"));
        var page = Render<LeaderboardPage>();
        page.WaitForAssertion(() => Assert.Equal(["GPT-4o"], Rows(page, "Correctness").Select(r => r.QuerySelector("th a")!.TextContent.Trim())));
        Assert.Equal("support", Shown(page.Find("[data-testid=tag-filter]")));

        navigation.NavigateTo(navigation.GetUriWithQueryParameters(new Dictionary<string, object?> { ["tag"] = null, ["from"] = "2020-01-01", ["to"] = "2020-01-31" }));
        page.WaitForAssertion(() => Assert.Equal(["GPT-4.1"], Rows(page, "Correctness").Select(r => r.QuerySelector("th a")!.TextContent.Trim())));
        Assert.Equal("2020-01-01", page.Find("#board-from").GetAttribute("value"));

        // Moving the start date past the scores writes it into the address, keeps the end date, and empties the board.
        page.Find("#board-from").Change("2020-01-20");
        page.WaitForAssertion(() =>
        {
            Assert.Contains("from=2020-01-20", navigation.Uri);
            Assert.Contains("to=2020-01-31", navigation.Uri);
        });
        page.WaitForAssertion(() => Assert.Contains("No scores or votes match these filters.", page.Find("[data-testid=leaderboard-empty]").TextContent));
    }

    [Fact]
    public async Task ARubricInTheAddressShowsOnlyItsCriteria()
    {
        await data.ScoreManyAsync(owner, gpt4o, 3, [5], passes: 3);
        var other = await app.Get<RubricService>().CreateAsync(owner, teamId,
            new RubricInput("Tone", null, [new CriterionInput("Polite", "Boolean", null, null, null)]));
        var navigation = Services.GetRequiredService<NavigationManager>();

        navigation.NavigateTo(navigation.GetUriWithQueryParameter("rubric", other.Id.ToString()));
        var page = Render<LeaderboardPage>();

        page.WaitForAssertion(() => Assert.Contains("No scores or votes match these filters.", page.Find("[data-testid=leaderboard-empty]").TextContent));
        Assert.Equal("Tone", Shown(page.Find("[data-testid=rubric-filter]")));
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("rubric", (string?)null));
        page.WaitForAssertion(() => Assert.Single(Rows(page, "Correctness")));
    }

    [Fact]
    public async Task ByRouteListsEachProviderRouteAndPutsTheChoiceInTheAddress()
    {
        await data.ScoreManyAsync(owner, gpt4o, 2, [4], passes: 2);
        var navigation = Services.GetRequiredService<NavigationManager>();
        var page = Render<LeaderboardPage>();
        page.WaitForAssertion(() => Assert.Single(Rows(page, "Correctness")));

        page.FindAll("button").Single(b => b.TextContent.Trim() == "By route").Click();

        page.WaitForAssertion(() => Assert.Equal(gpt4o.Name, Rows(page, "Correctness").Single().QuerySelector("th a")!.TextContent.Trim()));
        Assert.Contains("by=route", navigation.Uri);
        Assert.Equal("Route", page.Find("[data-criterion='Correctness'] thead th:nth-child(2)").TextContent.Trim());
        Assert.Equal("true", page.FindAll("button").Single(b => b.TextContent.Trim() == "By route").GetAttribute("aria-pressed"));
    }

    [Fact]
    public async Task TwoReviewersOfTheSameAnswersShowTheirAgreementAsCohensKappa()
    {
        var second = await app.CreateUserAsync("sam@example.com");
        await app.JoinAsync(owner, teamId, second, TeamRole.Member);
        var answers = await data.ScoreManyAsync(owner, gpt4o, 4, [4], passes: 2);
        bool[] secondOpinion = [true, true, false, true];
        for (var i = 0; i < answers.Count; i++)
        {
            await data.ScoreAsync(second, answers[i], 4, secondOpinion[i]);
        }

        var page = Render<LeaderboardPage>();

        // Agreeing on 3 of 4 where chance alone gives a half: kappa = (0.75 - 0.5) / (1 - 0.5).
        page.WaitForAssertion(() => page.Find("[data-testid=agreement]"));
        var row = Assert.Single(page.FindAll("[data-testid=agreement] tbody tr"));
        Assert.StartsWith("Format followed", row.QuerySelector("th")!.TextContent.Trim());
        Assert.Equal(["4", "0.50", "Moderate"], row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()));
    }

    [Fact]
    public void AnEndDateBeforeTheStartIsExplainedAndTheFiltersStayToCorrect()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameters(new Dictionary<string, object?> { ["from"] = "2026-11-30", ["to"] = "2026-11-01" }));

        var page = Render<LeaderboardPage>();

        page.WaitForAssertion(() => Assert.Equal("to: the end date is before the start date.", page.Find("[role=alert]").TextContent.Trim()));
        Assert.Equal("2026-11-30", page.Find("#board-from").GetAttribute("value"));
        Assert.Equal("2026-11-01", page.Find("#board-to").GetAttribute("value"));
        Assert.Contains(page.FindAll("button"), b => b.TextContent.Trim() == "Clear filters");
    }

    [Fact]
    public void ADateInTheAddressThatIsNotADateSaysHowToWriteOne()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("from", "last-week"));

        var page = Render<LeaderboardPage>();

        page.WaitForAssertion(() => Assert.Equal("from: 'last-week' in the address is not a date; use yyyy-mm-dd, such as 2026-11-01.", page.Find("[role=alert]").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid=criterion-board]"));
    }

    [Fact]
    public void ATeamWithNothingScoredIsToldHowToGetScoresAndVotes()
    {
        var page = Render<LeaderboardPage>();

        page.WaitForAssertion(() => Assert.Contains("No scores or votes yet.", page.Find("[data-testid=leaderboard-empty]").TextContent));
        var links = page.Find("[data-testid=leaderboard-empty]").QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["playground", "playground/history", "evaluations/blind"], links);
        Assert.Empty(page.FindAll("[data-testid=criterion-board]"));
        // The export stays: notes can be exported before anything is scored.
        Assert.Contains($"api/v1/teams/{teamId}/evaluations/export?kind=notes&format=csv", page.FindAll("[data-testid=exports] a").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task ExportLinksOfferEachKindAsCsvAndJsonlFromTheApi()
    {
        await data.ScoreManyAsync(owner, gpt4o, 1, [4], passes: 1);
        var page = Render<LeaderboardPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=exports]"));

        var links = page.FindAll("[data-testid=exports] a").Select(a => a.GetAttribute("href")).ToList();

        Assert.Equal(
            from kind in new[] { "scores", "votes", "notes" }
            from format in new[] { "csv", "jsonl" }
            select $"api/v1/teams/{teamId}/evaluations/export?kind={kind}&format={format}",
            links);
    }

    private static IReadOnlyList<IElement> Rows(IRenderedComponent<LeaderboardPage> page, string criterion) =>
        page.FindAll($"[data-criterion='{criterion}'] tbody tr");

    private static string Cell(IElement row, string testId) => row.QuerySelector($"[data-testid={testId}]")!.TextContent.Trim();

    /// <summary>What a select shows: an input's value, or the text of the element MudBlazor renders in its place.</summary>
    private static string Shown(IElement select) => (select.GetAttribute("value") ?? select.TextContent).Trim();

    private static string Fixed(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Plain(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Css(double percent) => percent.ToString("0.##", CultureInfo.InvariantCulture);
}
