namespace ModelHub.Web.Features.Operations;

/// <summary>
/// One caller's requests in the current fixed window, shared by every instance on the database
/// (<see cref="DatabaseWindowLimiter"/>). The key is a hash of the caller's partition, so client
/// addresses and tokens are not stored.
/// </summary>
public sealed class RequestCounter
{
    public const int KeyLength = 64;

    public required string Key { get; set; }

    /// <summary>When the caller's current window ends; rows past it are deleted as new callers come.</summary>
    public DateTime ExpiresAtUtc { get; set; }

    public int Count { get; set; }
}
