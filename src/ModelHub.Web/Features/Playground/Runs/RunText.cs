namespace ModelHub.Web.Features.Playground.Runs;

/// <summary>How a run's request reads in a sentence.</summary>
public static class RunText
{
    public static string Parameters(RunParameters p)
    {
        string?[] parts =
        [
            p.Temperature is { } t ? $"temperature {t}" : null,
            p.TopP is { } top ? $"top P {top}" : null,
            p.MaxOutputTokens is { } max ? $"max {max} output tokens" : null,
            p.Seed is { } seed ? $"seed {seed}" : null,
            p.Stop is { Count: > 0 } stop ? $"stop at {string.Join(", ", stop.Select(s => $"\"{s}\""))}" : null,
            p.JsonResponse ? "JSON answer" : null,
        ];
        var given = parts.OfType<string>().ToList();
        return given.Count == 0 ? "Provider defaults for every parameter." : "Parameters: " + string.Join(" · ", given) + ".";
    }
}
