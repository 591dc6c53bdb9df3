using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ModelHub.Web.Data;
using ModelHub.Web.Features.Catalog;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Instances;
using ModelHub.Web.Features.Playground.Connections;
using ModelHub.Web.Features.Playground.Providers;
using ModelHub.Web.Features.Teams;

namespace ModelHub.Web.Features.Playground.Runs;

/// <summary>A target the editor offers: a catalog route reachable through one of the team's connections, or a connection alone.</summary>
public sealed record TargetOption(
    Guid ConnectionId,
    string ConnectionName,
    ApiStyle ApiStyle,
    int? RouteId,
    string? ModelName,
    string? ProviderModelId,
    decimal? InputPricePerMillion,
    decimal? OutputPricePerMillion,
    bool IsFree,
    bool? AcceptsImages)
{
    public string Key => $"{ConnectionId:N}:{RouteId}";

    public string Label => RouteId is null
        ? $"{ConnectionName}: type a model ID"
        : $"{ModelName} · {ConnectionName} ({ProviderModelId})";
}

public sealed record SpendStatus(decimal SpentThisMonthUsd, decimal? CapUsd, DateTime MonthStartUtc)
{
    public bool CapReached => CapUsd is { } cap && SpentThisMonthUsd >= cap;
}

/// <summary>
/// Starts and cancels playground runs and keeps them within the team's limits: the targets a run may
/// use, sizes, rate and the monthly spend cap. Members and above run. Every check happens here, so the
/// page and the API enforce the same rules. Reading runs back is <see cref="RunHistoryService"/>'s job.
/// </summary>
public sealed class RunService(
    IDbContextFactory<ModelHubDbContext> databases,
    ConnectionService connections,
    RunExecutor executor,
    LiveRuns liveRuns,
    RunRateLimiter rateLimiter,
    RunFanOut fanOut,
    InstanceIdentity instance,
    IOptions<InstanceOptions> instanceOptions,
    IOptionsMonitor<PlaygroundOptions> options,
    TimeProvider clock)
{
    private static readonly HashSet<string> ImageTypes = ["image/png", "image/jpeg", "image/gif", "image/webp"];

    public async Task<IReadOnlyList<TargetOption>> ListTargetsAsync(Caller caller, Guid teamId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Viewer, cancellationToken);
        var teamConnections = await db.ProviderConnections.AsNoTracking().InTeam(membership)
            .OrderBy(c => c.Name)
            .Select(c => new { c.Id, c.Name, c.ApiStyle, c.CatalogProviderId })
            .ToListAsync(cancellationToken);
        var providerIds = teamConnections.Where(c => c.CatalogProviderId != null).Select(c => c.CatalogProviderId!.Value).Distinct().ToList();
        var routes = await db.Routes.AsNoTracking()
            .Where(r => providerIds.Contains(r.ProviderId) && !r.IsWeightsOnly && r.Status != CatalogStatus.Retired)
            .OrderBy(r => r.Model.Name).ThenBy(r => r.ProviderModelId)
            .Select(r => new
            {
                r.Id,
                r.ProviderId,
                ModelName = r.Model.Name,
                r.ProviderModelId,
                r.InputPricePerMillion,
                r.OutputPricePerMillion,
                r.IsFree,
                AcceptsImages = (r.Model.InputModalities & Modality.Image) != 0,
            })
            .ToListAsync(cancellationToken);

        var options = new List<TargetOption>();
        foreach (var connection in teamConnections)
        {
            options.AddRange(routes.Where(r => r.ProviderId == connection.CatalogProviderId).Select(r => new TargetOption(
                connection.Id, connection.Name, connection.ApiStyle, r.Id, r.ModelName, r.ProviderModelId,
                r.InputPricePerMillion, r.OutputPricePerMillion, r.IsFree, r.AcceptsImages)));
            options.Add(new TargetOption(connection.Id, connection.Name, connection.ApiStyle, null, null, null, null, null, false, null));
        }

        return options;
    }

    public async Task<RunView> StartAsync(Caller caller, Guid teamId, RunRequest request, CancellationToken cancellationToken = default)
    {
        var limits = options.CurrentValue;
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Member, cancellationToken);
        var (messages, parameters) = Validate(request, limits);

        var connectionIds = request.Targets.Select(t => t.ConnectionId).Distinct().ToList();
        var teamConnections = await db.ProviderConnections.InTeam(membership)
            .Where(c => connectionIds.Contains(c.Id))
            .Include(c => c.CatalogProvider)
            .ToDictionaryAsync(c => c.Id, cancellationToken);

        var hasImages = messages.Any(m => m.Images is { Count: > 0 });
        var run = new PlaygroundRun
        {
            TeamId = membership.TeamId,
            AuthorUserId = caller.UserId,
            Title = Title(messages),
            SystemPrompt = string.IsNullOrWhiteSpace(request.SystemPrompt) ? null : request.SystemPrompt,
            MessagesJson = RunJson.Serialize(messages),
            ParametersJson = RunJson.Serialize(parameters),
            Status = RunStatus.Running,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            OwnerInstance = instance.Name,
            LeaseExpiresAtUtc = clock.GetUtcNow().UtcDateTime + instanceOptions.Value.RunLease,
        };

        var prepared = new List<PreparedTarget>();
        foreach (var (target, position) in request.Targets.Select((t, i) => (t, i)))
        {
            var connection = teamConnections.GetValueOrDefault(target.ConnectionId)
                ?? throw new InvalidInputException($"Target {position + 1}: that connection does not exist in this team. It may have been deleted; choose another.");
            var row = await ResolveTargetAsync(db, connection, target, position, hasImages, cancellationToken);
            run.Targets.Add(row);
            prepared.Add(new PreparedTarget(row, new ProviderCall(connections.ToEndpoint(connection), row.ProviderModelId, run.SystemPrompt, messages, parameters)));
        }

        // The month's spend is summed only when there is a cap to compare it with.
        if (membership.Team.MonthlySpendCapUsd is not null
            && await SpendAsync(db, membership.TeamId, membership.Team.MonthlySpendCapUsd, cancellationToken) is { CapReached: true } spend)
        {
            throw new ConflictException(
                $"{membership.Team.Name} has reached its monthly spend cap of {PlaygroundFormat.Usd(spend.CapUsd)} " +
                $"({PlaygroundFormat.Usd(spend.SpentThisMonthUsd)} spent since {spend.MonthStartUtc:d MMMM}). An Owner or Admin can raise it on the Connections page.");
        }

        LiveRun live;
        await using (await rateLimiter.AcquireAsync(db, caller.UserId, cancellationToken))
        {
            db.PlaygroundRuns.Add(run);

            // The providers are called while the run is being saved, so the insert does not sit in front
            // of the first token; the executor writes nothing until the save is done, and stops if it fails.
            var saving = db.SaveChangesAsync(CancellationToken.None);
            live = executor.Start(run, prepared, saving);
            await saving;
        }

        var author = await db.Users.Where(u => u.Id == caller.UserId).Select(u => u.Email).SingleOrDefaultAsync(CancellationToken.None);
        return RunHistoryService.ToView(run, author ?? "", live.Snapshot(), RunStatus.Running);
    }

    /// <summary>Stops one target, or all of a run's when <paramref name="targetId"/> is null.</summary>
    public async Task CancelAsync(Caller caller, Guid teamId, Guid runId, Guid? targetId = null, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Member, cancellationToken);
        if (!await db.PlaygroundRuns.InTeam(membership).AnyAsync(r => r.Id == runId, cancellationToken))
        {
            throw new NotFoundException("That run does not exist in this team.");
        }

        var live = liveRuns.Find(membership.TeamId, runId) ?? await fanOut.FollowAsync(membership.TeamId, runId, cancellationToken);
        if (live is null || live.IsFinished)
        {
            throw new ConflictException("This run has already finished.");
        }

        var targets = live.Targets.Where(t => targetId is null || t.Id == targetId).ToList();
        if (targets.Count == 0)
        {
            throw new NotFoundException("That target is not part of this run.");
        }

        if (live.IsMirror)
        {
            // Another instance streams it; only that instance can stop the provider call.
            await fanOut.RequestCancelAsync(runId, targetId, cancellationToken);
            return;
        }

        foreach (var target in targets.Where(t => t.Status == RunStatus.Running))
        {
            target.Cancel();
        }
    }

    public async Task<SpendStatus> GetSpendAsync(Caller caller, Guid teamId, CancellationToken cancellationToken = default)
    {
        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Viewer, cancellationToken);
        return await SpendAsync(db, membership.TeamId, membership.Team.MonthlySpendCapUsd, cancellationToken);
    }

    public async Task SetSpendCapAsync(Caller caller, Guid teamId, decimal? capUsd, CancellationToken cancellationToken = default)
    {
        if (capUsd is < 0 or > 1_000_000_000m)
        {
            throw new InvalidInputException("The monthly spend cap must be between $0 and $1,000,000,000, or empty for no cap.");
        }

        await using var db = await databases.CreateDbContextAsync(cancellationToken);
        var membership = await db.RequireAsync(caller, teamId, TeamRole.Admin, cancellationToken);
        await db.Teams.Where(t => t.Id == membership.TeamId)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.MonthlySpendCapUsd, capUsd), cancellationToken);
    }

    private async Task<SpendStatus> SpendAsync(ModelHubDbContext db, Guid teamId, decimal? cap, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var monthStart = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        var spent = await db.RunTargets
            .Where(t => t.Run.TeamId == teamId && t.Run.CreatedAtUtc >= monthStart && t.CostUsd != null)
            .SumAsync(t => t.CostUsd, cancellationToken) ?? 0m;
        return new SpendStatus(spent, cap, monthStart);
    }

    private static async Task<RunTarget> ResolveTargetAsync(
        ModelHubDbContext db, ProviderConnection connection, RunTargetRequest target, int position, bool hasImages, CancellationToken cancellationToken)
    {
        var modelId = target.ModelId?.Trim();
        var query = db.Routes.AsNoTracking().Include(r => r.Model).Include(r => r.Provider);
        CatalogRoute? route;
        if (target.RouteId is { } routeId)
        {
            route = await query.SingleOrDefaultAsync(r => r.Id == routeId, cancellationToken)
                ?? throw new InvalidInputException($"Target {position + 1}: that catalog route does not exist.");
            if (route.ProviderId != connection.CatalogProviderId)
            {
                throw new InvalidInputException(
                    $"Target {position + 1}: {route.Model.Name} on {route.Provider.Name} cannot be reached through {connection.Name}, " +
                    $"which is linked to {connection.CatalogProvider?.Name ?? "no catalog provider"}.");
            }
        }
        else if (!string.IsNullOrEmpty(modelId))
        {
            if (modelId.Length > PlaygroundRules.MaxModelIdLength)
            {
                throw new InvalidInputException($"Target {position + 1}: the model ID is longer than {PlaygroundRules.MaxModelIdLength} characters.");
            }

            route = connection.CatalogProviderId is { } providerId
                ? await query.FirstOrDefaultAsync(r => r.ProviderId == providerId && r.ProviderModelId == modelId, cancellationToken)
                : null;
        }
        else
        {
            throw new InvalidInputException($"Target {position + 1}: choose a catalog route or type the model ID to call through {connection.Name}.");
        }

        if (hasImages && route is not null && (route.Model.InputModalities & Modality.Image) == 0)
        {
            throw new InvalidInputException(
                $"Target {position + 1}: {route.Model.Name} does not accept images. Remove the attachments or choose a model that reads images.");
        }

        return new RunTarget
        {
            Position = position,
            ConnectionId = connection.Id,
            ConnectionName = connection.Name,
            ApiStyle = connection.ApiStyle,
            RouteId = route?.Id,
            ModelSlug = route?.Model.Slug,
            ProviderModelId = route?.ProviderModelId ?? modelId!,
            DisplayName = route is null ? $"{modelId} · {connection.Name}" : $"{route.Model.Name} · {connection.Name}",
            InputPricePerMillion = route is null ? null : route.IsFree ? 0 : route.InputPricePerMillion,
            OutputPricePerMillion = route is null ? null : route.IsFree ? 0 : route.OutputPricePerMillion,
            Status = RunStatus.Running,
        };
    }

    private static (IReadOnlyList<ChatMessage> Messages, RunParameters Parameters) Validate(RunRequest request, PlaygroundOptions limits)
    {
        if (request.Targets is not { Count: > 0 and <= PlaygroundRules.MaxTargets })
        {
            throw new InvalidInputException($"Choose 1 to {PlaygroundRules.MaxTargets} targets to run on.");
        }

        var messages = (request.Messages ?? []).Where(m => m is not null).ToList();
        if (messages.Count == 0 || messages[^1].Role != ChatRole.User || string.IsNullOrWhiteSpace(messages[^1].Text))
        {
            throw new InvalidInputException("Write a prompt: the conversation must end with a user message that has text.");
        }

        if (messages.Count > PlaygroundRules.MaxMessages)
        {
            throw new InvalidInputException($"A conversation may have at most {PlaygroundRules.MaxMessages} messages.");
        }

        TextLimit.Check(request.SystemPrompt, PlaygroundRules.MaxSystemPromptLength, "systemPrompt");
        for (var i = 0; i < messages.Count; i++)
        {
            TextLimit.Check(messages[i].Text, PlaygroundRules.MaxMessageLength, $"messages[{i}].text");
        }

        var characters = (request.SystemPrompt?.Length ?? 0) + messages.Sum(m => m.Text?.Length ?? 0);
        if (characters > limits.MaxPromptCharacters)
        {
            throw new InvalidInputException(
                $"The prompt is {characters:N0} characters; the most a run takes is {limits.MaxPromptCharacters:N0}. Shorten it or split it into several runs.");
        }

        var images = messages.SelectMany(m => m.Images ?? []).ToList();
        if (images.Count > limits.MaxAttachments)
        {
            throw new InvalidInputException($"Attach at most {limits.MaxAttachments} images to a run; this one has {images.Count}.");
        }

        foreach (var image in images)
        {
            TextLimit.Check(image.FileName, PlaygroundRules.MaxAttachmentFileNameLength, "images.fileName");
            var name = image.FileName ?? "An image";
            if (!ImageTypes.Contains(image.MediaType ?? ""))
            {
                throw new InvalidInputException($"{name} is {image.MediaType}; attach PNG, JPEG, GIF or WebP images.");
            }

            var data = image.Base64Data ?? "";
            var bytes = data.Length / 4 * 3 - (data.EndsWith("==", StringComparison.Ordinal) ? 2 : data.EndsWith('=') ? 1 : 0);
            if (bytes > limits.MaxAttachmentBytes)
            {
                throw new InvalidInputException(
                    $"{name} is {PlaygroundFormat.Bytes(bytes)}; images may be at most {PlaygroundFormat.Bytes(limits.MaxAttachmentBytes)}. Shrink it and attach it again.");
            }

            if (!Convert.TryFromBase64String(data, new byte[bytes + 3], out _))
            {
                throw new InvalidInputException($"{name} is not valid base64 data.");
            }
        }

        var p = request.Parameters ?? new RunParameters();
        // NaN and infinities compare false with everything, so they are refused before the range check.
        if (p.Temperature is { } temperature && (!double.IsFinite(temperature) || temperature is < 0 or > 2))
        {
            throw new InvalidInputException("Temperature (parameters.temperature) must be a number from 0 to 2.");
        }

        if (p.TopP is { } topP && (!double.IsFinite(topP) || topP is <= 0 or > 1))
        {
            throw new InvalidInputException("Top P (parameters.topP) must be a number above 0 and at most 1.");
        }

        if (p.MaxOutputTokens is < 1 or > 1_000_000)
        {
            throw new InvalidInputException("Maximum output tokens (parameters.maxOutputTokens) must be a whole number from 1 to 1,000,000.");
        }

        var stop = (p.Stop ?? []).Where(s => !string.IsNullOrEmpty(s)).ToList();
        if (stop.Count > PlaygroundRules.MaxStopSequences || stop.Any(s => s.Length > PlaygroundRules.MaxStopSequenceLength))
        {
            throw new InvalidInputException($"parameters.stop: give at most {PlaygroundRules.MaxStopSequences} stop sequences of up to {PlaygroundRules.MaxStopSequenceLength} characters.");
        }

        return (messages, p with { Stop = stop.Count == 0 ? null : stop });
    }

    private static string Title(IReadOnlyList<ChatMessage> messages)
    {
        var text = string.Join(' ', messages[^1].Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length > PlaygroundRules.MaxTitleLength ? text[..(PlaygroundRules.MaxTitleLength - 1)] + "…" : text;
    }
}
