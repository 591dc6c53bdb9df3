using Npgsql;

namespace ModelHub.Web.Features.Instances;

/// <summary>
/// The bus over PostgreSQL's LISTEN/NOTIFY on the app's own database: one listening connection per
/// instance, reopened after a drop; publishing borrows a pooled connection. NOTIFY payloads are
/// limited to 8000 bytes, which <see cref="MaxMessageBytes"/> keeps well inside.
/// </summary>
public sealed partial class PostgreSqlBus(string connectionString, ILogger<PostgreSqlBus> logger) : BackgroundService, IInstanceBus
{
    public const string Channel = "modelhub_instances";

    private readonly NpgsqlDataSource dataSource = NpgsqlDataSource.Create(connectionString);
    private readonly BusHandlers handlers = new();
    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool ReachesOtherInstances => true;

    public int MaxMessageBytes => 7000;

    /// <summary>Completes once this instance listens, so a test or a caller can wait for the first subscription.</summary>
    public Task Listening => listening.Task;

    public async Task PublishAsync(string message, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT pg_notify(@channel, @payload)");
        command.Parameters.AddWithValue("channel", Channel);
        command.Parameters.AddWithValue("payload", message);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public void Subscribe(Action<string> handler) => handlers.Add(handler);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => Deliver(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                listening.TrySetResult();
                delay = TimeSpan.FromMilliseconds(200);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or System.IO.IOException or TimeoutException)
            {
                LogListenFailed(ex, delay.TotalMilliseconds);
                await Task.Delay(delay, stoppingToken);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 10_000));
            }
        }
    }

    private void Deliver(string payload) => handlers.Deliver(payload, LogHandlerFailed);

    public override void Dispose()
    {
        base.Dispose();
        dataSource.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for other instances failed; trying again in {DelayMs:0} ms")]
    private partial void LogListenFailed(Exception exception, double delayMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "A handler of a message from another instance failed")]
    private partial void LogHandlerFailed(Exception exception);
}
