using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Teams;

namespace ModelHub.Web.Features.Playground.Prompts;

public sealed record SavedPromptView(Guid Id, string Name, string? SystemPrompt, string UserPrompt, IReadOnlyList<string> Variables, DateTime UpdatedAtUtc, Guid Version);

public sealed record SavedPromptInput(string Name, string? SystemPrompt, string UserPrompt, Guid? Version = null);

/// <summary>The team's saved prompts: Members and above save and delete them, everyone in the team uses them.</summary>
public sealed class PromptService(IDbContextFactory<ModelHubDbContext> databases)
{
    public async Task<IReadOnlyList<SavedPromptView>> ListAsync(Caller caller, Guid teamId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Viewer, cancellationToken);
        var prompts = await db.SavedPrompts.AsNoTracking().InTeam(membership).OrderBy(p => p.Name).ToListAsync(cancellationToken);
        return [.. prompts.Select(ToView)];
    }

    /// <summary>Saves under the name: a new prompt, or a new version of the one already called that.</summary>
    public async Task<SavedPromptView> SaveAsync(Caller caller, Guid teamId, SavedPromptInput input, CancellationToken cancellationToken = default)
    {
        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > PlaygroundRules.MaxPromptNameLength)
        {
            throw new InvalidInputException($"name: give the prompt a name of 1 to {PlaygroundRules.MaxPromptNameLength} characters.");
        }

        TextLimit.Check(input.SystemPrompt, PlaygroundRules.MaxSystemPromptLength, "systemPrompt");
        TextLimit.Check(input.UserPrompt, PlaygroundRules.MaxMessageLength, "userPrompt");

        if (string.IsNullOrWhiteSpace(input.UserPrompt))
        {
            throw new InvalidInputException("The prompt is empty; write it before saving.");
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Member, cancellationToken);
        var prompt = await db.SavedPrompts.InTeam(membership).SingleOrDefaultAsync(p => p.Name == name, cancellationToken);
        if (prompt is null)
        {
            prompt = new SavedPrompt { TeamId = membership.TeamId, Name = name, UserPrompt = "", CreatedByUserId = caller.UserId };
            db.SavedPrompts.Add(prompt);
        }
        else if (input.Version is { } version)
        {
            db.Entry(prompt).Property(p => p.Version).OriginalValue = version;
        }

        prompt.SystemPrompt = string.IsNullOrWhiteSpace(input.SystemPrompt) ? null : input.SystemPrompt;
        prompt.UserPrompt = input.UserPrompt;
        prompt.UpdatedAtUtc = DateTime.UtcNow;
        prompt.Version = Guid.NewGuid();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConflictException($"Someone else saved '{name}' meanwhile. Save under another name to keep both.");
        }
        catch (DbUpdateException)
        {
            throw new ConflictException($"Someone else saved a prompt named '{name}' meanwhile. Save again to overwrite it, or choose another name.");
        }

        return ToView(prompt);
    }

    public async Task DeleteAsync(Caller caller, Guid teamId, Guid promptId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Member, cancellationToken);
        if (await db.SavedPrompts.InTeam(membership).Where(p => p.Id == promptId).ExecuteDeleteAsync(cancellationToken) == 0)
        {
            throw new NotFoundException("That saved prompt does not exist in this team.");
        }
    }

    private static SavedPromptView ToView(SavedPrompt p) =>
        new(p.Id, p.Name, p.SystemPrompt, p.UserPrompt, PromptTemplate.Variables(p.SystemPrompt, p.UserPrompt), p.UpdatedAtUtc, p.Version);
}
