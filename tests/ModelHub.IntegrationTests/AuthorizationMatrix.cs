using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ModelHub.FakeProviders;
using ModelHub.Web.Features.AccessTokens;
using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Comparisons;
using ModelHub.Web.Features.Evaluations;
using ModelHub.Web.Features.Playground;
using ModelHub.Web.Features.Playground.Connections;
using ModelHub.Web.Features.Playground.Prompts;
using ModelHub.Web.Features.Playground.Runs;
using ModelHub.Web.Features.Teams;

namespace ModelHub.IntegrationTests;

/// <summary>
/// Who calls: the four roles of team A, a signed-in user in no team (the outsider), the Owner of team B
/// (the foreign team, calling with team B's id in the path and team A's ids everywhere else), and no one.
/// </summary>
public enum Who { Owner, Admin, Member, Viewer, Outsider, Foreign, Anonymous }

/// <summary>
/// What a call should answer: success is any 2xx. <see cref="BadRequest"/> appears once, where another
/// team's id travels in the body and the service refuses it as an unknown value (see POST runs).
/// </summary>
public enum Outcome { Success, BadRequest, Unauthorized, Forbidden, NotFound }

/// <summary>A request: the path with real ids and, for POST and PUT, a valid body so validation never hides the permission check.</summary>
public sealed record MatrixCall(string Path, object? Body = null);

/// <summary>One endpoint (or one case of it, such as "a note by the Member") with the answer every caller should get.</summary>
public sealed record MatrixEntry(string Method, string Route, string? Case, IReadOnlyDictionary<Who, Outcome> Expected, Func<MatrixWorld, Who, Task<MatrixCall>> Request)
{
    public string Endpoint => $"{Method} {Route}";

    public override string ToString() => Case is null ? Endpoint : $"{Endpoint} [{Case}]";
}

/// <summary>
/// The API's authorization matrix (issue 13): every endpoint under /api/v1 with the answer each caller gets.
/// Rules, from the services: reads need Viewer, writes Member; connections, spend cap, team management,
/// invites and rubrics need Admin; making or removing an Owner (or inviting one) needs Owner; a note is edited
/// by its author only; notes, scores, votes and comparisons are deleted by their author or an Admin. A caller
/// outside the team gets 404 as if it did not exist. Tokens and invite acceptance are per user.
/// The foreign caller: on an endpoint that names only the team, team B is its own team, so it succeeds on its
/// own data (and the answer must not mention team A); on an endpoint naming team A's resources it gets 404.
/// </summary>
public static class AuthorizationMatrix
{
    private const string Api = "/api/v1";
    private const string Team = "/api/v1/teams/{teamId:guid}";

    /// <summary>What the foreign caller gets on an endpoint that names only the team: success, on team B's own data.</summary>
    private const Outcome OwnTeam = Outcome.Success;

    private static readonly Who[] TeamRoles = [Who.Owner, Who.Admin, Who.Member, Who.Viewer];

    public static IReadOnlyList<Who> Callers { get; } = Enum.GetValues<Who>();

    /// <summary>"METHOD /route/{pattern}" for every endpoint the running app maps under /api/v1.</summary>
    public static IReadOnlySet<string> ApiEndpoints(IServiceProvider services) =>
        services.GetServices<EndpointDataSource>()
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Select(e => (e, Route: Normalise(e.RoutePattern.RawText)))
            .Where(x => x.Route == Api || x.Route.StartsWith(Api + "/", StringComparison.Ordinal))
            .SelectMany(x => (x.e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["(any method)"]).Select(m => $"{m} {x.Route}"))
            .ToHashSet();

    private static string Normalise(string? route)
    {
        var text = "/" + (route ?? "").Trim('/');
        while (text.Contains("//", StringComparison.Ordinal))
        {
            text = text.Replace("//", "/", StringComparison.Ordinal);
        }

        return text;
    }

    // ---- expectations ----

    /// <summary>Every signed-in caller succeeds; no one gets 401.</summary>
    private static Dictionary<Who, Outcome> Everyone() =>
        Callers.ToDictionary(who => who, who => who == Who.Anonymous ? Outcome.Unauthorized : Outcome.Success);

    /// <summary>Team A's members with <paramref name="role"/> or higher succeed, lower roles get 403, the outsider 404, no one 401.</summary>
    private static Dictionary<Who, Outcome> Needs(TeamRole role, Outcome foreign)
    {
        var expected = new Dictionary<Who, Outcome>
        {
            [Who.Outsider] = Outcome.NotFound,
            [Who.Foreign] = foreign,
            [Who.Anonymous] = Outcome.Unauthorized,
        };
        foreach (var who in TeamRoles)
        {
            expected[who] = RoleOf(who) >= role ? Outcome.Success : Outcome.Forbidden;
        }

        return expected;
    }

    private static Dictionary<Who, Outcome> But(this Dictionary<Who, Outcome> expected, Who who, Outcome outcome) =>
        new(expected) { [who] = outcome };

    private static Dictionary<Who, Outcome> Everyone(Outcome signedIn) =>
        Callers.ToDictionary(who => who, who => who == Who.Anonymous ? Outcome.Unauthorized : signedIn);

    public static TeamRole RoleOf(Who who) => who switch
    {
        Who.Owner => TeamRole.Owner,
        Who.Admin => TeamRole.Admin,
        Who.Member => TeamRole.Member,
        Who.Viewer => TeamRole.Viewer,
        _ => throw new ArgumentOutOfRangeException(nameof(who), who, "not a role of team A"),
    };

    private static Task<MatrixCall> Call(string path, object? body = null) => Task.FromResult(new MatrixCall(path, body));

    private static MatrixEntry E(string method, string route, Dictionary<Who, Outcome> expected, Func<MatrixWorld, Who, Task<MatrixCall>> request, string? @case = null) =>
        new(method, route, @case, expected, request);

    // ---- the matrix ----

    public static IReadOnlyList<MatrixEntry> Entries { get; } =
    [
        // Account, tokens and catalog: not team data; every signed-in caller, tokens strictly per user.
        E("GET", $"{Api}/me", Everyone(), (w, who) => Call($"{Api}/me")),
        E("GET", $"{Api}/tokens", Everyone(), (w, who) => Call($"{Api}/tokens")),
        E("POST", $"{Api}/tokens", Everyone(), (w, who) => Call($"{Api}/tokens", new CreateAccessTokenRequest(w.Unique("matrix token"), 30))),
        E("DELETE", $"{Api}/tokens/{{tokenId:guid}}", Everyone(), async (w, who) =>
            new MatrixCall($"{Api}/tokens/{await w.NewTokenAsync(w.UserOrThird(who))}"), "the caller's own token"),
        E("DELETE", $"{Api}/tokens/{{tokenId:guid}}", Everyone(Outcome.NotFound), async (w, who) =>
            new MatrixCall($"{Api}/tokens/{await w.NewTokenAsync(w.Third)}"), "another user's token"),
        E("GET", $"{Api}/models", Everyone(), (w, who) => Call($"{Api}/models?q=fake")),
        E("GET", $"{Api}/models/export", Everyone(), (w, who) => Call($"{Api}/models/export?q=fake&format=csv")),
        E("GET", $"{Api}/models/fields", Everyone(), (w, who) => Call($"{Api}/models/fields")),
        E("GET", $"{Api}/models/{{slug}}", Everyone(), (w, who) => Call($"{Api}/models/fake-echo")),

        // Teams, members and invites (TeamService).
        E("GET", $"{Api}/teams", Everyone(), (w, who) => Call($"{Api}/teams")),
        E("POST", $"{Api}/teams", Everyone(), (w, who) => Call($"{Api}/teams", new CreateTeamRequest(w.Unique("Matrix team")))),
        E("GET", Team, Needs(TeamRole.Viewer, OwnTeam), (w, who) => Call(w.T(who))),
        E("PUT", Team, Needs(TeamRole.Admin, OwnTeam), (w, who) => Call(w.T(who), new RenameTeamRequest(w.TeamName(who)))),
        E("PUT", $"{Team}/members/{{userId}}", Needs(TeamRole.Admin, Outcome.NotFound), async (w, who) =>
            new MatrixCall($"{w.T(who)}/members/{await w.NewMemberAsync(TeamRole.Viewer)}", new ChangeRoleRequest(TeamRole.Member)), "a Viewer made Member"),
        E("PUT", $"{Team}/members/{{userId}}", Needs(TeamRole.Owner, Outcome.NotFound), async (w, who) =>
            new MatrixCall($"{w.T(who)}/members/{await w.NewMemberAsync(TeamRole.Viewer)}", new ChangeRoleRequest(TeamRole.Owner)), "a Viewer made Owner"),
        E("DELETE", $"{Team}/members/{{userId}}", Needs(TeamRole.Admin, Outcome.NotFound), async (w, who) =>
            new MatrixCall($"{w.T(who)}/members/{await w.NewMemberAsync(TeamRole.Viewer)}"), "a Viewer"),
        E("DELETE", $"{Team}/members/{{userId}}", Needs(TeamRole.Owner, Outcome.NotFound), async (w, who) =>
            new MatrixCall($"{w.T(who)}/members/{await w.NewMemberAsync(TeamRole.Owner)}"), "a second Owner"),
        E("POST", $"{Team}/invites", Needs(TeamRole.Admin, OwnTeam), (w, who) =>
            Call($"{w.T(who)}/invites", new CreateInviteRequest(null, TeamRole.Member)), "as Member"),
        E("POST", $"{Team}/invites", Needs(TeamRole.Owner, OwnTeam), (w, who) =>
            Call($"{w.T(who)}/invites", new CreateInviteRequest(null, TeamRole.Owner)), "as Owner"),
        E("DELETE", $"{Team}/invites/{{inviteId:guid}}", Needs(TeamRole.Admin, Outcome.NotFound), async (w, who) =>
            new MatrixCall($"{w.T(who)}/invites/{await w.NewInviteAsync()}")),
        E("POST", $"{Api}/invites/{{token}}/accept", Everyone(), async (w, who) =>
            new MatrixCall($"{Api}/invites/{await w.NewTeamCInviteAsync(null)}/accept"), "an open invite to team C"),
        E("POST", $"{Api}/invites/{{token}}/accept", Everyone(Outcome.Forbidden), async (w, who) =>
            new MatrixCall($"{Api}/invites/{await w.NewTeamCInviteAsync("someone.else@example.com")}/accept"), "an invite sent to another address"),

        // Playground: connections (Admin to manage), targets, runs (Member to start and cancel), saved prompts, spend.
        E("GET", $"{Team}/connections", Needs(TeamRole.Viewer, OwnTeam), (w, who) => Call($"{w.T(who)}/connections")),
        E("POST", $"{Team}/connections", Needs(TeamRole.Admin, OwnTeam), (w, who) => Call($"{w.T(who)}/connections", w.ConnectionInput(w.Unique("Matrix connection")))),
        E("PUT", $"{Team}/connections/{{connectionId:guid}}", Needs(TeamRole.Admin, Outcome.NotFound), (w, who) =>
            Call($"{w.T(who)}/connections/{w.SpareConnectionId}", w.ConnectionInput(MatrixWorld.SpareConnectionName, apiKey: null))),
        E("DELETE", $"{Team}/connections/{{connectionId:guid}}", Needs(TeamRole.Admin, Outcome.NotFound), async (w, who) =>
            new MatrixCall($"{w.T(who)}/connections/{await w.NewConnectionAsync()}")),
        E("POST", $"{Team}/connections/{{connectionId:guid}}/test", Needs(TeamRole.Admin, Outcome.NotFound), (w, who) =>
            Call($"{w.T(who)}/connections/{w.SpareConnectionId}/test")),
        E("GET", $"{Team}/targets", Needs(TeamRole.Viewer, OwnTeam), (w, who) => Call($"{w.T(who)}/targets")),
        E("GET", $"{Team}/runs", Needs(TeamRole.Viewer, OwnTeam), (w, who) => Call($"{w.T(who)}/runs")),
        // Team B running team A's connection: refused as an unknown connection (400 naming the target), nothing runs.
        E("POST", $"{Team}/runs", Needs(TeamRole.Member, Outcome.BadRequest), (w, who) => Call($"{w.T(who)}/runs", w.EchoRun("Matrix question"))),
        E("GET", $"{Team}/runs/{{runId:guid}}", Needs(TeamRole.Viewer, Outcome.NotFound), (w, who) => Call($"{w.T(who)}/runs/{w.Run.Id}")),
        E("POST", $"{Team}/runs/{{runId:guid}}/cancel", Needs(TeamRole.Member, Outcome.NotFound), async (w, who) =>
            new MatrixCall($"{w.T(who)}/runs/{await w.NewRunningRunAsync()}/cancel"), "a running run"),
        E("GET", $"{Team}/prompts", Needs(TeamRole.Viewer, OwnTeam), (w, who) => Call($"{w.T(who)}/prompts")),
        E("POST", $"{Team}/prompts", Needs(TeamRole.Member, OwnTeam), (w, who) =>
            Call($"{w.T(who)}/prompts", new SavedPromptInput(w.Unique("Matrix prompt"), null, "Summarise {{text}} in one line."))),
        E("DELETE", $"{Team}/prompts/{{promptId:guid}}", Needs(TeamRole.Member, Outcome.NotFound), async (w, who) =>
            new MatrixCall($"{w.T(who)}/prompts/{await w.NewPromptAsync()}")),
        E("GET", $"{Team}/spend", Needs(TeamRole.Viewer, OwnTeam), (w, who) => Call($"{w.T(who)}/spend")),
        E("PUT", $"{Team}/spend", Needs(TeamRole.Admin, OwnTeam), (w, who) => Call($"{w.T(who)}/spend", new SpendCapRequest(1_000m))),

        // Comparisons: Viewer reads, Member writes, the author or an Admin deletes.
        E("GET", $"{Team}/comparisons", Needs(TeamRole.Viewer, OwnTeam), (w, who) => Call($"{w.T(who)}/comparisons")),
        E("POST", $"{Team}/comparisons", Needs(TeamRole.Member, OwnTeam), (w, who) => Call($"{w.T(who)}/comparisons", MatrixWorld.ComparisonInput(w.Unique("Matrix comparison")))),
        E("GET", $"{Team}/comparisons/{{comparisonId:guid}}", Needs(TeamRole.Viewer, Outcome.NotFound), (w, who) =>
            Call($"{w.T(who)}/comparisons/{w.ComparisonId}")),
        E("GET", $"{Team}/comparisons/{{comparisonId:guid}}/export", Needs(TeamRole.Viewer, Outcome.NotFound), (w, who) =>
            Call($"{w.T(who)}/comparisons/{w.ComparisonId}/export?format=md")),
        E("PUT", $"{Team}/comparisons/{{comparisonId:guid}}", Needs(TeamRole.Member, Outcome.NotFound), (w, who) =>
            Call($"{w.T(who)}/comparisons/{w.ComparisonId}", MatrixWorld.ComparisonInput(MatrixWorld.ComparisonName))),
        E("PUT", $"{Team}/comparisons/{{comparisonId:guid}}/decision", Needs(TeamRole.Member, Outcome.NotFound), (w, who) =>
            Call($"{w.T(who)}/comparisons/{w.ComparisonId}/decision", new DecisionInput("fake-echo", "Reads images and is cheap enough."))),
        E("DELETE", $"{Team}/comparisons/{{comparisonId:guid}}", Needs(TeamRole.Member, Outcome.NotFound), async (w, who) =>
            new MatrixCall($"{w.T(who)}/comparisons/{await w.NewComparisonAsync(Who.Member)}"), "by the Member"),
        E("DELETE", $"{Team}/comparisons/{{comparisonId:guid}}", Needs(TeamRole.Admin, Outcome.NotFound), async (w, who) =>
            new MatrixCall($"{w.T(who)}/comparisons/{await w.NewComparisonAsync(Who.Owner)}"), "by the Owner"),
        E("PUT", $"{Team}/comparisons/{{comparisonId:guid}}/runs/{{runId:guid}}", Needs(TeamRole.Member, Outcome.NotFound), async (w, who) =>
            new MatrixCall($"{w.T(who)}/comparisons/{await w.NewComparisonAsync(Who.Owner)}/runs/{w.Run.Id}")),
        E("DELETE", $"{Team}/comparisons/{{comparisonId:guid}}/runs/{{runId:guid}}", Needs(TeamRole.Member, Outcome.NotFound), async (w, who) =>
            new MatrixCall($"{w.T(who)}/comparisons/{await w.NewLinkedComparisonAsync()}/runs/{w.Run.Id}"), "a linked run"),
        E("GET", $"{Team}/comparisons/{{comparisonId:guid}}/runs/candidates", Needs(TeamRole.Viewer, Outcome.NotFound), (w, who) =>
            Call($"{w.T(who)}/comparisons/{w.ComparisonId}/runs/candidates")),

        // Evaluations: notes (author edits; author or Admin deletes), rubrics (Admin), scores and votes (reviewer or Admin deletes).
        E("POST", $"{Team}/notes", Needs(TeamRole.Member, Outcome.NotFound), (w, who) => Call($"{w.T(who)}/notes", w.NoteOnRun("Answers well."))),
        E("GET", $"{Team}/notes", Needs(TeamRole.Viewer, OwnTeam), (w, who) => Call($"{w.T(who)}/notes")),
        E("GET", $"{Team}/notes/{{noteId:guid}}", Needs(TeamRole.Viewer, Outcome.NotFound), (w, who) => Call($"{w.T(who)}/notes/{w.OwnersNoteId}")),
        E("PUT", $"{Team}/notes/{{noteId:guid}}", Needs(TeamRole.Owner, Outcome.NotFound), (w, who) =>
            Call($"{w.T(who)}/notes/{w.OwnersNoteId}", MatrixWorld.NoteEdit("Edited by its author.")), "by the Owner: its author only"),
        E("PUT", $"{Team}/notes/{{noteId:guid}}", Needs(TeamRole.Member, Outcome.NotFound).But(Who.Owner, Outcome.Forbidden).But(Who.Admin, Outcome.Forbidden), (w, who) =>
            Call($"{w.T(who)}/notes/{w.MembersNoteId}", MatrixWorld.NoteEdit("Edited by its author.")), "by the Member: its author only"),
        E("DELETE", $"{Team}/notes/{{noteId:guid}}", Needs(TeamRole.Member, Outcome.NotFound), async (w, who) =>
            new MatrixCall($"{w.T(who)}/notes/{await w.NewNoteAsync(Who.Member)}"), "by the Member"),
        E("DELETE", $"{Team}/notes/{{noteId:guid}}", Needs(TeamRole.Admin, Outcome.NotFound), async (w, who) =>
            new MatrixCall($"{w.T(who)}/notes/{await w.NewNoteAsync(Who.Owner)}"), "by the Owner"),
        E("GET", $"{Team}/rubrics", Needs(TeamRole.Viewer, OwnTeam), (w, who) => Call($"{w.T(who)}/rubrics")),
        E("POST", $"{Team}/rubrics", Needs(TeamRole.Admin, OwnTeam), (w, who) => Call($"{w.T(who)}/rubrics", MatrixWorld.RubricInput(w.Unique("Matrix rubric")))),
        E("GET", $"{Team}/rubrics/{{rubricId:guid}}", Needs(TeamRole.Viewer, Outcome.NotFound), (w, who) => Call($"{w.T(who)}/rubrics/{w.Rubric.Id}")),
        E("DELETE", $"{Team}/rubrics/{{rubricId:guid}}", Needs(TeamRole.Admin, Outcome.NotFound), async (w, who) =>
            new MatrixCall($"{w.T(who)}/rubrics/{await w.NewRubricAsync()}")),
        E("POST", $"{Team}/scores", Needs(TeamRole.Member, Outcome.NotFound), (w, who) => Call($"{w.T(who)}/scores", w.ScoreInput(0))),
        E("GET", $"{Team}/scores", Needs(TeamRole.Viewer, OwnTeam), (w, who) => Call($"{w.T(who)}/scores")),
        E("DELETE", $"{Team}/scores/{{scoreId:guid}}", Needs(TeamRole.Member, Outcome.NotFound), async (w, who) =>
            new MatrixCall($"{w.T(who)}/scores/{await w.NewScoreAsync(Who.Member)}"), "by the Member"),
        E("DELETE", $"{Team}/scores/{{scoreId:guid}}", Needs(TeamRole.Admin, Outcome.NotFound), async (w, who) =>
            new MatrixCall($"{w.T(who)}/scores/{await w.NewScoreAsync(Who.Owner)}"), "by the Owner"),
        E("POST", $"{Team}/votes", Needs(TeamRole.Member, Outcome.NotFound), (w, who) => Call($"{w.T(who)}/votes", w.VoteInput())),
        E("GET", $"{Team}/votes", Needs(TeamRole.Viewer, OwnTeam), (w, who) => Call($"{w.T(who)}/votes")),
        E("DELETE", $"{Team}/votes/{{voteId:guid}}", Needs(TeamRole.Member, Outcome.NotFound), async (w, who) =>
            new MatrixCall($"{w.T(who)}/votes/{await w.NewVoteAsync(Who.Member)}"), "by the Member"),
        E("DELETE", $"{Team}/votes/{{voteId:guid}}", Needs(TeamRole.Admin, Outcome.NotFound), async (w, who) =>
            new MatrixCall($"{w.T(who)}/votes/{await w.NewVoteAsync(Who.Owner)}"), "by the Owner"),
        E("GET", $"{Team}/evaluations/leaderboard", Needs(TeamRole.Viewer, OwnTeam), (w, who) => Call($"{w.T(who)}/evaluations/leaderboard")),
        E("GET", $"{Team}/evaluations/export", Needs(TeamRole.Viewer, OwnTeam), (w, who) => Call($"{w.T(who)}/evaluations/export?kind=notes&format=csv")),
    ];
}

/// <summary>
/// Team A with a user in every role, seeded through the API by its Owner: connections to the fake provider, a finished
/// run with two answers, a saved prompt, a comparison, notes, the default rubric, a score, a vote and an invite.
/// Team B belongs to the foreign caller; team C to a third user, whose invites and tokens the callers try.
/// The <c>New…</c> methods make a fresh resource for one call, so one caller's delete cannot change the next one's answer.
/// </summary>
public sealed class MatrixWorld
{
    public const string SpareConnectionName = "Spare";
    public const string ComparisonName = "Echo or text";

    private int counter;

    private MatrixWorld(ModelHubFactory app, FakeProviderServer fake, Dictionary<Who, TestUser> users)
    {
        App = app;
        Fake = fake;
        Users = users;
        Anonymous = app.CreateApiClient();
    }

    public ModelHubFactory App { get; }

    public FakeProviderServer Fake { get; }

    /// <summary>Every caller but <see cref="Who.Anonymous"/>.</summary>
    public IReadOnlyDictionary<Who, TestUser> Users { get; }

    public HttpClient Anonymous { get; }

    public TestUser Owner => Users[Who.Owner];

    public TestUser Third { get; private set; } = null!;

    public string TeamAName { get; private set; } = "";

    public Guid TeamA { get; private set; }

    public Guid TeamB { get; private set; }

    public Guid TeamC { get; private set; }

    public ConnectionView OpenAi { get; private set; } = null!;

    public int EchoRouteId { get; private set; }

    public Guid SpareConnectionId { get; private set; }

    public RunView Run { get; private set; } = null!;

    public Guid PromptId { get; private set; }

    public Guid ComparisonId { get; private set; }

    public Guid OwnersNoteId { get; private set; }

    public Guid MembersNoteId { get; private set; }

    public RubricView Rubric { get; private set; } = null!;

    public Guid ScoreId { get; private set; }

    public Guid VoteId { get; private set; }

    public Guid InviteId { get; private set; }

    /// <summary>Runs started to be cancelled; those whose caller could not cancel them are stopped at the end.</summary>
    public List<Guid> RunningRuns { get; } = [];

    /// <summary>
    /// What only team A's members may see: its name, its members' emails and ids, and the ids of everything it holds.
    /// None may appear in an answer to the outsider, the foreign team or no one (except where the request itself carried it).
    /// </summary>
    public IReadOnlyList<string> TeamASecrets { get; private set; } = [];

    public HttpClient Client(Who who) => who == Who.Anonymous ? Anonymous : Users[who].Api;

    /// <summary>The team in the path: team B for the foreign caller, team A for everyone else.</summary>
    public Guid Team(Who who) => who == Who.Foreign ? TeamB : TeamA;

    public string T(Who who) => $"/api/v1/teams/{Team(who)}";

    /// <summary>The name a rename keeps: each team's own, so renaming changes nothing another call depends on.</summary>
    public string TeamName(Who who) => who == Who.Foreign ? "Bravo" : TeamAName;

    /// <summary>The caller's account, or the third user's for no one (whose call never gets that far).</summary>
    public TestUser UserOrThird(Who who) => who == Who.Anonymous ? Third : Users[who];

    public string Unique(string prefix) => $"{prefix} {Interlocked.Increment(ref counter)}";

    public static async Task<MatrixWorld> SeedAsync(ModelHubFactory app, FakeProviderServer fake, TestUser owner, Guid teamA,
        ConnectionView openAi, ConnectionView anthropic, ConnectionView replicate, int echoRouteId)
    {
        var users = new Dictionary<Who, TestUser>
        {
            [Who.Owner] = owner,
            [Who.Admin] = await app.AddMemberAsync(owner, teamA, "admin@example.com", TeamRole.Admin),
            [Who.Member] = await app.AddMemberAsync(owner, teamA, "member@example.com", TeamRole.Member),
            [Who.Viewer] = await app.AddMemberAsync(owner, teamA, "viewer@example.com", TeamRole.Viewer),
            [Who.Outsider] = await app.CreateUserAsync("outsider@example.com"),
            [Who.Foreign] = await app.CreateUserAsync("foreign@example.com"),
        };
        var world = new MatrixWorld(app, fake, users) { TeamA = teamA, OpenAi = openAi, EchoRouteId = echoRouteId };
        world.TeamAName = $"Alpha {Guid.NewGuid():N}";
        await Expect(owner.Api.PutJsonAsync(world.T(Who.Owner), new RenameTeamRequest(world.TeamAName)), HttpStatusCode.NoContent);
        world.TeamB = await CreateTeamAsync(users[Who.Foreign], "Bravo");
        world.Third = await app.CreateUserAsync("third@example.com");
        world.TeamC = await CreateTeamAsync(world.Third, "Charlie");

        var a = world.T(Who.Owner);
        world.SpareConnectionId = (await Read<ConnectionView>(owner.Api.PostJsonAsync($"{a}/connections", world.ConnectionInput(SpareConnectionName)), HttpStatusCode.Created)).Id;
        world.Run = await Read<RunView>(owner.Api.PostJsonAsync($"{a}/runs?wait=true",
            new RunRequest([new RunTargetRequest(openAi.Id, echoRouteId), new RunTargetRequest(anthropic.Id, ModelId: "echo")], [new ChatMessage(ChatRole.User, "Seed question")])),
            HttpStatusCode.Created);
        Assert.All(world.Run.Targets, t => Assert.Equal(RunStatus.Succeeded, t.Status));
        world.PromptId = await world.NewPromptAsync();
        world.ComparisonId = (await Read<ComparisonView>(owner.Api.PostJsonAsync($"{a}/comparisons", ComparisonInput(ComparisonName)), HttpStatusCode.Created)).Id;
        world.OwnersNoteId = await world.NewNoteAsync(Who.Owner);
        world.MembersNoteId = await world.NewNoteAsync(Who.Member);
        world.Rubric = (await Read<List<RubricView>>(owner.Api.GetAsync($"{a}/rubrics"), HttpStatusCode.OK)).Single(r => r.IsDefault);
        world.ScoreId = await world.NewScoreAsync(Who.Owner);
        world.VoteId = await world.NewVoteAsync(Who.Owner);
        world.InviteId = await world.NewInviteAsync();

        world.TeamASecrets =
        [
            world.TeamAName,
            .. TeamRolesOf(users).SelectMany(u => new[] { u.Email, u.Id }),
            .. new[] { teamA, openAi.Id, anthropic.Id, replicate.Id, world.SpareConnectionId, world.Run.Id, world.PromptId, world.ComparisonId,
                world.OwnersNoteId, world.MembersNoteId, world.Rubric.Id, world.ScoreId, world.VoteId, world.InviteId }
                .Concat(world.Run.Targets.Select(t => t.Id)).Select(id => id.ToString()),
        ];
        return world;
    }

    private static IEnumerable<TestUser> TeamRolesOf(Dictionary<Who, TestUser> users) =>
        new[] { Who.Owner, Who.Admin, Who.Member, Who.Viewer }.Select(who => users[who]);

    /// <summary>Stops the runs started for cancelling that are still going.</summary>
    public async Task StopRunningRunsAsync()
    {
        foreach (var runId in RunningRuns)
        {
            (await Owner.Api.PostAsync($"{T(Who.Owner)}/runs/{runId}/cancel", null)).Dispose();
        }
    }

    // ---- request bodies ----

    public ConnectionInput ConnectionInput(string name, string? apiKey = FakeProviderServer.ApiKey) =>
        new(name, ApiStyle.OpenAiCompatible, Fake.OpenAiBaseUrl, apiKey);

    public RunRequest EchoRun(string text) =>
        new([new RunTargetRequest(OpenAi.Id, EchoRouteId)], [new ChatMessage(ChatRole.User, text)]);

    public static ComparisonInput ComparisonInput(string name) => new(name, ["fake-echo", "fake-text"]);

    public NoteInput NoteOnRun(string body) => new(new NoteTargetInput("run", Run.Id.ToString()), body, "Recommended", ["matrix"]);

    public static NoteInput NoteEdit(string body) => new(null, body, "Acceptable", ["matrix"]);

    public static RubricInput RubricInput(string name) => new(name, "Made by the authorization matrix.", [new CriterionInput("Accuracy", "Numeric", 1, 5, null)]);

    public ScoreInput ScoreInput(int answer) => new(Run.Targets[answer].Id, Rubric.Id, null,
        new Dictionary<string, JsonElement>
        {
            ["Correctness"] = JsonSerializer.SerializeToElement(4),
            ["Helpfulness"] = JsonSerializer.SerializeToElement(5),
            ["Format followed"] = JsonSerializer.SerializeToElement(true),
        },
        "Good enough.");

    public VoteInput VoteInput() => new(Run.Id, Run.Targets[0].Id, Run.Targets[1].Id, "Left");

    // ---- fresh resources, one per call ----

    public async Task<Guid> NewConnectionAsync() =>
        (await Read<ConnectionView>(Owner.Api.PostJsonAsync($"{T(Who.Owner)}/connections", ConnectionInput(Unique("Doomed connection"))), HttpStatusCode.Created)).Id;

    /// <summary>A run of the fake's slow-stream model, still answering when the call is made.</summary>
    public async Task<Guid> NewRunningRunAsync()
    {
        var run = await Read<RunView>(Owner.Api.PostJsonAsync($"{T(Who.Owner)}/runs",
            new RunRequest([new RunTargetRequest(OpenAi.Id, ModelId: "slow-stream")], [new ChatMessage(ChatRole.User, Unique("Long answer"))])), HttpStatusCode.Accepted);
        RunningRuns.Add(run.Id);
        return run.Id;
    }

    public async Task<Guid> NewPromptAsync() =>
        (await Read<SavedPromptView>(Owner.Api.PostJsonAsync($"{T(Who.Owner)}/prompts", new SavedPromptInput(Unique("Doomed prompt"), null, "Say hello.")), HttpStatusCode.OK)).Id;

    public async Task<Guid> NewComparisonAsync(Who author) =>
        (await Read<ComparisonView>(Users[author].Api.PostJsonAsync($"{T(Who.Owner)}/comparisons", ComparisonInput(Unique("Doomed comparison"))), HttpStatusCode.Created)).Id;

    /// <summary>A comparison of the Owner's with the seeded run linked to it.</summary>
    public async Task<Guid> NewLinkedComparisonAsync()
    {
        var comparisonId = await NewComparisonAsync(Who.Owner);
        await Expect(Owner.Api.PutAsync($"{T(Who.Owner)}/comparisons/{comparisonId}/runs/{Run.Id}", null), HttpStatusCode.NoContent);
        return comparisonId;
    }

    public async Task<Guid> NewNoteAsync(Who author) =>
        (await Read<NoteView>(Users[author].Api.PostJsonAsync($"{T(Who.Owner)}/notes", NoteOnRun(Unique("A note"))), HttpStatusCode.Created)).Id;

    public async Task<Guid> NewRubricAsync() =>
        (await Read<RubricView>(Owner.Api.PostJsonAsync($"{T(Who.Owner)}/rubrics", RubricInput(Unique("Doomed rubric"))), HttpStatusCode.Created)).Id;

    /// <summary>The author's score of the run's second answer: created, or the one they already gave (a reviewer has one per answer and rubric).</summary>
    public async Task<Guid> NewScoreAsync(Who author)
    {
        var response = await Users[author].Api.PostJsonAsync($"{T(Who.Owner)}/scores", ScoreInput(1));
        return (await response.ReadAsync<ScoreView>(response.StatusCode == HttpStatusCode.OK ? HttpStatusCode.OK : HttpStatusCode.Created)).Id;
    }

    /// <summary>The author's vote on the run's two answers: created, or the one they already gave.</summary>
    public async Task<Guid> NewVoteAsync(Who author)
    {
        var response = await Users[author].Api.PostJsonAsync($"{T(Who.Owner)}/votes", VoteInput());
        return (await response.ReadAsync<VoteView>(response.StatusCode == HttpStatusCode.OK ? HttpStatusCode.OK : HttpStatusCode.Created)).Id;
    }

    public async Task<Guid> NewInviteAsync() =>
        (await Read<CreatedInvite>(Owner.Api.PostJsonAsync($"{T(Who.Owner)}/invites", new CreateInviteRequest(null, TeamRole.Viewer)), HttpStatusCode.Created)).Id;

    /// <summary>A new account in team A with the role, joined through an invite; its user id.</summary>
    public async Task<string> NewMemberAsync(TeamRole role) =>
        (await App.AddMemberAsync(Owner, TeamA, $"{Unique("extra").Replace(' ', '-')}@example.com", role)).Id;

    public async Task<Guid> NewTokenAsync(TestUser user) =>
        (await Read<CreatedAccessToken>(user.Api.PostJsonAsync("/api/v1/tokens", new CreateAccessTokenRequest(Unique("doomed token"), 30)), HttpStatusCode.Created)).View.Id;

    /// <summary>The secret of a new invite to team C, for anyone or for one address.</summary>
    public async Task<string> NewTeamCInviteAsync(string? email)
    {
        var invite = await Read<CreatedInvite>(Third.Api.PostJsonAsync($"/api/v1/teams/{TeamC}/invites", new CreateInviteRequest(email, TeamRole.Viewer)), HttpStatusCode.Created);
        return invite.Url[(invite.Url.LastIndexOf('/') + 1)..];
    }

    private static async Task<Guid> CreateTeamAsync(TestUser user, string name) =>
        (await Read<TeamSummary>(user.Api.PostJsonAsync("/api/v1/teams", new CreateTeamRequest(name)), HttpStatusCode.Created)).Id;

    private static async Task<T> Read<T>(Task<HttpResponseMessage> call, HttpStatusCode expected) => await (await call).ReadAsync<T>(expected);

    private static async Task Expect(Task<HttpResponseMessage> call, HttpStatusCode expected) => await (await call).ExpectAsync(expected);
}
