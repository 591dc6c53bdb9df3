using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Accounts;
using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Playground.Connections;
using ModelHub.Web.Features.Playground.Runs;
using ModelHub.Web.Features.Teams;

namespace ModelHub.ComponentTests;

/// <summary>A signed-up user with a team, and playground rows written straight to the database.</summary>
internal sealed record PlaygroundTestData(AppServices App, Caller Caller, string Email, TeamSummary Team)
{
    public static async Task<PlaygroundTestData> CreateAsync(AppServices app, string email = "ada@example.com")
    {
        var caller = await app.CreateUserAsync(email);
        var team = await app.Get<TeamService>().CreateTeamAsync(caller, "Research");
        return new PlaygroundTestData(app, caller, email, team);
    }

    public async Task<Guid> AddConnectionAsync(string name, string apiKey)
    {
        await using var db = await App.Get<IDbContextFactory<ModelHubDbContext>>().CreateDbContextAsync();
        var connection = new ProviderConnection
        {
            TeamId = Team.Id,
            Name = name,
            ApiStyle = ApiStyle.OpenAiCompatible,
            BaseUrl = "https://api.openai.com/v1",
            ApiKey = apiKey,
            ApiKeyHint = apiKey[^4..],
            CreatedByUserId = Caller.UserId,
        };
        db.ProviderConnections.Add(connection);
        await db.SaveChangesAsync();
        return connection.Id;
    }

    public async Task AddRunAsync(string title, RunStatus status, DateTime createdAtUtc)
    {
        await using var db = await App.Get<IDbContextFactory<ModelHubDbContext>>().CreateDbContextAsync();
        var run = new PlaygroundRun
        {
            TeamId = Team.Id,
            AuthorUserId = Caller.UserId,
            Title = title,
            MessagesJson = $$"""[{"role":"User","text":"{{title}}"}]""",
            ParametersJson = "{}",
            Status = status,
            CreatedAtUtc = createdAtUtc,
        };
        run.Targets.Add(new RunTarget { ConnectionName = "OpenAI prod", ProviderModelId = "gpt-4o-mini", DisplayName = "GPT-4o mini · OpenAI prod", Status = status, CostUsd = 0.01m });
        db.PlaygroundRuns.Add(run);
        await db.SaveChangesAsync();
    }
}
