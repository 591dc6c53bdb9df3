namespace ModelHub.Web.Features.Playground;

/// <summary>Sizes and counts the playground holds to; the database columns use the same numbers.</summary>
public static class PlaygroundRules
{
    public const int MaxTargets = 4;
    public const int MaxConnectionNameLength = 100;
    public const int MaxUrlLength = 500;
    public const int MaxModelIdLength = 200;
    public const int MaxTitleLength = 200;
    public const int MaxPromptNameLength = 100;
    public const int MaxApiKeyLength = 4000;
    public const int MaxStopSequences = 4;
    public const int MaxMessages = 50;
    public const int MaxStopSequenceLength = 100;

    /// <summary>Characters in a system prompt, saved or run; the run's total is also held to <see cref="PlaygroundOptions.MaxPromptCharacters"/>.</summary>
    public const int MaxSystemPromptLength = 100_000;

    /// <summary>Characters in one message of a run, or in a saved prompt's user prompt.</summary>
    public const int MaxMessageLength = 100_000;

    public const int MaxAttachmentFileNameLength = 255;
    public const int MaxExtraHeaders = 20;
    public const int MaxHeaderValueLength = 4_000;

    /// <summary>
    /// The largest start-run request body: every image at its largest in base64, the whole prompt as
    /// six-byte JSON escapes, and 1 MB for the rest.
    /// </summary>
    public static long MaxRunRequestBytes(PlaygroundOptions limits) =>
        (long)limits.MaxAttachments * ((limits.MaxAttachmentBytes + 2L) / 3 * 4) + limits.MaxPromptCharacters * 6L + 1024 * 1024;
}

/// <summary>Settings under <c>Playground</c>: limits on runs.</summary>
public sealed class PlaygroundOptions
{
    public const string Section = "Playground";

    /// <summary>Runs one user may start per minute, across pages and the API.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 10_000)]
    public int RunsPerMinutePerUser { get; set; } = 20;

    /// <summary>Characters in the system prompt and conversation together.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 10_000_000)]
    public int MaxPromptCharacters { get; set; } = 200_000;

    /// <summary>Bytes in one image attachment.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 50_000_000)]
    public int MaxAttachmentBytes { get; set; } = 5 * 1024 * 1024;

    [System.ComponentModel.DataAnnotations.Range(0, 16)]
    public int MaxAttachments { get; set; } = 4;

    /// <summary>How long a target may wait for its first token before it is stopped.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 3600)]
    public int FirstTokenTimeoutSeconds { get; set; } = 60;

    /// <summary>How long a target may go without a chunk once it has started answering: a stalled stream ends with what it sent.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 3600)]
    public int StallTimeoutSeconds { get; set; } = 60;

    /// <summary>How long a target may run in all.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 7200)]
    public int TotalTimeoutSeconds { get; set; } = 300;
}
