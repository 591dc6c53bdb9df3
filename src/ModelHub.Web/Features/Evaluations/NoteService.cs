using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Teams;

namespace ModelHub.Web.Features.Evaluations;

/// <summary>
/// The team's notes on models, routes, runs, run answers and comparisons. Viewers read; members write;
/// only the author edits a note; the author or an admin deletes it. Another team's note answers 404.
/// </summary>
public sealed class NoteService(IDbContextFactory<ModelHubDbContext> databases, TimeProvider clock)
{
    public const int MaxPageSize = 200;

    public async Task<NoteView> CreateAsync(Caller caller, Guid teamId, NoteInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Member, cancellationToken);
        var (body, verdict, tags) = Validate(input);
        var target = await NoteTargets.ResolveAsync(db, membership, input.Target, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var note = new EvaluationNote
        {
            TeamId = teamId,
            TargetKind = target.Kind,
            TargetId = target.Id,
            ModelId = target.ModelId,
            RouteId = target.RouteId,
            RunId = target.RunId,
            RunTargetId = target.RunTargetId,
            ComparisonId = target.ComparisonId,
            Body = body,
            Verdict = verdict,
            Tags = EvaluationTags.ToColumn(tags),
            AuthorUserId = caller.UserId,
            CreatedAtUtc = now,
            UpdatedAtUtc = now,
        };
        db.EvaluationNotes.Add(note);
        await db.SaveChangesAsync(cancellationToken);
        return (await ViewsAsync(db, membership, [note], cancellationToken))[0];
    }

    public async Task<NoteView> GetAsync(Caller caller, Guid teamId, Guid noteId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Viewer, cancellationToken);
        var note = await FindAsync(db, membership, noteId, tracked: false, cancellationToken);
        return (await ViewsAsync(db, membership, [note], cancellationToken))[0];
    }

    public async Task<NoteList> ListAsync(Caller caller, Guid teamId, NoteQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Viewer, cancellationToken);
        var page = Math.Max(1, query.Page);
        var pageSize = Math.Clamp(query.PageSize, 1, MaxPageSize);
        var notes = db.EvaluationNotes.AsNoTracking().InTeam(membership);

        if (!string.IsNullOrWhiteSpace(query.Model))
        {
            // A note on a route counts for the model the route belongs to now; any other for its recorded model, merges followed.
            var current = await CurrentModels.LoadAsync(db, cancellationToken);
            var ids = await current.FindAsync(db, query.Model.Trim(), "model", cancellationToken);
            notes = notes.Where(n => n.RouteId != null && db.Routes.Any(r => r.Id == n.RouteId)
                ? db.Routes.Any(r => r.Id == n.RouteId && ids.Contains(r.ModelId))
                : n.ModelId != null && ids.Contains(n.ModelId.Value));
        }

        if (query.Route is { } routeId)
        {
            notes = notes.Where(n => n.RouteId == routeId);
        }

        if (query.Run is { } runId)
        {
            notes = notes.Where(n => n.RunId == runId);
        }

        if (query.RunTarget is { } runTargetId)
        {
            notes = notes.Where(n => n.RunTargetId == runTargetId);
        }

        if (query.Comparison is { } comparisonId)
        {
            notes = notes.Where(n => n.ComparisonId == comparisonId);
        }

        if (!string.IsNullOrWhiteSpace(query.Tag))
        {
            var pattern = EvaluationTags.Pattern(EvaluationTags.Normalize(query.Tag) ?? "");
            notes = notes.Where(n => EF.Functions.Like(n.Tags, pattern, SqlLike.Escape));
        }

        if (!string.IsNullOrWhiteSpace(query.Verdict))
        {
            var verdict = ParseVerdict(query.Verdict, "verdict");
            notes = notes.Where(n => n.Verdict == verdict);
        }

        if (!string.IsNullOrWhiteSpace(query.Kind))
        {
            var kind = NoteTargets.ParseKind(query.Kind);
            notes = notes.Where(n => n.TargetKind == kind);
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            TextLimit.Check(query.Q, 200, "q");
            var pattern = SqlLike.Containing(query.Q.Trim());
            notes = notes.Where(n => EF.Functions.Like(n.Body, pattern, SqlLike.Escape) || EF.Functions.Like(n.Tags, pattern, SqlLike.Escape));
        }

        var total = await notes.CountAsync(cancellationToken);
        var rows = await notes.OrderByDescending(n => n.CreatedAtUtc).ThenByDescending(n => n.Id)
            .Skip((int)Math.Min(int.MaxValue, (long)(page - 1) * pageSize)).Take(pageSize)
            .ToListAsync(cancellationToken);
        return new NoteList(await ViewsAsync(db, membership, rows, cancellationToken), total, page, pageSize);
    }

    public async Task<NoteView> UpdateAsync(Caller caller, Guid teamId, Guid noteId, NoteInput input, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Member, cancellationToken);
        var note = await FindAsync(db, membership, noteId, tracked: true, cancellationToken);
        if (note.AuthorUserId != caller.UserId)
        {
            throw new ForbiddenException("Only the note's author can edit it. Add your own note instead.");
        }

        if (input.Version is { } version && version != note.Version)
        {
            throw new ConflictException("This note was changed in another tab or window since you opened it. Copy your text, reload, and edit again.");
        }

        if (input.Target is { Kind: not null } target
            && (!string.Equals(NoteTargets.KindName(note.TargetKind), target.Kind.Trim(), StringComparison.OrdinalIgnoreCase)
                || !string.Equals(note.TargetId, target.Id?.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidInputException("target: a note stays on what it was written about. Delete it and write a new note on the other target.");
        }

        var (body, verdict, tags) = Validate(input);
        note.Body = body;
        note.Verdict = verdict;
        note.Tags = EvaluationTags.ToColumn(tags);
        note.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        note.Version = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException("This note was changed or deleted meanwhile. Copy your text, reload, and try again.");
        }

        return (await ViewsAsync(db, membership, [note], cancellationToken))[0];
    }

    public async Task DeleteAsync(Caller caller, Guid teamId, Guid noteId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Member, cancellationToken);
        var note = await FindAsync(db, membership, noteId, tracked: true, cancellationToken);
        if (note.AuthorUserId != caller.UserId && membership.Role < TeamRole.Admin)
        {
            throw new ForbiddenException("Only the note's author or a team Admin can delete it.");
        }

        db.EvaluationNotes.Remove(note);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Deleted meanwhile by someone else: the outcome asked for.
        }
    }

    /// <summary>"Recommended", "Acceptable", "NotRecommended" in any case, with or without a space or hyphen.</summary>
    public static NoteVerdict ParseVerdict(string text, string field) =>
        text.Replace(" ", "").Replace("-", "").Replace("_", "").ToLowerInvariant() switch
        {
            "recommended" => NoteVerdict.Recommended,
            "acceptable" => NoteVerdict.Acceptable,
            "notrecommended" => NoteVerdict.NotRecommended,
            _ => throw new InvalidInputException($"{field}: Recommended, Acceptable or NotRecommended, not '{text}'."),
        };

    public static string VerdictText(NoteVerdict verdict) => verdict switch
    {
        NoteVerdict.NotRecommended => "Not recommended",
        _ => verdict.ToString(),
    };

    private static (string Body, NoteVerdict? Verdict, IReadOnlyList<string> Tags) Validate(NoteInput input)
    {
        var body = (input.Body ?? "").Trim();
        if (body.Length == 0)
        {
            throw new InvalidInputException("body: write the note; it cannot be empty.");
        }

        TextLimit.Check(body, EvaluationLimits.MaxNoteLength, "body");
        var verdict = string.IsNullOrWhiteSpace(input.Verdict) ? (NoteVerdict?)null : ParseVerdict(input.Verdict.Trim(), "verdict");
        return (body, verdict, EvaluationTags.Normalize(input.Tags));
    }

    private static async Task<EvaluationNote> FindAsync(ModelHubDbContext db, TeamMembership membership, Guid noteId, bool tracked, CancellationToken cancellationToken)
    {
        var notes = db.EvaluationNotes.InTeam(membership);
        return await (tracked ? notes : notes.AsNoTracking()).SingleOrDefaultAsync(n => n.Id == noteId, cancellationToken)
            ?? throw new NotFoundException("That note does not exist in this team.");
    }

    private static async Task<IReadOnlyList<NoteView>> ViewsAsync(
        ModelHubDbContext db, TeamMembership membership, IReadOnlyList<EvaluationNote> notes, CancellationToken cancellationToken)
    {
        var authorIds = notes.Select(n => n.AuthorUserId).Distinct().ToList();
        var authors = await db.Users.AsNoTracking().Where(u => authorIds.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.Email ?? u.UserName ?? u.Id, cancellationToken);
        var targets = await NoteTargets.DescribeAsync(db, membership, notes, cancellationToken);
        return notes.Select(n => new NoteView(
            n.Id, targets[n.Id], n.Body, SafeMarkdown.ToHtml(n.Body), n.Verdict?.ToString(), EvaluationTags.FromColumn(n.Tags),
            n.AuthorUserId, authors.GetValueOrDefault(n.AuthorUserId, "a former member"), n.CreatedAtUtc, n.UpdatedAtUtc, n.Version,
            CanEdit: n.AuthorUserId == membership.UserId && membership.Role >= TeamRole.Member,
            CanDelete: membership.Role >= TeamRole.Admin || (n.AuthorUserId == membership.UserId && membership.Role >= TeamRole.Member))).ToList();
    }
}
