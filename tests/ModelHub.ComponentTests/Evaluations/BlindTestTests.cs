using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Evaluations;
using ModelHub.Web.Features.Evaluations.Blind;
using ModelHub.Web.Features.Playground.Connections;
using ModelHub.Web.Features.Playground.Runs;

namespace ModelHub.ComponentTests.Evaluations;

/// <summary>The blind test's state, without a page: targets, the drawn order of A and B, and what the vote records.</summary>
public sealed class BlindTestTests
{
    private static readonly Guid Connection = Guid.NewGuid();
    private static readonly TargetOption Gpt = new(Connection, "Acme", ApiStyle.OpenAiCompatible, 7, "GPT-4o", "gpt-4o", 2.5m, 10m, false, true);
    private static readonly TargetOption Claude = new(Connection, "Acme", ApiStyle.OpenAiCompatible, 9, "Claude Sonnet 4", "claude-sonnet-4", 3m, 15m, false, true);
    private static readonly TargetOption Typed = new(Connection, "Acme", ApiStyle.OpenAiCompatible, null, null, null, null, null, false, null);

    private static BlindTest Ready(int seed)
    {
        var test = new BlindTest(new Random(seed));
        test.Reset([Gpt, Claude, Typed]);
        test.First.Key = Gpt.Key;
        test.Second.Key = Claude.Key;
        test.Prompt = "Summarise the refund policy.";
        return test;
    }

    private static RunTargetView Answer(int position, string name, RunStatus status) => new(
        Guid.NewGuid(), position, name, "Acme", Connection, name.ToLowerInvariant(), null, null, status, status == RunStatus.Running ? "" : $"Answer by {name}", "",
        null, null, status == RunStatus.Failed ? "Refused" : null, null, null, 100, 900, 10, 20, false, null, null, 0.001m);

    private static RunView Run(RunTargetView first, RunTargetView second) => new(
        Guid.NewGuid(), Guid.NewGuid(), "ada@example.com", "Refunds", null, [new ChatMessage(ChatRole.User, "Summarise the refund policy.")], new RunParameters(),
        RunStatus.Running, DateTime.UtcNow, null, [first, second]);

    [Fact]
    public void TheRequestRunsThePromptOnBothTargetsInTheOrderChosen()
    {
        var test = Ready(1);
        test.SystemPrompt = "Be brief.";

        var request = test.BuildRequest();

        Assert.Equal([Gpt.RouteId, Claude.RouteId], request.Targets.Select(t => t.RouteId));
        Assert.Equal("Summarise the refund policy.", Assert.Single(request.Messages).Text);
        Assert.Equal("Be brief.", request.SystemPrompt);
    }

    [Fact]
    public void ARequestWithoutTwoDifferentTargetsOrAPromptIsRefusedWithWhatToDo()
    {
        var test = Ready(1);
        test.Second.Key = null;
        Assert.Equal("Choose the second target.", Assert.Throws<InvalidInputException>(test.BuildRequest).Message);

        test.Second.Key = Gpt.Key;
        Assert.StartsWith("Choose two different targets", Assert.Throws<InvalidInputException>(test.BuildRequest).Message);

        test.Second.Key = Typed.Key;
        Assert.Equal("Type the model ID for the second target (Acme).", Assert.Throws<InvalidInputException>(test.BuildRequest).Message);
        test.Second.ModelId = "my-finetune";
        Assert.Equal("my-finetune", test.BuildRequest().Targets[1].ModelId);

        test.Prompt = "  ";
        Assert.Equal("Type the prompt both targets answer.", Assert.Throws<InvalidInputException>(test.BuildRequest).Message);
    }

    [Fact]
    public void TheRandomOrderDecidesWhichAnswerIsShownAsAAndTheVoteRecordsAAsLeftAndBAsRight()
    {
        var orders = new HashSet<bool>();
        for (var seed = 0; seed < 20; seed++)
        {
            var test = Ready(seed);
            var first = Answer(0, "First", RunStatus.Succeeded);
            var second = Answer(1, "Second", RunStatus.Succeeded);
            var run = Run(first, second);

            test.Started(run);

            var swapped = new Random(seed).Next(2) == 1;
            Assert.Equal(swapped, test.Swapped);
            Assert.Equal(swapped ? second.Id : first.Id, test.A!.Id);
            Assert.Equal(swapped ? first.Id : second.Id, test.B!.Id);
            var vote = test.VoteFor(VoteOutcome.Left);
            Assert.Equal(run.Id, vote.RunId);
            Assert.Equal(test.A.Id, vote.LeftTargetId);
            Assert.Equal(test.B.Id, vote.RightTargetId);
            Assert.Equal("Left", vote.Outcome);
            orders.Add(swapped);
        }

        // Both orders occur: the first target is not always A.
        Assert.Equal(2, orders.Count);
    }

    [Fact]
    public void VotingWaitsForBothAnswersToBeSavedAndAFailedAnswerLeavesOnlyBothBad()
    {
        var test = Ready(3);
        var first = Answer(0, "First", RunStatus.Running);
        var second = Answer(1, "Second", RunStatus.Running);
        var run = Run(first, second);
        test.Started(run);
        Assert.Equal(BlindPhase.Answering, test.Phase);
        Assert.DoesNotContain(Enum.GetValues<VoteOutcome>(), test.CanVote);

        // Both panels finished live, but the run is not saved yet: the vote would be checked against unsaved answers.
        test.Run.Update([first with { Status = RunStatus.Succeeded }, second with { Status = RunStatus.Succeeded }]);
        Assert.Equal(BlindPhase.Answering, test.Phase);
        Assert.DoesNotContain(Enum.GetValues<VoteOutcome>(), test.CanVote);

        test.Run.Show(run with { Status = RunStatus.Succeeded, Targets = [first with { Status = RunStatus.Succeeded }, second with { Status = RunStatus.Succeeded }] });
        Assert.Equal(BlindPhase.Voting, test.Phase);
        Assert.All(Enum.GetValues<VoteOutcome>(), o => Assert.True(test.CanVote(o)));

        test.Run.Show(run with { Status = RunStatus.Failed, Targets = [first with { Status = RunStatus.Succeeded }, second with { Status = RunStatus.Failed }] });
        Assert.True(test.AnyFailed);
        Assert.Equal([VoteOutcome.BothBad], Enum.GetValues<VoteOutcome>().Where(test.CanVote));
    }

    [Fact]
    public void NextPromptKeepsTheTwoTargetsAndClearsThePromptAndTheRun()
    {
        var test = Ready(5);
        test.SystemPrompt = "Be brief.";
        test.Started(Run(Answer(0, "First", RunStatus.Succeeded), Answer(1, "Second", RunStatus.Succeeded)));

        test.NextPrompt();

        Assert.Equal(BlindPhase.Choosing, test.Phase);
        Assert.Null(test.Prompt);
        Assert.Equal("Be brief.", test.SystemPrompt);
        Assert.Equal(Gpt.Key, test.First.Key);
        Assert.Equal(Claude.Key, test.Second.Key);
    }
}
