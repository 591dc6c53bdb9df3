using ModelHub.Web.Features.Comparisons;

namespace ModelHub.Web.Features.Evaluations;

public static class EvaluationsSetup
{
    public static IHostApplicationBuilder AddEvaluations(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<NoteService>();
        builder.Services.AddScoped<RubricService>();
        builder.Services.AddScoped<ScoreService>();
        builder.Services.AddScoped<VoteService>();
        builder.Services.AddScoped<LeaderboardService>();
        builder.Services.AddScoped<EvaluationExport>();
        builder.Services.AddScoped<IComparisonEvidenceSource, EvaluationEvidenceSource>();
        return builder;
    }
}
