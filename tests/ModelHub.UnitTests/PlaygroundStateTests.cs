using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Playground;
using ModelHub.Web.Features.Playground.Prompts;
using ModelHub.Web.Features.Playground.Runs;

namespace ModelHub.UnitTests;

public sealed class PlaygroundEditorTests
{
    private static readonly Guid ConnectionId = Guid.NewGuid();

    private static readonly TargetOption Route = new(ConnectionId, "OpenAI prod", ApiStyle.OpenAiCompatible, 7, "GPT-4o mini", "gpt-4o-mini", 0.15m, 0.6m, false, true);

    private static readonly TargetOption TypedModel = new(ConnectionId, "OpenAI prod", ApiStyle.OpenAiCompatible, null, null, null, null, null, false, null);

    private static PlaygroundEditor Editor()
    {
        var editor = new PlaygroundEditor();
        editor.Reset([Route, TypedModel], []);
        return editor;
    }

    [Fact]
    public void TheRequestFillsVariablesTrimsTheModelIdAndSplitsStopSequences()
    {
        var editor = Editor();
        editor.Slots[0].Key = Route.Key;
        editor.AddTarget();
        editor.Slots[1].Key = TypedModel.Key;
        editor.Slots[1].ModelId = "  my-model ";
        editor.SystemPrompt = "You review {{kind}}.";
        editor.Messages[0].Text = "Review {{document}}.";
        editor.VariableValues["kind"] = "emails";
        editor.VariableValues["document"] = "the launch email";
        editor.StopText = "END\r\n\nSTOP";
        editor.Temperature = 0.2;

        var request = editor.BuildRequest();

        Assert.Equal([new RunTargetRequest(ConnectionId, 7, null), new RunTargetRequest(ConnectionId, null, "my-model")], request.Targets);
        Assert.Equal("You review emails.", request.SystemPrompt);
        Assert.Equal("Review the launch email.", request.Messages.Single().Text);
        Assert.Equal(["END", "STOP"], request.Parameters!.Stop!);
        Assert.Equal(0.2, request.Parameters.Temperature);
        Assert.Equal(["kind", "document"], editor.Variables);
    }

    [Fact]
    public void ATargetWithoutAChoiceOrATypedModelIdIsRefusedByName()
    {
        var editor = Editor();
        editor.Messages[0].Text = "Hello";
        Assert.Contains("Choose what target 1 runs on", Assert.Throws<InvalidInputException>(editor.BuildRequest).Message);

        editor.Slots[0].Key = TypedModel.Key;
        Assert.Contains("Type the model ID for target 1 (OpenAI prod)", Assert.Throws<InvalidInputException>(editor.BuildRequest).Message);
    }

    [Fact]
    public void TargetsStayBetweenOneAndFourAndMessagesAlternateRoles()
    {
        var editor = Editor();
        editor.RemoveTarget(0);
        Assert.Single(editor.Slots);
        for (var i = 0; i < 6; i++)
        {
            editor.AddTarget();
        }

        Assert.Equal(PlaygroundRules.MaxTargets, editor.Slots.Count);
        Assert.False(editor.CanAddTarget);

        editor.AddMessage();
        editor.AddMessage();
        Assert.Equal([ChatRole.User, ChatRole.Assistant, ChatRole.User], editor.Messages.Select(m => m.Role));
        editor.RemoveMessage(0);
        editor.RemoveMessage(0);
        editor.RemoveMessage(0);
        Assert.Single(editor.Messages);
    }

    [Fact]
    public void ARunsRequestGoesBackIntoTheEditorWithItsTargetsAndParameters()
    {
        var editor = Editor();
        var request = new RunRequest(
            [new RunTargetRequest(ConnectionId, 7), new RunTargetRequest(ConnectionId, null, "typed")],
            [new ChatMessage(ChatRole.User, "Hi"), new ChatMessage(ChatRole.Assistant, "Hello"), new ChatMessage(ChatRole.User, "More")],
            "Be brief.",
            new RunParameters(Temperature: 1, MaxOutputTokens: 50, Stop: ["A", "B"], Seed: 3, JsonResponse: true));

        editor.Fill(request);

        Assert.Equal([Route.Key, TypedModel.Key], editor.Slots.Select(s => s.Key));
        Assert.Equal("typed", editor.Slots[1].ModelId);
        Assert.Equal("Be brief.", editor.SystemPrompt);
        Assert.Equal(3, editor.Messages.Count);
        Assert.Equal("A\nB", editor.StopText);
        Assert.True(editor.JsonResponse);
        Assert.Equal(request.Targets, editor.BuildRequest().Targets);
    }

    [Fact]
    public void ADraftRestoresWhatWasTypedAndForgetsTargetsThatNoLongerExist()
    {
        var editor = Editor();
        editor.Slots[0].Key = TypedModel.Key;
        editor.Slots[0].ModelId = "echo";
        editor.AddTarget();
        editor.Slots[1].Key = "gone:1";
        editor.SystemPrompt = "You are a careful reviewer.";
        editor.Messages[0].Text = "Review {{document}}.";
        editor.Messages[0].Images.Add(new ImageAttachment("image/png", "AAAA", "big.png"));
        editor.VariableValues["document"] = "the launch email";
        editor.Seed = 42;
        var draft = editor.ToDraft();

        var restored = Editor();
        Assert.True(restored.RestoreDraft(draft));

        Assert.Equal([TypedModel.Key, null], restored.Slots.Select(s => s.Key));
        Assert.Equal("echo", restored.Slots[0].ModelId);
        Assert.Equal("You are a careful reviewer.", restored.SystemPrompt);
        Assert.Equal("Review {{document}}.", restored.Messages[0].Text);
        Assert.Empty(restored.Messages[0].Images);
        Assert.Equal("the launch email", restored.VariableValues["document"]);
        Assert.Equal(42, restored.Seed);
        Assert.DoesNotContain("AAAA", draft);
    }

    [Fact]
    public void AttachmentsAreRefusedWhenTooManyTooLargeOrNotImages()
    {
        var editor = Editor();
        var limits = new PlaygroundOptions { MaxAttachments = 1, MaxAttachmentBytes = 1000 };

        Assert.Null(editor.RefuseAttachment("a.png", "image/png", 10, limits));
        Assert.Contains("not a PNG, JPEG, GIF or WebP", editor.RefuseAttachment("a.pdf", "application/pdf", 10, limits));
        Assert.Contains("images may be at most", editor.RefuseAttachment("big.png", "image/png", 5000, limits));
        editor.Messages[0].Images.Add(new ImageAttachment("image/png", "AAAA", "a.png"));
        Assert.Contains("at most 1 images; b.png was not attached", editor.RefuseAttachment("b.png", "image/png", 10, limits));
    }

    [Fact]
    public void LoadingASavedPromptReplacesTheConversationAndSavingSendsTheLastUserMessage()
    {
        var editor = Editor();
        var saved = new SavedPromptView(Guid.NewGuid(), "Review", "Be kind.", "Review {{doc}}", ["doc"], DateTime.UtcNow, Guid.NewGuid());
        editor.Prompts = [saved];
        editor.Messages[0].Text = "Something else";
        editor.AddMessage();

        editor.Load(saved);

        Assert.Equal(saved.Id, editor.SelectedPromptId);
        Assert.Equal("Review {{doc}}", editor.Messages.Single().Text);
        Assert.Equal("Be kind.", editor.SystemPrompt);
        var input = editor.PromptToSave();
        Assert.Equal(new SavedPromptInput("Review", "Be kind.", "Review {{doc}}", saved.Version), input);
    }
}

public sealed class RunStateTests
{
    private static RunTargetView Target(int position, RunStatus status, double? ttft = null) => new(
        Guid.NewGuid(), position, $"Model {position}", "Conn", Guid.NewGuid(), "model", null, null, status, "text", "", null, null, null, null, null,
        ttft, ttft is null ? null : ttft + 1000, 10, 20, false, null, null, null);

    private static RunView Run(params RunTargetView[] targets) => new(
        Guid.NewGuid(), Guid.NewGuid(), "ada@example.com", "Title", null, [new ChatMessage(ChatRole.User, "Hi")], new RunParameters(),
        RunStatus.Running, DateTime.UtcNow, null, targets);

    [Fact]
    public void ARunAnnouncesItsStartAndItsEndButNotItsChunks()
    {
        var state = new RunState();
        var run = Run(Target(0, RunStatus.Running), Target(1, RunStatus.Running));

        state.Show(run);
        Assert.Equal("Run started", state.Announcement);
        Assert.True(state.IsRunning);

        state.Update([run.Targets[0] with { Output = "more" }, run.Targets[1]]);
        Assert.Equal("Run started", state.Announcement);

        state.Update([run.Targets[0] with { Status = RunStatus.Succeeded }, run.Targets[1] with { Status = RunStatus.Cancelled }]);
        Assert.False(state.IsRunning);
        Assert.Equal("Run cancelled", state.Announcement);
        Assert.Equal(RunStatus.Cancelled, state.Status);
    }

    [Fact]
    public void AFinishedRunOpenedLaterAnnouncesNothing()
    {
        var state = new RunState();
        state.Show(Run(Target(0, RunStatus.Succeeded, 200)));

        Assert.Null(state.Announcement);
        Assert.True(state.HasMetrics);
    }

    [Fact]
    public void AFailedTargetMakesTheRunFailedAndStatusChangesAreCounted()
    {
        var state = new RunState();
        var run = Run(Target(0, RunStatus.Running), Target(1, RunStatus.Running));
        state.Show(run);
        var version = state.StatusVersion;

        state.Update([run.Targets[0] with { Output = "chunk" }, run.Targets[1]]);
        Assert.Equal(version, state.StatusVersion);

        state.Update([run.Targets[0] with { Status = RunStatus.Failed }, run.Targets[1]]);
        Assert.Equal(version + 1, state.StatusVersion);
        Assert.True(state.IsRunning);
        Assert.False(state.HasMetrics);

        state.Update([run.Targets[0] with { Status = RunStatus.Failed }, run.Targets[1] with { Status = RunStatus.Succeeded }]);
        Assert.Equal("Run failed", state.Announcement);

        state.Clear();
        Assert.Null(state.Run);
        Assert.Null(state.Announcement);
    }
}
