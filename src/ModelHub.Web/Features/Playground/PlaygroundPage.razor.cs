using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using ModelHub.Web.Components.Shared;
using ModelHub.Web.Features.Playground.Prompts;
using ModelHub.Web.Features.Playground.Runs;
using ModelHub.Web.Features.Teams;
using MudBlazor;

namespace ModelHub.Web.Features.Playground;

/// <summary>
/// The page's wiring: services, the address, the browser's draft and focus. What the editor holds lives in
/// <see cref="PlaygroundEditor"/>, the run shown in <see cref="RunState"/>.
/// </summary>
public sealed partial class PlaygroundPage
{
    /// <summary>The run to show, with its request in the editor.</summary>
    [SupplyParameterFromQuery(Name = "run")]
    public Guid? RunId { get; set; }

    /// <summary>A run whose request is copied into the editor, without its results.</summary>
    [SupplyParameterFromQuery(Name = "from")]
    public Guid? FromRunId { get; set; }

    private PlaygroundEditor Editor { get; } = new();

    private RunState Run { get; } = new();

    private bool CanRun => Role >= TeamRole.Member;

    private bool loaded;
    private bool starting;
    private LiveRunView? liveView;
    private IJSObjectReference? module;
    private bool focusCancel;
    private int focusedStatusVersion;
    private Timer? draftTimer;
    private bool draftRestored;
    private string? savedDraft;

    private string DraftKey => $"playground-draft-{Team?.Id}";

    protected override async Task OnTeamChangedAsync()
    {
        Run.Clear();
        var options = await LoadAsync(async () => await Runs.ListTargetsAsync(Caller, Team!.Id)) ?? [];
        var prompts = await LoadAsync(() => PromptStore.ListAsync(Caller, Team!.Id)) ?? [];
        Editor.Reset(options, prompts);
        loaded = true;
    }

    protected override async Task OnParametersSetAsync()
    {
        if (!loaded || Team is null)
        {
            return;
        }

        if (RunId is { } runId && Run.Run?.Id != runId)
        {
            if (await LoadAsync(() => History.GetAsync(Caller, Team.Id, runId)) is { } run)
            {
                Editor.Fill(run.ToRequest());
                Run.Show(run);
            }
        }
        else if (FromRunId is { } fromId && RunId is null)
        {
            if (await LoadAsync(() => History.GetAsync(Caller, Team.Id, fromId)) is { } run)
            {
                Editor.Fill(run.ToRequest());
                Snackbar.Add("The run's prompt, targets and parameters are in the editor. Change what you like and run.", Severity.Info);
            }

            FromRunId = null;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (focusCancel)
        {
            // The Run button is disabled while the run streams; focus goes to the control that stops it.
            focusCancel = false;
            focusedStatusVersion = Run.StatusVersion;
            await CallAsync("focusFirst", "cancel-run", "answers-heading");
        }
        else if (focusedStatusVersion != Run.StatusVersion)
        {
            // A target finished and its Cancel button went away: focus must not fall to the page's body.
            focusedStatusVersion = Run.StatusVersion;
            await CallAsync("focusIfLost", "run-button", "cancel-run", "answers-heading");
        }

        if (!draftRestored && loaded && Team is not null)
        {
            draftRestored = true;
            await RestoreDraftAsync();
        }

        // Whatever was typed is written to the browser a second after the last change, so a reload
        // or a lost connection does not lose it.
        draftTimer ??= new Timer(_ => InvokeAsync(SaveDraftAsync));
        draftTimer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
    }

    private async Task CallAsync(string function, params string[] ids)
    {
        try
        {
            module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./Features/Playground/PlaygroundPage.razor.js");
            await module.InvokeVoidAsync(function, [.. ids]);
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or TaskCanceledException)
        {
            // Focus and scrolling are conveniences; the page works without them.
        }
    }

    private async Task RunAsync()
    {
        if (starting || Team is null)
        {
            return;
        }

        starting = true;
        RunView? started = null;
        // Nothing in the editor is touched on a refusal: fix what the message says and run again.
        await TryAsync(async () => started = await Runs.StartAsync(Caller, Team.Id, Editor.BuildRequest()), inline: true);
        starting = false;
        if (started is not null)
        {
            Run.Show(started);
            focusCancel = true;
            Navigation.NavigateTo($"playground?run={started.Id}");
        }
    }

    private async Task CancelAsync(Guid? targetId)
    {
        if (Run.Run is { } run)
        {
            await TryAsync(() => Runs.CancelAsync(Caller, run.TeamId, run.Id, targetId));
        }
    }

    private async Task LoadPromptAsync(Guid? promptId)
    {
        Editor.SelectedPromptId = promptId;
        if (Editor.Prompts.FirstOrDefault(p => p.Id == promptId) is not { } prompt)
        {
            return;
        }

        if (Editor.HasTypedPrompt && !await Dialogs.ConfirmAsync("Load saved prompt", $"Replace the prompt in the editor with '{prompt.Name}'?", "Replace"))
        {
            return;
        }

        Editor.Load(prompt);
    }

    private async Task SavePromptAsync()
    {
        SavedPromptView? saved = null;
        if (await TryAsync(async () => saved = await PromptStore.SaveAsync(Caller, Team!.Id, Editor.PromptToSave())) && saved is not null)
        {
            Editor.Prompts = await PromptStore.ListAsync(Caller, Team!.Id);
            Editor.SelectedPromptId = saved.Id;
            Snackbar.Add(saved.Variables.Count > 0 ? $"Saved '{saved.Name}' with variables {string.Join(", ", saved.Variables)}." : $"Saved '{saved.Name}'.", Severity.Success);
        }
    }

    private async Task DeletePromptAsync()
    {
        if (Editor.SelectedPromptId is { } id
            && await TryAsync(() => PromptStore.DeleteAsync(Caller, Team!.Id, id), "The saved prompt is deleted; the editor keeps its text."))
        {
            Editor.Prompts = await PromptStore.ListAsync(Caller, Team!.Id);
            Editor.SelectedPromptId = null;
        }
    }

    private async Task SaveDraftAsync()
    {
        if (Team is null || !loaded)
        {
            return;
        }

        var json = Editor.ToDraft();
        if (json == savedDraft)
        {
            return;
        }

        try
        {
            await DraftStore.SetAsync(DraftKey, json);
            savedDraft = json;
        }
        catch (Exception ex) when (ex is JSException or JSDisconnectedException or InvalidOperationException or TaskCanceledException)
        {
            // The browser went away or refused storage; the editor still holds the text.
        }
    }

    private async Task RestoreDraftAsync()
    {
        if (RunId is not null || FromRunId is not null || Editor.HasTypedPrompt)
        {
            return;
        }

        try
        {
            var stored = await DraftStore.GetAsync<string>(DraftKey);
            if (stored is not { Success: true, Value: { } json })
            {
                return;
            }

            if (Editor.RestoreDraft(json))
            {
                Snackbar.Add("Your unsaved prompt is back as you left it.", Severity.Info);
            }

            savedDraft = json;
            StateHasChanged();
        }
        catch (Exception ex) when (ex is JSException or InvalidOperationException or JsonException or CryptographicException)
        {
            // An unreadable draft (another key ring, an older shape) is dropped rather than shown half-restored.
            await DraftStore.DeleteAsync(DraftKey);
        }
    }

    public override void Dispose()
    {
        draftTimer?.Dispose();
        if (module is not null)
        {
            _ = ReleaseAsync(module);
        }

        base.Dispose();
    }

    private static async Task ReleaseAsync(IJSObjectReference module)
    {
        try
        {
            await module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the module with it.
        }
    }
}
