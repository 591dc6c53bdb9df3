namespace ModelHub.Web.Features.Teams;

public static class TeamRules
{
    public const int MaxNameLength = 80;
    public const int MaxInviteEmailLength = 256;
    public const int DefaultInviteDays = 7;
    public const int MaxInviteDays = 30;
    public const string InviteTokenPrefix = "inv_";

    public static string InvitePath(string token) => $"invites/{token}";
}
