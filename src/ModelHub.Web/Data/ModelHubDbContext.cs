using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ModelHub.Web.Features.AccessTokens;
using ModelHub.Web.Features.Accounts;
using ModelHub.Web.Features.Administration;
using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Catalog.Identity;
using ModelHub.Web.Features.Comparisons;
using ModelHub.Web.Features.Evaluations;
using ModelHub.Web.Features.Instances;
using ModelHub.Web.Features.Mail;
using ModelHub.Web.Features.Operations;
using ModelHub.Web.Features.Playground.Connections;
using ModelHub.Web.Features.Playground.Prompts;
using ModelHub.Web.Features.Playground.Runs;
using ModelHub.Web.Features.Teams;

namespace ModelHub.Web.Data;

/// <summary>
/// The application's model. Each database provider has a subclass with its own migrations
/// (<see cref="SqliteModelHubDbContext"/>, <see cref="SqlServerModelHubDbContext"/>,
/// <see cref="PostgreSqlModelHubDbContext"/>); services
/// always ask for this base type.
/// </summary>
public abstract class ModelHubDbContext(DbContextOptions options) : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public DbSet<Team> Teams => Set<Team>();

    public DbSet<TeamMembership> TeamMemberships => Set<TeamMembership>();

    public DbSet<TeamInvite> TeamInvites => Set<TeamInvite>();

    public DbSet<PersonalAccessToken> PersonalAccessTokens => Set<PersonalAccessToken>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<InstanceSettings> InstanceSettings => Set<InstanceSettings>();

    /// <summary>The shared Data Protection key ring: every instance reads and writes the same keys.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<InstanceLease> InstanceLeases => Set<InstanceLease>();

    /// <summary>Request counts for the sign-in and API limits, shared by every instance.</summary>
    public DbSet<RequestCounter> RequestCounters => Set<RequestCounter>();

    public DbSet<CatalogSource> CatalogSources => Set<CatalogSource>();

    public DbSet<CatalogModel> Models => Set<CatalogModel>();

    public DbSet<CatalogProvider> Providers => Set<CatalogProvider>();

    public DbSet<CatalogRoute> Routes => Set<CatalogRoute>();

    public DbSet<RoutePriceChange> RoutePriceHistory => Set<RoutePriceChange>();

    public DbSet<BenchmarkScore> BenchmarkScores => Set<BenchmarkScore>();

    public DbSet<FactClaim> FactClaims => Set<FactClaim>();

    public DbSet<ModelAlias> ModelAliases => Set<ModelAlias>();

    public DbSet<Comparison> Comparisons => Set<Comparison>();

    public DbSet<ComparisonModel> ComparisonModels => Set<ComparisonModel>();

    public DbSet<ComparisonRun> ComparisonRuns => Set<ComparisonRun>();

    public DbSet<ComparisonSeen> ComparisonsSeen => Set<ComparisonSeen>();

    public DbSet<CatalogIdentityChange> CatalogIdentityChanges => Set<CatalogIdentityChange>();

    public DbSet<CatalogReviewItem> CatalogReviewItems => Set<CatalogReviewItem>();

    public DbSet<ProviderConnection> ProviderConnections => Set<ProviderConnection>();

    public DbSet<PlaygroundRun> PlaygroundRuns => Set<PlaygroundRun>();

    public DbSet<RunTarget> RunTargets => Set<RunTarget>();

    public DbSet<SavedPrompt> SavedPrompts => Set<SavedPrompt>();

    public DbSet<EvaluationNote> EvaluationNotes => Set<EvaluationNote>();

    public DbSet<Rubric> Rubrics => Set<Rubric>();

    public DbSet<RubricCriterion> RubricCriteria => Set<RubricCriterion>();

    public DbSet<EvaluationScore> EvaluationScores => Set<EvaluationScore>();

    public DbSet<EvaluationScoreValue> EvaluationScoreValues => Set<EvaluationScoreValue>();

    public DbSet<EvaluationVote> EvaluationVotes => Set<EvaluationVote>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ModelHubDbContext).Assembly);
        builder.ApplyProtectedSecrets(this);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime is stored and read as UTC; SQLite would otherwise hand back Kind=Unspecified.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }
}

public sealed class SqliteModelHubDbContext(DbContextOptions<SqliteModelHubDbContext> options) : ModelHubDbContext(options);

public sealed class SqlServerModelHubDbContext(DbContextOptions<SqlServerModelHubDbContext> options) : ModelHubDbContext(options);

public sealed class PostgreSqlModelHubDbContext(DbContextOptions<PostgreSqlModelHubDbContext> options) : ModelHubDbContext(options);
