using ModelHub.Web.Features.Common;

namespace ModelHub.Web.Features.Evaluations.Notes;

/// <summary>
/// The notes a <see cref="TeamNotesSection"/> shows and the drafts it holds: the newest first, twenty at a
/// time, kept in step with what the viewer writes, edits and deletes without reloading the list.
/// </summary>
public sealed class TeamNotesState(NoteService notes)
{
    public const int PageSize = 20;

    private readonly List<NoteView> items = [];
    private (Guid TeamId, NoteQuery Filter)? loadedFor;

    public IReadOnlyList<NoteView> Items => items;

    public int Total { get; private set; }

    public bool Loaded { get; private set; }

    public bool HasMore => items.Count < Total && items.Count < NoteService.MaxPageSize;

    /// <summary>More notes than one list shows: the rest are in the notes search.</summary>
    public bool Truncated => items.Count < Total && items.Count >= NoteService.MaxPageSize;

    public NoteDraft Compose { get; set; } = new();

    public Guid? EditingId { get; private set; }

    public NoteDraft? Edit { get; private set; }

    public bool NeedsLoad(Guid teamId, NoteQuery filter) => loadedFor != (teamId, filter);

    /// <summary>The first notes, or as many as are shown plus the next twenty ("Show more"). A refusal is thrown as it came.</summary>
    public async Task LoadAsync(Caller caller, Guid teamId, NoteQuery filter, bool more = false)
    {
        var count = more ? Math.Min(items.Count + PageSize, NoteService.MaxPageSize) : PageSize;
        if (!more)
        {
            loadedFor = (teamId, filter);
            EditingId = null;
            Edit = null;
        }

        // One page of everything shown so far: a note written or deleted meanwhile cannot shift a later page.
        var list = await notes.ListAsync(caller, teamId, filter with { Page = 1, PageSize = count });
        items.Clear();
        items.AddRange(list.Items);
        Total = list.Total;
        Loaded = true;
    }

    public void Added(NoteView note)
    {
        items.Insert(0, note);
        Total++;
    }

    public void StartEdit(NoteView note)
    {
        EditingId = note.Id;
        Edit = NoteDraft.From(note);
    }

    public void CancelEdit()
    {
        EditingId = null;
        Edit = null;
    }

    public void Replaced(NoteView note)
    {
        var index = items.FindIndex(n => n.Id == note.Id);
        if (index >= 0)
        {
            items[index] = note;
        }

        CancelEdit();
    }

    public void Removed(Guid noteId)
    {
        if (items.RemoveAll(n => n.Id == noteId) > 0)
        {
            Total--;
        }

        if (EditingId == noteId)
        {
            CancelEdit();
        }
    }

    /// <summary>Saves a draft; a refusal stays on the draft, with everything typed.</summary>
    public static async Task<NoteView?> SaveAsync(NoteDraft draft, Func<Task<NoteView>> save)
    {
        draft.Saving = true;
        try
        {
            var saved = await save();
            draft.Problem = null;
            return saved;
        }
        catch (UserFacingException ex)
        {
            draft.Problem = ex.Message;
            return null;
        }
        finally
        {
            draft.Saving = false;
        }
    }
}
