using System.Net;
using ModelHub.Web.Features.Evaluations;
using ModelHub.Web.Features.Teams;

namespace ModelHub.IntegrationTests.Evaluations;

/// <summary>Issue 12's blind pairwise votes on two answers of one real run.</summary>
[Trait("Database", "true")]
public sealed class VoteApiTests : EvaluationTest
{
    [Fact]
    public async Task VotesTakeLeftRightTieAndBothBadAndRevealBothAnswers()
    {
        var run = await RunOnRoutesAsync("Which is better?", echoRouteId, textOnlyRouteId, echoRouteId, textOnlyRouteId);
        var t = run.Targets;

        var left = await VoteAsync(run.Id, t[0].Id, t[1].Id, "Left");
        var right = await VoteAsync(run.Id, t[1].Id, t[2].Id, "Right");
        var tie = await VoteAsync(run.Id, t[2].Id, t[3].Id, "Tie");
        var bothBad = await VoteAsync(run.Id, t[3].Id, t[0].Id, "both bad");
        var listed = await (await owner.Api.GetAsync(Path($"votes?run={run.Id}"))).ReadAsync<List<VoteView>>();

        Assert.Equal(["Left", "Right", "Tie", "BothBad"], new[] { left, right, tie, bothBad }.Select(v => v.Outcome));
        Assert.Equal((t[0].DisplayName, t[1].DisplayName, Echo, Text), (left.Left, left.Right, left.LeftModelSlug, left.RightModelSlug));
        Assert.Equal(((int?)echoRouteId, (int?)textOnlyRouteId), (left.LeftRouteId, left.RightRouteId));
        Assert.StartsWith("p_", left.PromptId);
        Assert.Equal(owner.Email, left.VoterEmail);
        Assert.Equal([bothBad.Id, tie.Id, right.Id, left.Id], listed.Select(v => v.Id));
    }

    [Fact]
    public async Task TargetsFromAnotherRunAnswer404()
    {
        var run = await RunOnRoutesAsync("First", echoRouteId, textOnlyRouteId);
        var other = await RunOnRoutesAsync("Second", echoRouteId, textOnlyRouteId);

        await ProblemAsync(await owner.Api.PostJsonAsync(Path("votes"), new { runId = run.Id, leftTargetId = other.Targets[0].Id, rightTargetId = run.Targets[1].Id, outcome = "Left" }),
            HttpStatusCode.NotFound, "leftTargetId");
        await ProblemAsync(await owner.Api.PostJsonAsync(Path("votes"), new { runId = run.Id, leftTargetId = run.Targets[0].Id, rightTargetId = other.Targets[1].Id, outcome = "Left" }),
            HttpStatusCode.NotFound, "rightTargetId");
        await ProblemAsync(await owner.Api.PostJsonAsync(Path("votes"), new { runId = Guid.NewGuid(), leftTargetId = run.Targets[0].Id, rightTargetId = run.Targets[1].Id, outcome = "Left" }),
            HttpStatusCode.NotFound, "runId");
        Assert.Empty(await (await owner.Api.GetAsync(Path("votes"))).ReadAsync<List<VoteView>>());
    }

    [Fact]
    public async Task TheSameTargetTwiceOrAnUnknownOutcomeAnswers400()
    {
        var run = await RunOnRoutesAsync("Twice", echoRouteId, textOnlyRouteId);

        await ProblemAsync(await owner.Api.PostJsonAsync(Path("votes"), new { runId = run.Id, leftTargetId = run.Targets[0].Id, rightTargetId = run.Targets[0].Id, outcome = "Left" }),
            HttpStatusCode.BadRequest, "rightTargetId");
        await ProblemAsync(await owner.Api.PostJsonAsync(Path("votes"), new { runId = run.Id, leftTargetId = run.Targets[0].Id, rightTargetId = run.Targets[1].Id, outcome = "Middle" }),
            HttpStatusCode.BadRequest, "outcome");
        await ProblemAsync(await owner.Api.PostJsonAsync(Path("votes"), new { runId = run.Id, rightTargetId = run.Targets[1].Id, outcome = "Left" }),
            HttpStatusCode.BadRequest, "leftTargetId");
    }

    [Fact]
    public async Task TheVoterOrAnAdminDeletesAVoteAndAnotherMemberGets403()
    {
        var run = await RunOnRoutesAsync("Delete", echoRouteId, textOnlyRouteId, echoRouteId);
        var voter = await AddUserAsync("voter", TeamRole.Member);
        var other = await AddUserAsync("other", TeamRole.Member);
        var admin = await AddUserAsync("admin", TeamRole.Admin);
        var byVoter = await VoteAsync(run.Id, run.Targets[0].Id, run.Targets[1].Id, "Left", voter);
        var byAdmin = await VoteAsync(run.Id, run.Targets[1].Id, run.Targets[2].Id, "Right", voter);

        await ProblemAsync(await other.Api.DeleteAsync(Path($"votes/{byVoter.Id}")), HttpStatusCode.Forbidden);
        await (await voter.Api.DeleteAsync(Path($"votes/{byVoter.Id}"))).ExpectAsync(HttpStatusCode.NoContent);
        await (await admin.Api.DeleteAsync(Path($"votes/{byAdmin.Id}"))).ExpectAsync(HttpStatusCode.NoContent);

        Assert.Empty(await (await owner.Api.GetAsync(Path("votes"))).ReadAsync<List<VoteView>>());
    }

    [Fact]
    public async Task VotingAgainOnTheSamePairReplacesTheVoteWith200EvenInTheOtherOrder()
    {
        var run = await RunOnRoutesAsync("Again", echoRouteId, textOnlyRouteId);
        var first = await VoteAsync(run.Id, run.Targets[0].Id, run.Targets[1].Id, "Left");

        var again = await (await owner.Api.PostJsonAsync(Path("votes"), new { runId = run.Id, leftTargetId = run.Targets[1].Id, rightTargetId = run.Targets[0].Id, outcome = "Tie" }))
            .ReadAsync<VoteView>(HttpStatusCode.OK);

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(("Tie", Text, Echo), (again.Outcome, again.LeftModelSlug, again.RightModelSlug));
        Assert.Single(await (await owner.Api.GetAsync(Path("votes"))).ReadAsync<List<VoteView>>());
    }
}
