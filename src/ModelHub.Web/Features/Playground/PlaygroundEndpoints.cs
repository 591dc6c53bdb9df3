using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Playground.Connections;
using ModelHub.Web.Features.Playground.Prompts;
using ModelHub.Web.Features.Playground.Runs;

namespace ModelHub.Web.Features.Playground;

public sealed record SpendCapRequest(decimal? MonthlySpendCapUsd);

internal static class PlaygroundEndpoints
{
    /// <summary>The longest a start-run request may wait for the run to finish before answering.</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(10);

    public static RouteGroupBuilder MapPlaygroundEndpoints(this RouteGroupBuilder api)
    {
        var team = api.MapGroup("/teams/{teamId:guid}");

        var connections = team.MapGroup("/connections").WithTags("Playground connections");
        connections.MapGet("/", (Guid teamId, ClaimsPrincipal user, ConnectionService service, CancellationToken ct) =>
            service.ListAsync(Caller.From(user), teamId, ct))
            .WithName("ListConnections")
            .WithSummary("The team's provider connections; keys are masked and header values left out.");
        connections.MapPost("/", async Task<Created<ConnectionView>> (Guid teamId, ConnectionInput input, ClaimsPrincipal user, ConnectionService service, CancellationToken ct) =>
        {
            var created = await service.CreateAsync(Caller.From(user), teamId, input, ct);
            return TypedResults.Created($"/api/v1/teams/{teamId}/connections/{created.Id}", created);
        }).WithName("CreateConnection")
            .WithSummary("Adds a connection (Owners and Admins). The key is encrypted and never returned.");
        connections.MapPut("/{connectionId:guid}", (Guid teamId, Guid connectionId, ConnectionInput input, ClaimsPrincipal user, ConnectionService service, CancellationToken ct) =>
            service.UpdateAsync(Caller.From(user), teamId, connectionId, input, ct))
            .WithName("UpdateConnection")
            .WithSummary("Changes a connection; leave apiKey null to keep the stored key.");
        connections.MapDelete("/{connectionId:guid}", async Task<NoContent> (Guid teamId, Guid connectionId, ClaimsPrincipal user, ConnectionService service, CancellationToken ct) =>
        {
            await service.DeleteAsync(Caller.From(user), teamId, connectionId, ct);
            return TypedResults.NoContent();
        }).WithName("DeleteConnection")
            .WithSummary("Deletes a connection.");
        connections.MapPost("/{connectionId:guid}/test", (Guid teamId, Guid connectionId, ClaimsPrincipal user, ConnectionService service, CancellationToken ct) =>
            service.TestAsync(Caller.From(user), teamId, connectionId, ct))
            .WithName("TestConnection")
            .WithSummary("Calls the provider with the stored key and reports whether it answered.");

        team.MapGet("/targets", (Guid teamId, ClaimsPrincipal user, RunService service, CancellationToken ct) =>
            service.ListTargetsAsync(Caller.From(user), teamId, ct))
            .WithTags("Playground runs")
            .WithName("ListRunTargets")
            .WithSummary("What runs can target: catalog routes reachable through the team's connections, and each connection for typed model IDs.");

        var runs = team.MapGroup("/runs").WithTags("Playground runs");
        runs.MapGet("/", (Guid teamId, RunStatus? status, string? search, bool? mine, int? skip, int? take, ClaimsPrincipal user, RunHistoryService service, CancellationToken ct) =>
            service.ListAsync(Caller.From(user), teamId, new RunQuery(status, search, mine ?? false, skip ?? 0, take ?? 25), ct))
            .WithName("ListRuns")
            .WithSummary("The team's run history, newest first.");
        runs.MapPost("/", async Task<IResult> (Guid teamId, RunRequest request, bool? wait, ClaimsPrincipal user, RunService service, RunHistoryService history, CancellationToken ct) =>
        {
            var caller = Caller.From(user);
            var run = await service.StartAsync(caller, teamId, request, ct);
            if (wait == true && await history.WatchAsync(caller, teamId, run.Id, ct) is { } live)
            {
                try
                {
                    await live.Completion.WaitAsync(MaxWait, ct);
                }
                catch (TimeoutException)
                {
                    // Still running after the longest wait: answer 202 with the output so far.
                }

                run = await history.GetAsync(caller, teamId, run.Id, ct);
            }

            var location = $"/api/v1/teams/{teamId}/runs/{run.Id}";
            return run.Status == RunStatus.Running ? TypedResults.Accepted(location, run) : TypedResults.Created(location, run);
        }).WithName("StartRun")
            .Produces<RunView>(StatusCodes.Status201Created)
            .Produces<RunView>(StatusCodes.Status202Accepted)
            .WithSummary("Starts a run on 1 to 4 targets. Answers 202 at once, or with ?wait=true 201 once every target has finished.")
            // Images travel as base64 in the body, so a run may be larger than the API's usual 2 MB.
            .WithRequestBodyLimit(services => PlaygroundRules.MaxRunRequestBytes(services.GetRequiredService<IOptionsMonitor<PlaygroundOptions>>().CurrentValue));
        runs.MapGet("/{runId:guid}", (Guid teamId, Guid runId, ClaimsPrincipal user, RunHistoryService service, CancellationToken ct) =>
            service.GetAsync(Caller.From(user), teamId, runId, ct))
            .WithName("GetRun")
            .WithSummary("A run with each target's output, reasoning, metrics, cost and error; the output so far while it runs.");
        runs.MapPost("/{runId:guid}/cancel", async Task<NoContent> (Guid teamId, Guid runId, Guid? targetId, ClaimsPrincipal user, RunService service, CancellationToken ct) =>
        {
            await service.CancelAsync(Caller.From(user), teamId, runId, targetId, ct);
            return TypedResults.NoContent();
        }).WithName("CancelRun")
            .WithSummary("Cancels every target still running, or only ?targetId=.");

        var prompts = team.MapGroup("/prompts").WithTags("Saved prompts");
        prompts.MapGet("/", (Guid teamId, ClaimsPrincipal user, PromptService service, CancellationToken ct) =>
            service.ListAsync(Caller.From(user), teamId, ct))
            .WithName("ListPrompts")
            .WithSummary("The team's saved prompts.");
        prompts.MapPost("/", (Guid teamId, SavedPromptInput input, ClaimsPrincipal user, PromptService service, CancellationToken ct) =>
            service.SaveAsync(Caller.From(user), teamId, input, ct))
            .WithName("SavePrompt")
            .WithSummary("Saves a prompt under its name, replacing the one already called that.");
        prompts.MapDelete("/{promptId:guid}", async Task<NoContent> (Guid teamId, Guid promptId, ClaimsPrincipal user, PromptService service, CancellationToken ct) =>
        {
            await service.DeleteAsync(Caller.From(user), teamId, promptId, ct);
            return TypedResults.NoContent();
        }).WithName("DeletePrompt")
            .WithSummary("Deletes a saved prompt.");

        var spend = team.MapGroup("/spend").WithTags("Playground runs");
        spend.MapGet("/", (Guid teamId, ClaimsPrincipal user, RunService service, CancellationToken ct) =>
            service.GetSpendAsync(Caller.From(user), teamId, ct))
            .WithName("GetSpend")
            .WithSummary("What the team's runs have cost this calendar month (UTC), and its cap.");
        spend.MapPut("/", async Task<NoContent> (Guid teamId, SpendCapRequest request, ClaimsPrincipal user, RunService service, CancellationToken ct) =>
        {
            await service.SetSpendCapAsync(Caller.From(user), teamId, request.MonthlySpendCapUsd, ct);
            return TypedResults.NoContent();
        }).WithName("SetSpendCap")
            .WithSummary("Sets the monthly spend cap (Owners and Admins); null removes it.");
        return api;
    }
}
