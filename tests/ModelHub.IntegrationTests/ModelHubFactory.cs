using Microsoft.Extensions.Logging;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModelHub.Web.Data;
using ModelHub.Web.Features.AccessTokens;
using ModelHub.Web.Features.Accounts;
using ModelHub.Web.Features.Common;

namespace ModelHub.IntegrationTests;

/// <summary>
/// The real app on a database of its own (a fresh SQLite file, or a PostgreSQL database when
/// <c>MODELHUB_TEST_POSTGRES</c> is set), with migrations applied as at start-up.
/// </summary>
public sealed class ModelHubFactory : WebApplicationFactory<Program>
{
    private readonly bool ownsDatabase;

    /// <param name="database">Another app's database, to start a second app on it; by default a new one, dropped at dispose.</param>
    public ModelHubFactory(TestDatabase? database = null)
    {
        Database = database ?? TestDatabase.Create();
        ownsDatabase = database is null;
    }

    public TestDatabase Database { get; }

    /// <summary>The SQLite file, for the tests that look at the file itself.</summary>
    public string DatabasePath => Database is SqliteTestDatabase sqlite
        ? sqlite.Path
        : throw new InvalidOperationException("This app runs on PostgreSQL, not on a SQLite file.");

    /// <summary>Another instance on this one's database, starting with a copy of its settings; the first drops the database.</summary>
    public ModelHubFactory AnotherInstance()
    {
        var other = new ModelHubFactory(Database);
        foreach (var (key, value) in Settings)
        {
            other.Settings[key] = value;
        }

        return other;
    }

    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Every log message at every level, when <see cref="CaptureLogs"/> is set before the app starts.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Logs { get; } = new();

    public bool CaptureLogs { get; set; }

    /// <summary>Services to add or replace after the app's own, set before the app starts.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        Database.EnsureCreatedAsync().GetAwaiter().GetResult();
        foreach (var (key, value) in Database.Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("App:PublicBaseUrl", "http://localhost");
        // Tests make many calls quickly; the throttling tests set low limits of their own.
        builder.UseSetting("RateLimits:SignIn:PermitLimit", "100000");
        builder.UseSetting("RateLimits:Api:PermitLimit", "100000");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (ConfigureServices is { } configure)
        {
            builder.ConfigureTestServices(configure);
        }

        if (CaptureLogs)
        {
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Trace).AddProvider(new CapturingLoggerProvider(Logs)));
        }
    }

    public HttpClient CreateApiClient(string? token = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>
    /// A client that keeps cookies, as a browser does, over https: outside Development the sign-in
    /// and antiforgery cookies are Secure, and a cookie jar sends those only over https.
    /// </summary>
    public HttpClient CreateBrowserClient() => CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri("https://localhost"),
    });

    /// <summary>Creates an account through Identity and a personal access token for it with every scope.</summary>
    public async Task<TestUser> CreateUserAsync(string email, bool admin = false)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, IsInstanceAdmin = admin };
        var result = await users.CreateAsync(user, TestUser.Password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        var token = await scope.ServiceProvider.GetRequiredService<AccessTokenService>()
            .CreateAsync(new Caller(user.Id, admin), "tests", 30, TokenScopes.All);
        return new TestUser(user.Id, email, token.Token, CreateApiClient(token.Token));
    }

    /// <summary>Creates an account and has it join the team through an invite the owner creates.</summary>
    public async Task<TestUser> AddMemberAsync(TestUser owner, Guid teamId, string email, ModelHub.Web.Features.Teams.TeamRole role)
    {
        var user = await CreateUserAsync(email);
        var invite = await (await owner.Api.PostJsonAsync($"/api/v1/teams/{teamId}/invites", new ModelHub.Web.Features.Teams.CreateInviteRequest(null, role)))
            .ReadAsync<ModelHub.Web.Features.Teams.CreatedInvite>(System.Net.HttpStatusCode.Created);
        var token = invite.Url[(invite.Url.LastIndexOf('/') + 1)..];
        await (await user.Api.PostAsync($"/api/v1/invites/{token}/accept", null)).ReadAsync<ModelHub.Web.Features.Teams.AcceptedInvite>();
        return user;
    }

    public async Task<T> WithDbAsync<T>(Func<ModelHubDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ModelHubDbContext>();
        return await query(db);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ownsDatabase)
        {
            await Database.DisposeAsync();
        }
    }
}

public sealed record TestUser(string Id, string Email, string Token, HttpClient Api)
{
    public const string Password = "Sup3r-secret!";
}

/// <summary>Keeps each formatted log message, with its exception, so tests can search what was logged.</summary>
internal sealed class CapturingLoggerProvider(System.Collections.Concurrent.ConcurrentQueue<string> logs) : Microsoft.Extensions.Logging.ILoggerProvider
{
    public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Logger(categoryName, logs);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, System.Collections.Concurrent.ConcurrentQueue<string> logs) : Microsoft.Extensions.Logging.ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception} {state}");
    }
}
