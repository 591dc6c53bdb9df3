namespace ModelHub.Web.Features.Common;

/// <summary>
/// A failure whose message is written for the user: it says what went wrong and what to do.
/// The API maps each kind to its status code; pages show the message as it is.
/// </summary>
public abstract class UserFacingException(string message) : Exception(message)
{
    public abstract int StatusCode { get; }

    /// <summary>When the caller may try again, if the failure is about timing; sent as Retry-After.</summary>
    public virtual TimeSpan? RetryAfter => null;
}

/// <summary>The thing does not exist, or the caller may not know that it does (another team's data).</summary>
public sealed class NotFoundException(string message) : UserFacingException(message)
{
    public override int StatusCode => StatusCodes.Status404NotFound;
}

/// <summary>The caller can see the thing but their role does not allow this action.</summary>
public sealed class ForbiddenException(string message) : UserFacingException(message)
{
    public override int StatusCode => StatusCodes.Status403Forbidden;
}

/// <summary>The request is well formed but clashes with the current state (last Owner, already a member, used invite).</summary>
public sealed class ConflictException(string message) : UserFacingException(message)
{
    public override int StatusCode => StatusCodes.Status409Conflict;
}

/// <summary>The input is invalid.</summary>
public sealed class InvalidInputException(string message) : UserFacingException(message)
{
    public override int StatusCode => StatusCodes.Status400BadRequest;
}

/// <summary>The caller has done this too often; <see cref="RetryAfter"/> says when to try again.</summary>
public sealed class TooManyRequestsException(string message, TimeSpan? retryAfter) : UserFacingException(message)
{
    public override int StatusCode => StatusCodes.Status429TooManyRequests;

    public override TimeSpan? RetryAfter { get; } = retryAfter;
}
