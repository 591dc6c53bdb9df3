namespace ModelHub.Web.Features.Playground.Runs;

public sealed record RunTargetView(
    Guid Id,
    int Position,
    string DisplayName,
    string ConnectionName,
    Guid? ConnectionId,
    string ProviderModelId,
    int? RouteId,
    string? ModelSlug,
    RunStatus Status,
    string Output,
    string Reasoning,
    string? FinishReason,
    string? ErrorKind,
    string? ErrorMessage,
    string? ErrorDetail,
    int? ProviderStatusCode,
    double? TimeToFirstTokenMs,
    double? TotalMs,
    int? InputTokens,
    int? OutputTokens,
    bool UsageEstimated,
    decimal? InputPricePerMillion,
    decimal? OutputPricePerMillion,
    decimal? CostUsd)
{
    /// <summary>Output tokens over the time spent generating them, after the first token arrived.</summary>
    public double? OutputTokensPerSecond => RunMetrics.TokensPerSecond(OutputTokens, TimeToFirstTokenMs, TotalMs);

    public static RunTargetView From(RunTarget t) => new(
        t.Id, t.Position, t.DisplayName, t.ConnectionName, t.ConnectionId, t.ProviderModelId, t.RouteId, t.ModelSlug, t.Status,
        t.Output, t.Reasoning, t.FinishReason, t.ErrorKind, t.ErrorMessage, t.ErrorDetail, t.ProviderStatusCode,
        t.TimeToFirstTokenMs, t.TotalMs, t.InputTokens, t.OutputTokens, t.UsageEstimated,
        t.InputPricePerMillion, t.OutputPricePerMillion, t.CostUsd);
}

public sealed record RunView(
    Guid Id,
    Guid TeamId,
    string AuthorEmail,
    string Title,
    string? SystemPrompt,
    IReadOnlyList<ChatMessage> Messages,
    RunParameters Parameters,
    RunStatus Status,
    DateTime CreatedAtUtc,
    DateTime? FinishedAtUtc,
    IReadOnlyList<RunTargetView> Targets)
{
    public decimal? TotalCostUsd => Targets.Any(t => t.CostUsd is not null) ? Targets.Sum(t => t.CostUsd ?? 0) : null;

    /// <summary>The request again, as the editor and re-run take it.</summary>
    public RunRequest ToRequest() => new(
        [.. Targets.OrderBy(t => t.Position).Select(t => new RunTargetRequest(t.ConnectionId ?? Guid.Empty, t.RouteId, t.RouteId is null ? t.ProviderModelId : null))],
        Messages, SystemPrompt, Parameters);
}

public sealed record RunSummary(
    Guid Id,
    string Title,
    RunStatus Status,
    DateTime CreatedAtUtc,
    string AuthorEmail,
    IReadOnlyList<string> Targets,
    decimal? TotalCostUsd);

public sealed record RunPage(IReadOnlyList<RunSummary> Items, int Total);

/// <summary>Filters, order and page of the run history; everything is applied in the database. Newest first unless told.</summary>
public sealed record RunQuery(
    RunStatus? Status = null, string? Search = null, bool MineOnly = false, int Skip = 0, int Take = 25,
    RunSort SortBy = RunSort.Started, bool Descending = true);

/// <summary>The history columns a list can be ordered by.</summary>
public enum RunSort
{
    Started,
    Title,
    Status,
}

public static class RunMetrics
{
    public static double? TokensPerSecond(int? outputTokens, double? firstTokenMs, double? totalMs)
    {
        if (outputTokens is not { } tokens || totalMs is not { } total || tokens == 0)
        {
            return null;
        }

        var generating = total - (firstTokenMs ?? 0);
        return generating > 0 ? tokens / (generating / 1000.0) : tokens / (total / 1000.0);
    }

    public static decimal? Cost(int? inputTokens, int? outputTokens, decimal? inputPricePerMillion, decimal? outputPricePerMillion)
    {
        if (inputPricePerMillion is null && outputPricePerMillion is null)
        {
            return null;
        }

        var cost = ((inputTokens ?? 0) * (inputPricePerMillion ?? 0) + (outputTokens ?? 0) * (outputPricePerMillion ?? 0)) / 1_000_000m;
        return decimal.Round(cost, 6, MidpointRounding.AwayFromZero);
    }

    /// <summary>A run's status from its targets': still running while any is; otherwise the worst outcome.</summary>
    public static RunStatus Aggregate(IEnumerable<RunStatus> targets)
    {
        var statuses = targets.ToList();
        if (statuses.Contains(RunStatus.Running))
        {
            return RunStatus.Running;
        }

        if (statuses.Contains(RunStatus.Interrupted))
        {
            return RunStatus.Interrupted;
        }

        if (statuses.Contains(RunStatus.Failed))
        {
            return RunStatus.Failed;
        }

        return statuses.Contains(RunStatus.Cancelled) ? RunStatus.Cancelled : RunStatus.Succeeded;
    }
}
