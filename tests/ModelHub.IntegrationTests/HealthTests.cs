using System.Net;

namespace ModelHub.IntegrationTests;

/// <summary>The health endpoints: what they report, and that they say nothing about how dependencies are reached.</summary>
public sealed class HealthTests : IntegrationTest
{
    [Theory]
    [InlineData("/health")]
    [InlineData("/health/ready")]
    public async Task HealthAndReadinessReportTheDatabaseHealthyAsJson(string path)
    {
        var response = await app.CreateApiClient().GetAsync(path);

        var body = await response.ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{\"status\":\"Healthy\",\"checks\":{\"database\":\"Healthy\"}}", body);
    }

    [Fact]
    public async Task LivenessAnswersWithoutCheckingDependencies()
    {
        var body = await (await app.CreateApiClient().GetAsync("/health/live")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("{\"status\":\"Healthy\",\"checks\":{}}", body);
    }

    [Fact]
    public async Task AnUnreachableDatabaseAnswers503AndNamesNoFile()
    {
        var client = app.CreateApiClient();
        await (await client.GetAsync("/health")).ExpectAsync(HttpStatusCode.OK);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(app.DatabasePath + suffix);
        }

        // A directory where the database file was: SQLite cannot open it.
        Directory.CreateDirectory(app.DatabasePath);
        try
        {
            var response = await client.GetAsync("/health");

            var body = await response.ExpectAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Contains("\"database\":\"Unhealthy\"", body);
            Assert.DoesNotContain(Path.GetFileName(app.DatabasePath), body);
            await (await client.GetAsync("/health/live")).ExpectAsync(HttpStatusCode.OK);
        }
        finally
        {
            Directory.Delete(app.DatabasePath);
        }
    }

    [Fact]
    public async Task RedisConfiguredButUnreachableIsUnhealthyWithoutItsAddressOrPassword()
    {
        var port = RedisTestServer.FreeLoopbackPort();
        app.Settings["ConnectionStrings:Redis"] = $"127.0.0.1:{port},password=redis-secret-31415,connectTimeout=1000";

        var response = await app.CreateApiClient().GetAsync("/health/ready");

        var body = await response.ExpectAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Contains("\"redis\":\"Unhealthy\"", body);
        Assert.Contains("\"database\":\"Healthy\"", body);
        Assert.DoesNotContain(port.ToString(), body);
        Assert.DoesNotContain("redis-secret", body);
    }

    [Fact]
    public async Task RedisConfiguredAndRunningIsHealthy()
    {
        await using var redis = await RedisTestServer.StartAsync();
        app.Settings["ConnectionStrings:Redis"] = redis.ConnectionString;

        var body = await (await app.CreateApiClient().GetAsync("/health")).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("{\"status\":\"Healthy\",\"checks\":{\"database\":\"Healthy\",\"redis\":\"Healthy\"}}", body);
    }
}
