using ModelHub.Web.Features.Common.Outbound;
using ModelHub.Web.Features.Playground.Connections;
using ModelHub.Web.Features.Playground.Prompts;
using ModelHub.Web.Features.Playground.Providers;
using ModelHub.Web.Features.Playground.Runs;

namespace ModelHub.Web.Features.Playground;

public static class PlaygroundSetup
{
    public static IHostApplicationBuilder AddPlayground(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<PlaygroundOptions>().BindConfiguration(PlaygroundOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        // Streams can run for minutes; the executor applies its own first-token and total timeouts.
        builder.Services.AddHttpClient(ProviderHttp.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(services => services.GetRequiredService<OutboundUrlGuard>().CreateHandler())
            .AddProviderResilience();
        builder.Services.AddSingleton<ProviderHttp>();
        builder.Services.AddSingleton<IChatProvider, OpenAiCompatibleProvider>();
        builder.Services.AddSingleton<IChatProvider, AnthropicProvider>();
        builder.Services.AddSingleton<IChatProvider, ReplicateProvider>();

        builder.Services.AddSingleton<LiveRuns>();
        builder.Services.AddSingleton<RunFanOut>();
        builder.Services.AddSingleton<RunExecutor>();
        builder.Services.AddSingleton<RunRateLimiter>();
        builder.Services.AddSingleton<ConnectionService>();
        builder.Services.AddSingleton<RunService>();
        builder.Services.AddSingleton<RunHistoryService>();
        builder.Services.AddSingleton<PromptService>();
        // One instance of each, reachable both as a service and as a hosted service.
        builder.Services.AddSingleton<InterruptedRuns>();
        builder.Services.AddHostedService(services => services.GetRequiredService<InterruptedRuns>());
        builder.Services.AddHostedService<RunLeaseKeeper>();
        return builder;
    }
}
