namespace ModelHub.Web.Features.Teams;

public static class TeamsSetup
{
    public static IHostApplicationBuilder AddTeams(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<TeamService>();
        builder.Services.AddScoped<ActiveTeamState>();
        return builder;
    }
}
