using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using ModelHub.FakeProviders;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Playground.Connections;
using ModelHub.Web.Features.Playground.Runs;
using ModelHub.Web.Features.Teams;

namespace ModelHub.IntegrationTests;

/// <summary>Provider keys stay secret; connections and runs stay inside their team.</summary>
[Trait("Database", "true")]
public sealed partial class PlaygroundSecurityTests : PlaygroundTest
{
    public PlaygroundSecurityTests() => app.CaptureLogs = true;

    [Fact]
    public async Task KeyIsEncryptedAtRestAndReadableOnlyThroughTheApp()
    {
        await using var connection = await app.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"ApiKey\" FROM \"ProviderConnections\"";
        var stored = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                stored.Add(reader.GetString(0));
            }
        }

        Assert.Equal(3, stored.Count);
        Assert.All(stored, value =>
        {
            Assert.StartsWith(ProtectedStringConverter.Prefix, value);
            Assert.DoesNotContain(FakeProviderServer.ApiKey, value);
        });

        // The whole SQLite file, write-ahead log included, holds the key nowhere in clear.
        SqliteConnection.ClearAllPools();
        var files = app.Database is SqliteTestDatabase sqlite ? new[] { sqlite.Path, sqlite.Path + "-wal" } : [];
        foreach (var file in files.Where(File.Exists))
        {
            var bytes = await File.ReadAllBytesAsync(file);
            Assert.DoesNotContain(FakeProviderServer.ApiKey, System.Text.Encoding.UTF8.GetString(bytes));
        }

        // ...yet the app decrypts it to call the provider.
        var run = await RunAsync(Prompt("Still works?", new RunTargetRequest(openAi.Id, ModelId: "echo")));
        Assert.Equal(RunStatus.Succeeded, run.Status);
    }

    [Fact]
    public async Task KeyIsNeverInApiAnswersRenderedPagesOrLogs()
    {
        await RunAsync(Prompt("Hello", new RunTargetRequest(openAi.Id, ModelId: "echo"), new RunTargetRequest(anthropic.Id, ModelId: "fault-401")));
        await (await owner.Api.PostAsync($"/api/v1/teams/{teamId}/connections/{openAi.Id}/test", null)).ReadAsync<ConnectionTestResult>();

        var answers = new[]
        {
            await (await owner.Api.GetAsync($"/api/v1/teams/{teamId}/connections")).ExpectAsync(HttpStatusCode.OK),
            await (await owner.Api.GetAsync($"/api/v1/teams/{teamId}/runs")).ExpectAsync(HttpStatusCode.OK),
            await (await owner.Api.GetAsync($"/api/v1/teams/{teamId}/targets")).ExpectAsync(HttpStatusCode.OK),
        };
        Assert.All(answers, body => Assert.DoesNotContain(FakeProviderServer.ApiKey, body));
        Assert.Contains("••••a7e3", answers[0]);

        var browser = await SignInWithCookieAsync(owner.Email);
        foreach (var path in new[] { "/playground/connections", "/playground", "/playground/history" })
        {
            var html = await (await browser.GetAsync(path)).ExpectAsync(HttpStatusCode.OK);
            Assert.DoesNotContain(FakeProviderServer.ApiKey, html);
        }

        var connectionsPage = await browser.GetStringAsync("/playground/connections");
        Assert.Contains("Fake Anthropic", connectionsPage);

        Assert.NotEmpty(app.Logs);
        Assert.DoesNotContain(app.Logs, line => line.Contains(FakeProviderServer.ApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ChangingAConnectionWithoutAKeyKeepsTheStoredKey()
    {
        var updated = await (await owner.Api.PutJsonAsync($"/api/v1/teams/{teamId}/connections/{openAi.Id}",
            new ConnectionInput("Renamed OpenAI", ApiStyle.OpenAiCompatible, fake.OpenAiBaseUrl, null, Version: openAi.Version))).ReadAsync<ConnectionView>();

        Assert.Equal("Renamed OpenAI", updated.Name);
        var test = await (await owner.Api.PostAsync($"/api/v1/teams/{teamId}/connections/{openAi.Id}/test", null)).ReadAsync<ConnectionTestResult>();
        Assert.True(test.Succeeded, test.Message);
    }

    [Fact]
    public async Task AStaleEditIsRefusedAndTheConnectionKeepsTheFirstChange()
    {
        await (await owner.Api.PutJsonAsync($"/api/v1/teams/{teamId}/connections/{openAi.Id}",
            new ConnectionInput("First edit", ApiStyle.OpenAiCompatible, fake.OpenAiBaseUrl, null, Version: openAi.Version))).ReadAsync<ConnectionView>();

        var stale = await owner.Api.PutJsonAsync($"/api/v1/teams/{teamId}/connections/{openAi.Id}",
            new ConnectionInput("Second edit", ApiStyle.OpenAiCompatible, fake.OpenAiBaseUrl, null, Version: openAi.Version));

        Assert.Contains("Someone else changed this connection", await stale.ExpectAsync(HttpStatusCode.Conflict));
        var list = await (await owner.Api.GetAsync($"/api/v1/teams/{teamId}/connections")).ReadAsync<List<ConnectionView>>();
        Assert.Contains(list, c => c.Name == "First edit");
    }

    [Fact]
    public async Task TestConnectionReportsARejectedKeyInWords()
    {
        await (await owner.Api.PutJsonAsync($"/api/v1/teams/{teamId}/connections/{replicate.Id}",
            new ConnectionInput("Fake Replicate", ApiStyle.Replicate, fake.BaseUrl, "r8_wrong-key-123456"))).ReadAsync<ConnectionView>();

        var result = await (await owner.Api.PostAsync($"/api/v1/teams/{teamId}/connections/{replicate.Id}/test", null)).ReadAsync<ConnectionTestResult>();

        Assert.False(result.Succeeded);
        Assert.Contains("rejected the API key (HTTP 401)", result.Message);
        var list = await (await owner.Api.GetAsync($"/api/v1/teams/{teamId}/connections")).ReadAsync<List<ConnectionView>>();
        Assert.Equal(false, list.Single(c => c.Id == replicate.Id).LastTestSucceeded);
    }

    [Theory]
    [InlineData("https://10.1.2.3/v1", "internal address")]
    [InlineData("http://example.com/v1", "Only https addresses")]
    [InlineData("https://169.254.169.254/latest", "internal address")]
    [InlineData("not a url", "is not a web address")]
    [InlineData("https://api.example.com/v1?key=sk-secret", "must not have a query string")]
    public async Task BaseUrlsThatReachInternalAddressesOrSkipHttpsAreRefused(string url, string message)
    {
        var response = await owner.Api.PostJsonAsync($"/api/v1/teams/{teamId}/connections",
            new ConnectionInput("Sneaky", ApiStyle.OpenAiCompatible, url, "sk-test-000000000"));

        Assert.Contains(message, await response.ExpectAsync(HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task OutsidersGet404ForTheTeamsConnectionsRunsAndPrompts()
    {
        var run = await RunAsync(Prompt("Private", new RunTargetRequest(openAi.Id, ModelId: "echo")));
        var outsider = await app.CreateUserAsync("outsider@example.com");

        await (await outsider.Api.GetAsync($"/api/v1/teams/{teamId}/connections")).ExpectAsync(HttpStatusCode.NotFound);
        await (await outsider.Api.GetAsync($"/api/v1/teams/{teamId}/runs")).ExpectAsync(HttpStatusCode.NotFound);
        await (await outsider.Api.GetAsync($"/api/v1/teams/{teamId}/runs/{run.Id}")).ExpectAsync(HttpStatusCode.NotFound);
        await (await outsider.Api.GetAsync($"/api/v1/teams/{teamId}/prompts")).ExpectAsync(HttpStatusCode.NotFound);
        await (await outsider.Api.PostJsonAsync($"/api/v1/teams/{teamId}/runs", Prompt("Steal", new RunTargetRequest(openAi.Id, ModelId: "echo"))))
            .ExpectAsync(HttpStatusCode.NotFound);

        // Their own team cannot borrow this team's connection or read its run either.
        var ownTeam = (await (await outsider.Api.PostJsonAsync("/api/v1/teams", new CreateTeamRequest("Elsewhere"))).ReadAsync<TeamSummary>(HttpStatusCode.Created)).Id;
        var borrowed = await outsider.Api.PostJsonAsync($"/api/v1/teams/{ownTeam}/runs", Prompt("Borrow", new RunTargetRequest(openAi.Id, ModelId: "echo")));
        Assert.Contains("does not exist in this team", await borrowed.ExpectAsync(HttpStatusCode.BadRequest));
        await (await outsider.Api.GetAsync($"/api/v1/teams/{ownTeam}/runs/{run.Id}")).ExpectAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ViewersReadButCannotRunAndMembersRunButCannotManageConnections()
    {
        var viewer = await AddMemberAsync("viewer@example.com", TeamRole.Viewer);
        var member = await AddMemberAsync("member@example.com", TeamRole.Member);

        var masked = await (await viewer.Api.GetAsync($"/api/v1/teams/{teamId}/connections")).ReadAsync<List<ConnectionView>>();
        Assert.Equal(3, masked.Count);
        await (await viewer.Api.PostJsonAsync($"/api/v1/teams/{teamId}/runs", Prompt("Hi", new RunTargetRequest(openAi.Id, ModelId: "echo"))))
            .ExpectAsync(HttpStatusCode.Forbidden);

        var run = await RunAsync(Prompt("Member run", new RunTargetRequest(openAi.Id, ModelId: "echo")), member);
        Assert.Equal(RunStatus.Succeeded, run.Status);
        await (await viewer.Api.GetAsync($"/api/v1/teams/{teamId}/runs/{run.Id}")).ReadAsync<RunView>();

        await (await member.Api.PostJsonAsync($"/api/v1/teams/{teamId}/connections",
            new ConnectionInput("Mine", ApiStyle.OpenAiCompatible, fake.OpenAiBaseUrl, "sk-member-123456"))).ExpectAsync(HttpStatusCode.Forbidden);
        await (await member.Api.DeleteAsync($"/api/v1/teams/{teamId}/connections/{openAi.Id}")).ExpectAsync(HttpStatusCode.Forbidden);
        await (await member.Api.PutJsonAsync($"/api/v1/teams/{teamId}/spend", new ModelHub.Web.Features.Playground.SpendCapRequest(1m))).ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task DeletingAConnectionKeepsItsPastRunsReadable()
    {
        var run = await RunAsync(Prompt("Before deletion", new RunTargetRequest(anthropic.Id, ModelId: "echo")));

        await (await owner.Api.DeleteAsync($"/api/v1/teams/{teamId}/connections/{anthropic.Id}")).ExpectAsync(HttpStatusCode.NoContent);

        var kept = await (await owner.Api.GetAsync($"/api/v1/teams/{teamId}/runs/{run.Id}")).ReadAsync<RunView>();
        Assert.Equal("Fake Anthropic", kept.Targets[0].ConnectionName);
        Assert.Null(kept.Targets[0].ConnectionId);
        Assert.Equal(run.Targets[0].Output, kept.Targets[0].Output);
    }

    /// <summary>Signs in through the real login form and returns a client holding the auth cookie.</summary>
    private async Task<HttpClient> SignInWithCookieAsync(string email)
    {
        var client = app.CreateBrowserClient();
        var login = await client.GetStringAsync("/Account/Login");
        var token = AntiforgeryToken().Match(login).Groups[1].Value;
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = TestUser.Password,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
