using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Playground;
using ModelHub.Web.Features.Playground.Runs;

namespace ModelHub.Web.Features.Evaluations.Blind;

/// <summary>Where a blind test is: choosing, answers streaming, waiting for the vote, or voted and revealed.</summary>
public enum BlindPhase
{
    Choosing,
    Answering,
    Voting,
    Revealed,
}

/// <summary>
/// One blind pairwise test: two targets, a prompt, and the run's two answers shown as "Answer A" and "Answer B"
/// in an order drawn at random for each run, so neither position nor name gives a model away. The vote records
/// what was shown on the left (A) and on the right (B). No service calls: the page starts the run, feeds the
/// live snapshots into <see cref="Run"/> and submits <see cref="VoteFor"/>.
/// </summary>
public sealed class BlindTest(Random random)
{
    public IReadOnlyList<TargetOption> Options { get; private set; } = [];

    public TargetSlot First { get; } = new();

    public TargetSlot Second { get; } = new();

    public string? SystemPrompt { get; set; }

    public string? Prompt { get; set; }

    /// <summary>The run as it streams; its targets are in the order chosen (first, second), never the order shown.</summary>
    public RunState Run { get; } = new();

    /// <summary>True when Answer A is the second target's answer.</summary>
    public bool Swapped { get; private set; }

    /// <summary>The vote, once given; the names are revealed from then on.</summary>
    public VoteView? Vote { get; private set; }

    /// <remarks>
    /// The run's own status, not its live panels', ends "answering": it stays Running until the page shows the
    /// saved run, and the vote is checked against the saved answers, which land a moment after the panels finish.
    /// </remarks>
    public BlindPhase Phase => Run.Run is not { } run ? BlindPhase.Choosing
        : Vote is not null ? BlindPhase.Revealed
        : run.Status == RunStatus.Running ? BlindPhase.Answering
        : BlindPhase.Voting;

    public bool Revealed => Vote is not null;

    /// <summary>The answer shown as "Answer A" (left).</summary>
    public RunTargetView? A => Answer(Swapped ? 1 : 0);

    /// <summary>The answer shown as "Answer B" (right).</summary>
    public RunTargetView? B => Answer(Swapped ? 0 : 1);

    /// <summary>True once both answers finished and at least one of them did not succeed.</summary>
    public bool AnyFailed => Phase is BlindPhase.Voting or BlindPhase.Revealed && (A?.Status != RunStatus.Succeeded || B?.Status != RunStatus.Succeeded);

    public TargetOption? Option(TargetSlot slot) => Options.FirstOrDefault(o => o.Key == slot.Key);

    /// <summary>The team's targets; a choice that is no longer offered is dropped.</summary>
    public void Reset(IReadOnlyList<TargetOption> options)
    {
        Options = options;
        foreach (var slot in new[] { First, Second })
        {
            if (Option(slot) is null)
            {
                slot.Key = null;
                slot.ModelId = null;
            }
        }

        Run.Clear();
        Vote = null;
    }

    /// <summary>The run to start: the two targets in the order chosen and one user message; an <see cref="InvalidInputException"/> says what is missing.</summary>
    public RunRequest BuildRequest()
    {
        var targets = new[] { Target(First, "first"), Target(Second, "second") };
        if (targets[0] == targets[1])
        {
            throw new InvalidInputException("Choose two different targets: a blind test compares two models or routes.");
        }

        if (string.IsNullOrWhiteSpace(Prompt))
        {
            throw new InvalidInputException("Type the prompt both targets answer.");
        }

        return new RunRequest(targets, [new ChatMessage(ChatRole.User, Prompt)], string.IsNullOrWhiteSpace(SystemPrompt) ? null : SystemPrompt);
    }

    /// <summary>A run started: a fresh draw decides which answer is A.</summary>
    public void Started(RunView run)
    {
        Swapped = random.Next(2) == 1;
        Vote = null;
        Run.Show(run);
    }

    /// <summary>Whether <paramref name="outcome"/> can be voted now: when both answers finished; only "both bad" when one failed.</summary>
    public bool CanVote(VoteOutcome outcome) => Phase == BlindPhase.Voting && (outcome == VoteOutcome.BothBad || !AnyFailed);

    /// <summary>The vote as the API takes it: left is what was shown as A, right what was shown as B.</summary>
    public VoteInput VoteFor(VoteOutcome outcome)
    {
        if (Run.Run is not { } run || A is not { } a || B is not { } b)
        {
            throw new InvalidInputException("Run a prompt on two targets first, then vote.");
        }

        return new VoteInput(run.Id, a.Id, b.Id, outcome.ToString());
    }

    public void Voted(VoteView vote) => Vote = vote;

    /// <summary>Back to choosing with the same two targets (and system prompt) and an empty prompt.</summary>
    public void NextPrompt()
    {
        Prompt = null;
        Vote = null;
        Run.Clear();
    }

    /// <summary>What the vote said, in the words of the buttons.</summary>
    public static string Describe(string outcome) => outcome switch
    {
        nameof(VoteOutcome.Left) => "A is better",
        nameof(VoteOutcome.Right) => "B is better",
        nameof(VoteOutcome.Tie) => "Tie",
        _ => "Both bad",
    };

    private RunTargetView? Answer(int position) => Run.Run?.Targets.FirstOrDefault(t => t.Position == position);

    private RunTargetRequest Target(TargetSlot slot, string which)
    {
        var option = Option(slot) ?? throw new InvalidInputException($"Choose the {which} target.");
        if (option.RouteId is null && string.IsNullOrWhiteSpace(slot.ModelId))
        {
            throw new InvalidInputException($"Type the model ID for the {which} target ({option.ConnectionName}).");
        }

        return new RunTargetRequest(option.ConnectionId, option.RouteId, option.RouteId is null ? slot.ModelId!.Trim() : null);
    }
}
