using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Catalog.Import;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Comparisons;
using ModelHub.Web.Features.Teams;

namespace ModelHub.IntegrationTests.Comparisons;

/// <summary>The bell's data: which saved comparisons have route changes a member has not seen, on real SQLite.</summary>
[Trait("Database", "true")]
public sealed class PriceChangeNotificationTests : IntegrationTest
{
    private TestUser owner = null!;
    private TestUser member = null!;
    private Guid teamId;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        owner = await app.CreateUserAsync($"owner-{Guid.NewGuid():N}@example.com");
        teamId = await CreateTeamAsync(owner, "Platform");
        member = await app.AddMemberAsync(owner, teamId, $"member-{Guid.NewGuid():N}@example.com", TeamRole.Viewer);
    }

    private static async Task<Guid> CreateTeamAsync(TestUser user, string name) =>
        (await (await user.Api.PostJsonAsync("/api/v1/teams", new CreateTeamRequest(name))).ReadAsync<TeamSummary>(HttpStatusCode.Created)).Id;

    private static async Task<ComparisonView> SaveAsync(TestUser user, Guid team, string name, params string[] models) =>
        await (await user.Api.PostJsonAsync($"/api/v1/teams/{team}/comparisons", new ComparisonInput(name, models)))
            .ReadAsync<ComparisonView>(HttpStatusCode.Created);

    private static Caller CallerOf(TestUser user) => new(user.Id, IsInstanceAdmin: false);

    private async Task<IReadOnlyList<UnseenPriceChanges>> UnseenAsync(TestUser user)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PriceChangeNotifications>().UnseenAsync(CallerOf(user));
    }

    private async Task MarkSeenAsync(TestUser user, Guid team, Guid comparisonId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PriceChangeNotifications>().MarkSeenAsync(CallerOf(user), team, comparisonId);
    }

    /// <summary>Replicate's GLM-4V-9B route (seeded at 0.05 in, 0.25 out) gets a new input price through a catalog import.</summary>
    private async Task ImportGlmInputPriceAsync(decimal input)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var batch = new ImportBatch(CatalogImportFormat.ModelsDev,
            [new ImportedProvider("replicate", "Replicate", ApiStyle.Replicate, null, null, null)],
            [new ImportedRoute("replicate", "glm-4v-9b", new ImportedModel("glm-4v-9b", "GLM-4V-9B", "Unknown"), input, 0.25m, null, null, null, false, "Provider 'replicate', model 'glm-4v-9b'")]);
        await scope.ServiceProvider.GetRequiredService<CatalogImporter>().ImportAsync(batch, "price change", dryRun: false);
    }

    private Task<int> UpdateGlmRouteAsync(Action<CatalogRoute> change) => app.WithDbAsync(async db =>
    {
        var route = await db.Routes.SingleAsync(r => r.Provider.Slug == "replicate" && r.ProviderModelId == "glm-4v-9b");
        change(route);
        route.UpdatedAtUtc = DateTime.UtcNow;
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task AfterAPriceImportAnotherMemberIsToldOfTheComparisonWithItsCount()
    {
        var saved = await SaveAsync(owner, teamId, "Vision bot", "glm-4v-9b", "gpt-4o");

        await ImportGlmInputPriceAsync(0.10m);

        var unseen = Assert.Single(await UnseenAsync(member));
        Assert.Equal((teamId, "Platform", saved.Id, "Vision bot", 1), (unseen.TeamId, unseen.TeamName, unseen.ComparisonId, unseen.ComparisonName, unseen.Changes));
        Assert.True(unseen.LatestChangeUtc > saved.CreatedAtUtc);
    }

    [Fact]
    public async Task OpeningTheComparisonClearsItUntilALaterChangeBringsItBack()
    {
        var saved = await SaveAsync(owner, teamId, "Vision bot", "glm-4v-9b", "gpt-4o");
        await ImportGlmInputPriceAsync(0.10m);

        await MarkSeenAsync(member, teamId, saved.Id);
        Assert.Empty(await UnseenAsync(member));

        await ImportGlmInputPriceAsync(0.20m);
        var back = Assert.Single(await UnseenAsync(member));
        Assert.Equal((saved.Id, 1), (back.ComparisonId, back.Changes));
        Assert.Single(await UnseenAsync(owner));
    }

    [Fact]
    public async Task ContextAndStatusChangesCountAndEachChangedFieldIsOneChange()
    {
        var saved = await SaveAsync(owner, teamId, "Vision bot", "glm-4v-9b", "gpt-4o");

        await UpdateGlmRouteAsync(r =>
        {
            r.ContextWindow = 8_192;
            r.Status = CatalogStatus.Deprecated;
        });

        var unseen = Assert.Single(await UnseenAsync(member));
        Assert.Equal((saved.Id, 2), (unseen.ComparisonId, unseen.Changes));
    }

    [Fact]
    public async Task AnEditThatLeavesThePricesAloneDoesNotAnnounceASeenPriceAgain()
    {
        var saved = await SaveAsync(owner, teamId, "Vision bot", "glm-4v-9b", "gpt-4o");
        await ImportGlmInputPriceAsync(0.10m);
        await MarkSeenAsync(member, teamId, saved.Id);

        await UpdateGlmRouteAsync(r => r.Notes = "Batch discount on request");

        Assert.Empty(await UnseenAsync(member));
    }

    [Fact]
    public async Task ARouteRemovedBeforeTheMemberEverOpenedTheComparisonCounts()
    {
        var saved = await SaveAsync(owner, teamId, "Vision bot", "glm-4v-9b", "gpt-4o");

        await app.WithDbAsync(db => db.Routes.Where(r => r.Provider.Slug == "replicate" && r.ProviderModelId == "glm-4v-9b").ExecuteDeleteAsync());

        var unseen = Assert.Single(await UnseenAsync(member));
        Assert.Equal((saved.Id, 1), (unseen.ComparisonId, unseen.Changes));
    }

    [Fact]
    public async Task AMemberOfAnotherTeamNeverSeesItNorMarksItSeen()
    {
        var saved = await SaveAsync(owner, teamId, "Vision bot", "glm-4v-9b", "gpt-4o");
        var outsider = await app.CreateUserAsync($"outsider-{Guid.NewGuid():N}@example.com");
        var theirTeam = await CreateTeamAsync(outsider, "Research");
        await SaveAsync(outsider, theirTeam, "Chat", "gpt-4o", "gpt-4o-mini");

        await ImportGlmInputPriceAsync(0.10m);

        Assert.Empty(await UnseenAsync(outsider));
        await Assert.ThrowsAsync<NotFoundException>(() => MarkSeenAsync(outsider, teamId, saved.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => MarkSeenAsync(outsider, theirTeam, saved.Id));
    }

    [Fact]
    public async Task AComparisonWhoseRoutesDidNotChangeNeverAppears()
    {
        var changed = await SaveAsync(owner, teamId, "Vision bot", "glm-4v-9b", "gpt-4o");
        var unchanged = await SaveAsync(owner, teamId, "Chat", "gpt-4o", "gpt-4o-mini");

        await ImportGlmInputPriceAsync(0.10m);

        Assert.Equal([changed.Id], (await UnseenAsync(member)).Select(u => u.ComparisonId));
        var counts = await app.WithDbAsync(db => PriceChangeNotifications.UnseenCountsAsync(db, member.Id, [changed.Id, unchanged.Id], CancellationToken.None));
        Assert.Equal(new Dictionary<Guid, int> { [changed.Id] = 1 }, counts);
    }
}
