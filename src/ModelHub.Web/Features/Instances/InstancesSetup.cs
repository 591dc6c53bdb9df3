using Microsoft.Extensions.Options;
using ModelHub.Web.Data;
using StackExchange.Redis;

namespace ModelHub.Web.Features.Instances;

/// <summary>
/// What several instances on one database share beyond the database itself: each instance's name,
/// leases for one-at-a-time work, and a message bus (Redis pub/sub when configured, PostgreSQL's
/// LISTEN/NOTIFY on PostgreSQL, otherwise this process alone).
/// </summary>
public static class InstancesSetup
{
    public const string RedisConnectionName = "Redis";

    public static IHostApplicationBuilder AddInstances(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<InstanceOptions>().BindConfiguration(InstanceOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton(services => new InstanceIdentity(InstanceIdentity.Resolve(services.GetRequiredService<IOptions<InstanceOptions>>().Value.Name)));
        builder.Services.AddSingleton<LeaseStore>();

        var redis = builder.Configuration.GetConnectionString(RedisConnectionName);
        var provider = builder.Configuration[$"{DatabaseOptions.Section}:Provider"];
        if (!string.IsNullOrWhiteSpace(redis))
        {
            // One connection for the bus, the request limits and the health check. Not aborting on a
            // failed first connect lets the app start while Redis is down; the health check then reports
            // it. Failing fast while disconnected, instead of queueing commands for seconds, keeps sign-in
            // and the API answering at once (their limits fall back to this instance's own count).
            builder.Services.AddSingleton<IConnectionMultiplexer>(_ =>
            {
                var options = ConfigurationOptions.Parse(redis);
                options.AbortOnConnectFail = false;
                options.BacklogPolicy = BacklogPolicy.FailFast;
                return ConnectionMultiplexer.Connect(options);
            });
            AddBus(builder.Services, services => new RedisBus(services.GetRequiredService<IConnectionMultiplexer>(), services.GetRequiredService<ILogger<RedisBus>>()));
        }
        else if (string.Equals(provider, DatabaseProviders.PostgreSql, StringComparison.OrdinalIgnoreCase))
        {
            var connectionString = builder.Configuration.GetConnectionString(DatabaseProviders.PostgreSql) ?? "";
            AddBus(builder.Services, services => new PostgreSqlBus(connectionString, services.GetRequiredService<ILogger<PostgreSqlBus>>()));
        }
        else
        {
            builder.Services.AddSingleton<IInstanceBus, InProcessBus>();
        }

        return builder;
    }

    private static void AddBus<TBus>(IServiceCollection services, Func<IServiceProvider, TBus> create)
        where TBus : class, IInstanceBus, IHostedService
    {
        services.AddSingleton(create);
        services.AddSingleton<IInstanceBus>(services => services.GetRequiredService<TBus>());
        services.AddHostedService(services => services.GetRequiredService<TBus>());
    }

    /// <summary>
    /// Names the instance in every log line written while the app runs: a logging scope opened
    /// around the host flows into every request, circuit and background task it starts.
    /// </summary>
    public static IDisposable? BeginInstanceLogScope(this WebApplication app) =>
        app.Logger.BeginScope(new Dictionary<string, object> { ["Instance"] = app.Services.GetRequiredService<InstanceIdentity>().Name });
}
