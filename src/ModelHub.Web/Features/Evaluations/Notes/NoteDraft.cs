namespace ModelHub.Web.Features.Evaluations.Notes;

/// <summary>A choice of what a new note is about, for pages where there is more than one (a run and each of its answers).</summary>
public sealed record NoteTargetChoice(string Label, NoteTargetInput Target)
{
    public string Key => $"{Target.Kind}:{Target.Id}";
}

/// <summary>
/// A note being written or edited: what was typed stays here through a refused save, a preview and a
/// conflict, and only a successful save clears it.
/// </summary>
public sealed class NoteDraft
{
    private readonly List<string> tags = [];

    public string Body { get; set; } = "";

    /// <summary>"" for no verdict, otherwise the name of a <see cref="NoteVerdict"/>.</summary>
    public string Verdict { get; set; } = "";

    public IReadOnlyList<string> Tags => tags;

    /// <summary>The tag being typed, not yet a chip.</summary>
    public string TagText { get; private set; } = "";

    /// <summary>The key of the chosen <see cref="NoteTargetChoice"/>; null for the section's own target.</summary>
    public string? TargetKey { get; set; }

    /// <summary>The version the author started editing from, so a save over someone else's change is refused.</summary>
    public Guid? Version { get; init; }

    public bool Preview { get; set; }

    /// <summary>Why the last save was refused, in words that say what to do.</summary>
    public string? Problem { get; set; }

    public bool Saving { get; set; }

    public bool CanSave => !Saving && Body.Trim().Length > 0;

    public static NoteDraft From(NoteView note)
    {
        var draft = new NoteDraft { Body = note.Body, Verdict = note.Verdict ?? "", Version = note.Version };
        draft.tags.AddRange(note.Tags);
        return draft;
    }

    /// <summary>Typing in the tags field: a comma ends a tag and turns it into a chip.</summary>
    public void TypeTags(string? text)
    {
        var parts = (text ?? "").Split(',');
        foreach (var done in parts[..^1])
        {
            Add(done);
        }

        TagText = parts[^1];
    }

    /// <summary>Enter in the tags field, or a save with a tag still typed: the typed text becomes a chip.</summary>
    public void CommitTagText()
    {
        Add(TagText);
        TagText = "";
    }

    public void RemoveTag(string tag) => tags.Remove(tag);

    public NoteInput ToInput(NoteTargetInput? target)
    {
        CommitTagText();
        return new NoteInput(target, Body, Verdict.Length == 0 ? null : Verdict, [.. tags], Version);
    }

    private void Add(string raw)
    {
        if (EvaluationTags.Normalize(raw) is { } tag && !tags.Contains(tag))
        {
            tags.Add(tag);
        }
    }
}
