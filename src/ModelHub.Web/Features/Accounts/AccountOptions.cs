namespace ModelHub.Web.Features.Accounts;

/// <summary>Settings under <c>Accounts</c>.</summary>
public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>When true, a new account must confirm its email before it can sign in.</summary>
    public bool RequireConfirmedEmail { get; set; }
}
