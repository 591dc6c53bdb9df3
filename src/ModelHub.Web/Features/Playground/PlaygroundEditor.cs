using System.Text.Json;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Playground.Prompts;
using ModelHub.Web.Features.Playground.Runs;

namespace ModelHub.Web.Features.Playground;

/// <summary>
/// What the playground's editor holds: the targets chosen from the team's options, the conversation
/// with its attachments, the parameters, the values of <c>{{variables}}</c> and the saved prompts. It
/// turns all of that into a <see cref="RunRequest"/>, back again from a run, and into the draft kept in
/// the browser. No service calls and no UI: the page and its child components bind to it.
/// </summary>
public sealed class PlaygroundEditor
{
    public static readonly string[] ImageTypes = ["image/png", "image/jpeg", "image/gif", "image/webp"];

    public IReadOnlyList<TargetOption> Options { get; private set; } = [];

    public List<TargetSlot> Slots { get; private set; } = [new()];

    public string? SystemPrompt { get; set; }

    public List<MessageDraft> Messages { get; private set; } = [new()];

    public double? Temperature { get; set; }

    public double? TopP { get; set; }

    public int? MaxTokens { get; set; }

    public long? Seed { get; set; }

    public string? StopText { get; set; }

    public bool JsonResponse { get; set; }

    public Dictionary<string, string?> VariableValues { get; } = [];

    public IReadOnlyList<SavedPromptView> Prompts { get; set; } = [];

    public Guid? SelectedPromptId { get; set; }

    public string? PromptName { get; set; }

    public bool CanAddTarget => Slots.Count < PlaygroundRules.MaxTargets;

    /// <summary>The <c>{{names}}</c> used anywhere in the prompt, in order of first use.</summary>
    public IReadOnlyList<string> Variables => PromptTemplate.Variables([SystemPrompt, .. Messages.Select(m => m.Text)]);

    /// <summary>True once anything is typed into the prompt, so replacing it needs a yes first.</summary>
    public bool HasTypedPrompt => Messages.Any(m => !string.IsNullOrWhiteSpace(m.Text)) || !string.IsNullOrWhiteSpace(SystemPrompt);

    public int AttachmentCount => Messages.Sum(m => m.Images.Count);

    public TargetOption? Option(TargetSlot slot) => Options.FirstOrDefault(o => o.Key == slot.Key);

    /// <summary>A new team's options; the editor starts over with one empty target.</summary>
    public void Reset(IReadOnlyList<TargetOption> options, IReadOnlyList<SavedPromptView> prompts)
    {
        Options = options;
        Prompts = prompts;
        Slots = [new()];
        SelectedPromptId = null;
    }

    public void AddTarget()
    {
        if (CanAddTarget)
        {
            Slots.Add(new TargetSlot());
        }
    }

    public void RemoveTarget(int index)
    {
        if (Slots.Count > 1)
        {
            Slots.RemoveAt(index);
        }
    }

    /// <summary>Adds the next turn: an assistant reply after a user message, and the other way round.</summary>
    public void AddMessage() =>
        Messages.Add(new MessageDraft { Role = Messages[^1].Role == ChatRole.User ? ChatRole.Assistant : ChatRole.User });

    public void RemoveMessage(int index)
    {
        if (Messages.Count > 1)
        {
            Messages.RemoveAt(index);
        }
    }

    /// <summary>Why a file cannot be attached to the run, or null when it can.</summary>
    public string? RefuseAttachment(string fileName, string contentType, long size, PlaygroundOptions limits)
    {
        if (AttachmentCount >= limits.MaxAttachments)
        {
            return $"A run takes at most {limits.MaxAttachments} images; {fileName} was not attached.";
        }

        if (size > limits.MaxAttachmentBytes)
        {
            return $"{fileName} is {PlaygroundFormat.Bytes(size)}; images may be at most {PlaygroundFormat.Bytes(limits.MaxAttachmentBytes)}. Shrink it and attach it again.";
        }

        return ImageTypes.Contains(contentType) ? null : $"{fileName} is not a PNG, JPEG, GIF or WebP image.";
    }

    /// <summary>The run the editor describes, with variables filled in; an <see cref="InvalidInputException"/> names what is missing.</summary>
    public RunRequest BuildRequest()
    {
        var targets = new List<RunTargetRequest>();
        foreach (var (slot, index) in Slots.Select((s, i) => (s, i)))
        {
            var option = Option(slot) ?? throw new InvalidInputException($"Choose what target {index + 1} runs on, or remove it.");
            if (option.RouteId is null && string.IsNullOrWhiteSpace(slot.ModelId))
            {
                throw new InvalidInputException($"Type the model ID for target {index + 1} ({option.ConnectionName}).");
            }

            targets.Add(new RunTargetRequest(option.ConnectionId, option.RouteId, option.RouteId is null ? slot.ModelId?.Trim() : null));
        }

        var stop = (StopText ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(s => s.TrimEnd('\r')).Where(s => s.Length > 0).ToList();
        return new RunRequest(
            targets,
            [.. Messages.Select(m => new ChatMessage(m.Role, PromptTemplate.Fill(m.Text, VariableValues), m.Images.Count > 0 ? [.. m.Images] : null))],
            string.IsNullOrWhiteSpace(SystemPrompt) ? null : PromptTemplate.Fill(SystemPrompt, VariableValues),
            new RunParameters(Temperature, TopP, MaxTokens, stop.Count > 0 ? stop : null, Seed, JsonResponse));
    }

    /// <summary>Puts a run's request back into the editor (a run shown, or copied to change and run again).</summary>
    public void Fill(RunRequest request)
    {
        Slots = [.. request.Targets.Select(t => new TargetSlot
        {
            Key = Options.FirstOrDefault(o => o.ConnectionId == t.ConnectionId && o.RouteId == t.RouteId)?.Key,
            ModelId = t.ModelId,
        })];
        if (Slots.Count == 0)
        {
            Slots = [new()];
        }

        SystemPrompt = request.SystemPrompt;
        Messages = [.. request.Messages.Select(m => new MessageDraft { Role = m.Role, Text = m.Text, Images = [.. m.Images ?? []] })];
        if (Messages.Count == 0)
        {
            Messages = [new()];
        }

        var p = request.Parameters ?? new RunParameters();
        (Temperature, TopP, MaxTokens, Seed, JsonResponse) = (p.Temperature, p.TopP, p.MaxOutputTokens, p.Seed, p.JsonResponse);
        StopText = p.Stop is { Count: > 0 } stop ? string.Join('\n', stop) : null;
    }

    /// <summary>A saved prompt replaces the system prompt and the conversation; targets and parameters stay.</summary>
    public void Load(SavedPromptView prompt)
    {
        SelectedPromptId = prompt.Id;
        SystemPrompt = prompt.SystemPrompt;
        Messages = [new MessageDraft { Role = ChatRole.User, Text = prompt.UserPrompt }];
        PromptName = prompt.Name;
    }

    /// <summary>What saving the editor as a prompt sends: the system prompt and the last user message.</summary>
    public SavedPromptInput PromptToSave()
    {
        var lastUser = Messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text ?? "";
        var existing = Prompts.FirstOrDefault(p => p.Name == PromptName?.Trim());
        return new SavedPromptInput(PromptName ?? "", SystemPrompt, lastUser, existing?.Version);
    }

    /// <summary>Everything typed, as JSON for the browser's storage. Attached images are left out: they can be large.</summary>
    public string ToDraft() => JsonSerializer.Serialize(new Draft(
        [.. Slots.Select(s => new DraftTarget(s.Key, s.ModelId))],
        SystemPrompt,
        [.. Messages.Select(m => new DraftMessage(m.Role, m.Text))],
        Temperature, TopP, MaxTokens, Seed, StopText, JsonResponse,
        new Dictionary<string, string?>(VariableValues)));

    /// <summary>Restores a draft; returns whether it held a prompt worth telling the user about. Throws <see cref="JsonException"/> on a malformed one.</summary>
    public bool RestoreDraft(string json)
    {
        if (JsonSerializer.Deserialize<Draft>(json) is not { } draft)
        {
            return false;
        }

        Slots = draft.Targets.Count == 0 ? [new()] : [.. draft.Targets.Select(t => new TargetSlot { Key = Options.Any(o => o.Key == t.Key) ? t.Key : null, ModelId = t.ModelId })];
        SystemPrompt = draft.SystemPrompt;
        Messages = draft.Messages.Count == 0 ? [new()] : [.. draft.Messages.Select(m => new MessageDraft { Role = m.Role, Text = m.Text })];
        (Temperature, TopP, MaxTokens, Seed, StopText, JsonResponse) = (draft.Temperature, draft.TopP, draft.MaxTokens, draft.Seed, draft.StopText, draft.JsonResponse);
        foreach (var (name, value) in draft.Variables ?? [])
        {
            VariableValues[name] = value;
        }

        return Messages.Any(m => m.Text.Length > 0) || !string.IsNullOrEmpty(SystemPrompt);
    }

    private sealed record DraftTarget(string? Key, string? ModelId);

    private sealed record DraftMessage(ChatRole Role, string Text);

    private sealed record Draft(
        List<DraftTarget> Targets, string? SystemPrompt, List<DraftMessage> Messages,
        double? Temperature, double? TopP, int? MaxTokens, long? Seed, string? StopText, bool JsonResponse,
        Dictionary<string, string?>? Variables);
}

/// <summary>One target row: an option's key, and the model ID when the option is a connection alone.</summary>
public sealed class TargetSlot
{
    public string? Key { get; set; }

    public string? ModelId { get; set; }
}

public sealed class MessageDraft
{
    public ChatRole Role { get; set; } = ChatRole.User;

    public string Text { get; set; } = "";

    public List<ImageAttachment> Images { get; set; } = [];
}
