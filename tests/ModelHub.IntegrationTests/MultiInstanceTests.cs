using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Instances;
using ModelHub.Web.Features.Playground.Runs;

namespace ModelHub.IntegrationTests;

/// <summary>
/// Two instances of the app on one database, as behind a balancer (talking through Redis on SQLite,
/// through LISTEN/NOTIFY on PostgreSQL): what one instance makes, the other can use, and what one
/// instance runs, the other can see.
/// </summary>
[Trait("Database", "true")]
public sealed class MultiInstanceTests : PlaygroundTest
{
    private RedisTestServer redis = null!;
    private ModelHubFactory second = null!;

    public MultiInstanceTests()
    {
        app.Settings["Instance:Name"] = "instance-a";
        app.Settings["Instance:RunLease"] = "00:00:03";
        app.Settings["Accounts:SessionCheckInterval"] = "00:00:00";
    }

    public override async ValueTask InitializeAsync()
    {
        redis = await RedisTestServer.StartAsync();
        // On SQLite the instances talk through Redis; on PostgreSQL through LISTEN/NOTIFY on the database itself.
        if (!TestDatabase.IsPostgreSql)
        {
            app.Settings["ConnectionStrings:Redis"] = redis.ConnectionString;
        }

        await base.InitializeAsync();
        second = app.AnotherInstance();
        second.Settings["Instance:Name"] = "instance-b";
        _ = second.Server;
    }

    public override async ValueTask DisposeAsync()
    {
        await second.DisposeAsync();
        await base.DisposeAsync();
        await redis.DisposeAsync();
    }

    [Fact]
    public async Task ASignInCookieAndAnEncryptedApiKeyMadeOnOneInstanceWorkOnTheOther()
    {
        var onA = new SessionTests.CookieBrowser(app.CreateApiClient());
        await onA.SignInAsync(owner.Email);
        var onB = new SessionTests.CookieBrowser(second.CreateApiClient());
        onB.Cookies["ModelHub.Auth"] = onA.Cookies["ModelHub.Auth"];
        await (await onB.GetAsync("/api/v1/me")).ExpectAsync(HttpStatusCode.OK);

        var protectedOnA = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("shared secret");
        Assert.Equal("shared secret", second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedOnA));

        // The connection (and its encrypted API key) was saved through instance A; B decrypts the key to call the provider.
        var run = await (await second.CreateApiClient(owner.Token).PostJsonAsync($"/api/v1/teams/{teamId}/runs?wait=true", Prompt("Through B", new RunTargetRequest(openAi.Id, ModelId: "echo"))))
            .ReadAsync<RunView>(HttpStatusCode.Created);
        Assert.Equal(RunStatus.Succeeded, run.Targets[0].Status);
        Assert.Equal(ExpectedAnswer("echo", "Through B"), run.Targets[0].Output);
    }

    [Fact]
    public async Task ARunStreamingOnOneInstanceIsWatchedLiveFromTheOtherAndCancelledFromThere()
    {
        var started = await (await owner.Api.PostJsonAsync($"/api/v1/teams/{teamId}/runs", Prompt("Go slowly", new RunTargetRequest(openAi.Id, ModelId: "slow-stream"))))
            .ReadAsync<RunView>(HttpStatusCode.Accepted);
        var caller = new Caller(owner.Id, false);

        var mirror = await second.Services.GetRequiredService<RunHistoryService>().WatchAsync(caller, teamId, started.Id);

        Assert.NotNull(mirror);
        Assert.True(mirror.IsMirror);
        var seen = new List<int>();
        mirror.Changed += () => { lock (seen) { seen.Add(mirror.Snapshot()[0].Output.Length); } };
        await Eventually.WaitUntilAsync(() => mirror.Snapshot()[0].Output.Contains("word30 "), "the watched run to reach word30 on the other instance");
        var local = app.Services.GetRequiredService<LiveRuns>().Find(teamId, started.Id)!;
        Assert.StartsWith(mirror.Snapshot()[0].Output[..Math.Min(100, mirror.Snapshot()[0].Output.Length)], local.Snapshot()[0].Output);
        lock (seen)
        {
            Assert.True(seen.Count >= 5, $"The mirror changed only {seen.Count} times; it should follow the stream chunk by chunk.");
        }

        await (await second.CreateApiClient(owner.Token).PostAsync($"/api/v1/teams/{teamId}/runs/{started.Id}/cancel", null)).ExpectAsync(HttpStatusCode.NoContent);

        await local.Completion.WaitAsync(TimeSpan.FromSeconds(20));
        await mirror.Completion.WaitAsync(TimeSpan.FromSeconds(20));
        var saved = await (await second.CreateApiClient(owner.Token).GetAsync($"/api/v1/teams/{teamId}/runs/{started.Id}")).ReadAsync<RunView>();
        Assert.Equal(RunStatus.Cancelled, saved.Targets[0].Status);
        Assert.Contains("word30 ", saved.Targets[0].Output);
        Assert.DoesNotContain("word400", saved.Targets[0].Output);
    }

    [Fact]
    public async Task ARunOfAnInstanceThatStoppedIsMarkedInterruptedByAnotherKeepingItsSavedOutput()
    {
        var runId = Guid.CreateVersion7();
        await app.WithDbAsync(async db =>
        {
            db.PlaygroundRuns.Add(new PlaygroundRun
            {
                Id = runId, TeamId = teamId, AuthorUserId = owner.Id, Title = "Owner died", MessagesJson = "[]", ParametersJson = "{}", Status = RunStatus.Running,
                OwnerInstance = "instance-gone", LeaseExpiresAtUtc = DateTime.UtcNow.AddSeconds(1),
                Targets = [new RunTarget { ConnectionName = "Fake OpenAI", ProviderModelId = "echo", DisplayName = "echo", Status = RunStatus.Running, Output = "Saved before the crash" }],
            });
            return await db.SaveChangesAsync();
        });

        // The lease keepers tick every second here (a third of the 3-second lease).
        RunView? run = null;
        await Eventually.WaitUntilAsync(async () =>
        {
            run = await (await second.CreateApiClient(owner.Token).GetAsync($"/api/v1/teams/{teamId}/runs/{runId}")).ReadAsync<RunView>();
            return run.Status == RunStatus.Interrupted;
        }, "the abandoned run to be marked interrupted");

        Assert.Equal(RunStatus.Interrupted, run!.Targets[0].Status);
        Assert.Equal("Saved before the crash", run.Targets[0].Output);
        Assert.Contains("stopped or restarted", run.Targets[0].ErrorMessage);
    }

    [Fact]
    public async Task ARunWhoseInstanceKeepsRenewingItsLeaseIsNotInterruptedByTheOther()
    {
        fake.SlowChunkDelay = TimeSpan.FromMilliseconds(20);
        var started = await (await owner.Api.PostJsonAsync($"/api/v1/teams/{teamId}/runs", Prompt("Longer than a lease", new RunTargetRequest(openAi.Id, ModelId: "slow-stream"))))
            .ReadAsync<RunView>(HttpStatusCode.Accepted);
        var owned = await app.WithDbAsync(db => Task.FromResult(db.PlaygroundRuns.Single(r => r.Id == started.Id).OwnerInstance));

        // 400 chunks 20 ms apart take 8 seconds: well past the 3-second lease, which instance A renews.
        await app.Services.GetRequiredService<LiveRuns>().Find(teamId, started.Id)!.Completion.WaitAsync(TimeSpan.FromSeconds(60));

        var run = await (await second.CreateApiClient(owner.Token).GetAsync($"/api/v1/teams/{teamId}/runs/{started.Id}")).ReadAsync<RunView>();
        Assert.Equal("instance-a", owned);
        Assert.Equal(RunStatus.Succeeded, run.Status);
        Assert.Contains("word400", run.Targets[0].Output);
    }

    [Fact]
    public async Task TheRunsPerMinuteLimitCountsRunsStartedOnEveryInstance()
    {
        await using var limited = app.AnotherInstance();
        limited.Settings["Instance:Name"] = "instance-c";
        limited.Settings["Playground:RunsPerMinutePerUser"] = "2";
        var onC = limited.CreateApiClient(owner.Token);

        await RunAsync(Prompt("One on A", new RunTargetRequest(openAi.Id, ModelId: "echo")));
        await (await second.CreateApiClient(owner.Token).PostJsonAsync($"/api/v1/teams/{teamId}/runs?wait=true", Prompt("Two on B", new RunTargetRequest(openAi.Id, ModelId: "echo"))))
            .ExpectAsync(HttpStatusCode.Created);
        var refused = await onC.PostJsonAsync($"/api/v1/teams/{teamId}/runs", Prompt("Three on C", new RunTargetRequest(openAi.Id, ModelId: "echo")));

        Assert.Contains("You have started 2 runs in the last minute", await refused.ExpectAsync(HttpStatusCode.TooManyRequests));
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task RunsStartedAtTheSameMomentOnTwoInstancesNeverPassTheRunsPerMinuteLimit()
    {
        await using var onC = app.AnotherInstance();
        onC.Settings["Instance:Name"] = "instance-c";
        onC.Settings["Playground:RunsPerMinutePerUser"] = "3";
        await using var onD = app.AnotherInstance();
        onD.Settings["Instance:Name"] = "instance-d";
        onD.Settings["Playground:RunsPerMinutePerUser"] = "3";
        var clients = new[] { onC.CreateApiClient(owner.Token), onD.CreateApiClient(owner.Token) };

        var starts = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            clients[i % 2].PostJsonAsync($"/api/v1/teams/{teamId}/runs", Prompt($"Start {i}", new RunTargetRequest(openAi.Id, ModelId: "echo")))));

        Assert.Equal(3, starts.Count(s => s.StatusCode == HttpStatusCode.Accepted));
        Assert.Equal(5, starts.Count(s => s.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.Equal(3, await app.WithDbAsync(db => Task.FromResult(db.PlaygroundRuns.Count())));
    }

    [Fact]
    public async Task OnlyOneInstanceAtATimeHoldsALeaseUntilItExpires()
    {
        var onA = app.Services.GetRequiredService<LeaseStore>();
        var onB = second.Services.GetRequiredService<LeaseStore>();

        Assert.True(await onA.TryAcquireAsync("catalog-refresh-test", TimeSpan.FromSeconds(2), renewIfHeld: false));
        Assert.False(await onB.TryAcquireAsync("catalog-refresh-test", TimeSpan.FromSeconds(2)));
        Assert.False(await onA.TryAcquireAsync("catalog-refresh-test", TimeSpan.FromSeconds(2), renewIfHeld: false));
        Assert.True(await onA.TryAcquireAsync("catalog-refresh-test", TimeSpan.FromSeconds(2)));

        await Task.Delay(TimeSpan.FromSeconds(2.5));

        Assert.True(await onB.TryAcquireAsync("catalog-refresh-test", TimeSpan.FromMinutes(1)));
        Assert.False(await onA.TryAcquireAsync("catalog-refresh-test", TimeSpan.FromMinutes(1)));
        var holder = await app.WithDbAsync(db => Task.FromResult(db.InstanceLeases.Single(l => l.Name == "catalog-refresh-test").Holder));
        Assert.Equal("instance-b", holder);
    }
}
