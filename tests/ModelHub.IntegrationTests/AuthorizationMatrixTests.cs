using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;

namespace ModelHub.IntegrationTests;

/// <summary>
/// The authorization matrix of issue 13: every API endpoint, called by every role of team A, an outsider, the
/// Owner of another team and no one, answers as <see cref="AuthorizationMatrix"/> says. An endpoint without
/// an entry fails the first test, so new endpoints join the matrix.
/// </summary>
[Trait("Database", "true")]
public sealed class AuthorizationMatrixTests : PlaygroundTest
{
    public AuthorizationMatrixTests(ITestOutputHelper output)
    {
        this.output = output;
        // The matrix starts a few dozen runs as the Owner within a minute.
        app.Settings["Playground:RunsPerMinutePerUser"] = "10000";
    }

    private readonly ITestOutputHelper output;

    [Fact]
    public void EveryApiEndpointHasAnEntryInTheMatrix()
    {
        var endpoints = AuthorizationMatrix.ApiEndpoints(app.Services);
        var entries = AuthorizationMatrix.Entries.Select(e => e.Endpoint).ToHashSet();

        var problems = endpoints.Except(entries).Order().Select(e => $"{e}: an endpoint with no entry in the matrix")
            .Concat(entries.Except(endpoints).Order().Select(e => $"{e}: an entry for an endpoint the app does not map"))
            .Concat(AuthorizationMatrix.Entries
                .Where(e => AuthorizationMatrix.Callers.Any(who => !e.Expected.ContainsKey(who)))
                .Select(e => $"{e}: no expected answer for {string.Join(", ", AuthorizationMatrix.Callers.Where(who => !e.Expected.ContainsKey(who)))}"))
            .ToList();

        Assert.True(endpoints.Count > 50, $"only {endpoints.Count} API endpoints found: {string.Join(", ", endpoints)}");
        Assert.True(problems.Count == 0, $"{problems.Count} problems:\n{string.Join('\n', problems)}");
    }

    [Fact]
    public async Task EveryRoleTheOutsiderTheForeignTeamAndNoOneGetTheExpectedAnswerFromEveryApiEndpoint()
    {
        var clock = Stopwatch.StartNew();
        var world = await MatrixWorld.SeedAsync(app, fake, owner, teamId, openAi, anthropic, replicate, echoRouteId);
        var seeded = clock.Elapsed;
        var mismatches = new List<string>();
        var cells = 0;

        foreach (var entry in AuthorizationMatrix.Entries)
        {
            foreach (var who in AuthorizationMatrix.Callers)
            {
                var call = await entry.Request(world, who);
                using var request = new HttpRequestMessage(new HttpMethod(entry.Method), call.Path);
                if (call.Body is not null)
                {
                    request.Content = JsonContent.Create(call.Body, call.Body.GetType(), options: ApiJson.Options);
                }

                using var response = await world.Client(who).SendAsync(request, TestContext.Current.CancellationToken);
                var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
                cells++;

                var expected = entry.Expected[who];
                var actual = OutcomeOf(response.StatusCode);
                var label = $"{entry.Method} {call.Path}{(entry.Case is null ? "" : $" [{entry.Case}]")} as {who}";
                if (actual != expected)
                {
                    mismatches.Add($"{label}: expected {Describe(expected)}, got {(int)response.StatusCode} {response.StatusCode} ({Excerpt(body)})");
                }

                if (who is Who.Outsider or Who.Foreign or Who.Anonymous)
                {
                    var sent = call.Path + (request.Content is null ? "" : await request.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
                    foreach (var secret in world.TeamASecrets.Where(s => !sent.Contains(s, StringComparison.OrdinalIgnoreCase) && body.Contains(s, StringComparison.OrdinalIgnoreCase)))
                    {
                        mismatches.Add($"{label}: the answer shows team A's '{secret}' ({Excerpt(body)})");
                    }
                }
            }
        }

        await world.StopRunningRunsAsync();
        output.WriteLine($"{AuthorizationMatrix.Entries.Select(e => e.Endpoint).Distinct().Count()} endpoints, {AuthorizationMatrix.Entries.Count} entries, " +
            $"{cells} calls checked in {clock.Elapsed.TotalSeconds:0.0} s (seeding {seeded.TotalSeconds:0.0} s).");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {cells} calls answered otherwise:\n{string.Join('\n', mismatches)}");
    }

    private static Outcome? OutcomeOf(HttpStatusCode status) => (int)status switch
    {
        >= 200 and < 300 => Outcome.Success,
        400 => Outcome.BadRequest,
        401 => Outcome.Unauthorized,
        403 => Outcome.Forbidden,
        404 => Outcome.NotFound,
        _ => null,
    };

    private static string Describe(Outcome outcome) => outcome switch
    {
        Outcome.Success => "success (2xx)",
        Outcome.BadRequest => "400",
        Outcome.Unauthorized => "401",
        Outcome.Forbidden => "403",
        _ => "404",
    };

    private static string Excerpt(string body)
    {
        var flat = body.ReplaceLineEndings(" ");
        return flat.Length <= 240 ? flat : flat[..240] + "…";
    }
}
