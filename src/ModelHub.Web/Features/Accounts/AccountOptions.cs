namespace ModelHub.Web.Features.Accounts;

/// <summary>Settings under <c>Accounts</c>.</summary>
public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>When true, a new account must confirm its email before it can sign in.</summary>
    public bool RequireConfirmedEmail { get; set; }

    /// <summary>
    /// How often a signed-in cookie is checked against the account's security stamp, so a cookie kept
    /// after sign-out (or a password change) stops working within this time.
    /// </summary>
    public TimeSpan SessionCheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}
