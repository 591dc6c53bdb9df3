namespace ModelHub.IntegrationTests;

/// <summary>A test class with its own app on its own SQLite file, disposed after the class's tests.</summary>
public abstract class IntegrationTest : IAsyncLifetime
{
    protected readonly ModelHubFactory app = new();

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public virtual async ValueTask DisposeAsync() => await app.DisposeAsync();
}
