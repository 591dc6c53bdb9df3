using System.Net;
using System.Threading.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Operations;

namespace ModelHub.IntegrationTests;

/// <summary>
/// The sign-in and API limits counted where every instance sees them: in the database (on SQLite here
/// and on PostgreSQL in the test command's second pass), in Redis when it is configured, and on each
/// instance alone while the shared store cannot be reached.
/// </summary>
[Trait("Database", "true")]
public sealed class SharedRequestLimitTests : IntegrationTest
{
    private static readonly RequestLimit ThreeAMinute = new() { PermitLimit = 3, Window = TimeSpan.FromMinutes(1) };

    private readonly ManualClock clock = new(new DateTimeOffset(2026, 12, 2, 9, 0, 30, TimeSpan.Zero));

    private IDbContextFactory<ModelHubDbContext> Databases => app.Services.GetRequiredService<IDbContextFactory<ModelHubDbContext>>();

    [Fact]
    public async Task ADatabaseCountedLimitLetsItsAllowanceThroughThenRefusesUntilTheCallersWindowEnds()
    {
        using var limiter = new DatabaseWindowLimiter("form /account/login 203.0.113.7", ThreeAMinute, Databases, clock);

        Assert.False(limiter.AttemptAcquire().IsAcquired);
        for (var request = 0; request < 3; request++)
        {
            Assert.True((await limiter.AcquireAsync()).IsAcquired);
            clock.Advance(TimeSpan.FromSeconds(10));
        }

        using var refused = await limiter.AcquireAsync();
        Assert.False(refused.IsAcquired);
        // The window opened with the first request, 30 seconds ago.
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out var wait));
        Assert.Equal(TimeSpan.FromSeconds(30), wait);

        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True((await limiter.AcquireAsync()).IsAcquired);
    }

    [Fact]
    public async Task TwoInstancesCountingOneCallerAtOnceGrantOneAllowanceBetweenThem()
    {
        var allowance = new RequestLimit { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) };
        using var onA = new DatabaseWindowLimiter("token abc", allowance, Databases, clock);
        using var onB = new DatabaseWindowLimiter("token abc", allowance, Databases, clock);
        using var otherCaller = new DatabaseWindowLimiter("token def", allowance, Databases, clock);

        var leases = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => (i % 2 == 0 ? onA : onB).AcquireAsync().AsTask()));

        Assert.Equal(10, leases.Count(l => l.IsAcquired));
        Assert.True((await otherCaller.AcquireAsync()).IsAcquired);
    }

    [Fact]
    public async Task CallersWhoseWindowsEndedAreForgottenWhenANewCallerArrives()
    {
        using var first = new DatabaseWindowLimiter("api 198.51.100.1", ThreeAMinute, Databases, clock);
        using var later = new DatabaseWindowLimiter("api 198.51.100.2", ThreeAMinute, Databases, clock);
        await first.AcquireAsync();
        var firstKey = await app.WithDbAsync(db => db.RequestCounters.Select(c => c.Key).SingleAsync());

        clock.Advance(TimeSpan.FromMinutes(2));
        await later.AcquireAsync();

        var keys = await app.WithDbAsync(db => db.RequestCounters.Select(c => c.Key).ToListAsync());
        Assert.DoesNotContain(firstKey, keys);
        Assert.Single(keys);
        // Neither the address nor anything readable is stored, only a hash of the caller's partition.
        Assert.Matches("^[0-9A-F]{64}$", keys[0]);
    }

    [Fact]
    public async Task TheSignInLimitCountsAttemptsMadeOnEveryInstance()
    {
        await using var redis = await RedisTestServer.StartAsync();
        if (!TestDatabase.IsPostgreSql)
        {
            // SQLite is one instance's database; several instances on it would share Redis.
            app.Settings["ConnectionStrings:Redis"] = redis.ConnectionString;
        }

        app.Settings["RateLimits:SignIn:PermitLimit"] = "3";
        await using var second = app.AnotherInstance();
        await app.CreateUserAsync("target@example.com");
        var onA = app.CreateBrowserClient();
        var onB = second.CreateBrowserClient();

        Assert.Equal(TestDatabase.IsPostgreSql ? "Database" : "Redis", app.Services.GetRequiredService<RequestLimiters>().Store);
        await GuessAsync(onA, HttpStatusCode.OK);
        await GuessAsync(onB, HttpStatusCode.OK);
        await GuessAsync(onA, HttpStatusCode.OK);
        var onBAfterThree = await GuessAsync(onB, HttpStatusCode.TooManyRequests);
        await GuessAsync(onA, HttpStatusCode.TooManyRequests);

        var retryAfter = int.Parse(Assert.Single(onBAfterThree.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
    }

    [Fact]
    public async Task WhileRedisCannotBeReachedEachInstanceStillCountsSignInsOnItsOwn()
    {
        app.Settings["ConnectionStrings:Redis"] = $"127.0.0.1:{RedisTestServer.FreeLoopbackPort()},connectTimeout=500";
        app.Settings["RateLimits:SignIn:PermitLimit"] = "2";
        app.CaptureLogs = true;
        await app.CreateUserAsync("target@example.com");
        var browser = app.CreateBrowserClient();

        await GuessAsync(browser, HttpStatusCode.OK);
        await GuessAsync(browser, HttpStatusCode.OK);
        await GuessAsync(browser, HttpStatusCode.TooManyRequests);

        Assert.Single(app.Logs, line => line.Contains("The shared request counter (Redis) could not be reached"));
    }

    private static async Task<HttpResponseMessage> GuessAsync(HttpClient browser, HttpStatusCode expected)
    {
        var form = SignInProtectionTests.AntiforgeryToken().Match(await browser.GetStringAsync("/Account/Login")).Groups[1].Value;
        var response = await browser.PostAsync("/Account/Login", SignInProtectionTests.LoginForm(form, "target@example.com", "a-wrong-guess"));
        Assert.Equal(expected, response.StatusCode);
        return response;
    }

    /// <summary>A clock the test moves by hand.</summary>
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset now = start;

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }
}
