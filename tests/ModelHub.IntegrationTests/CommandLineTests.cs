using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ModelHub.Web.Features.Accounts;

namespace ModelHub.IntegrationTests;

/// <summary>The administration commands, run as operators run them: the app's own entry point in its own process.</summary>
[Trait("Database", "true")]
public sealed class CommandLineTests : IAsyncLifetime
{
    // Empty, as on a new installation: the commands migrate it themselves.
    private readonly TestDatabase database = TestDatabase.CreateEmpty();

    public async ValueTask InitializeAsync() => await database.EnsureCreatedAsync();

    public async ValueTask DisposeAsync() => await database.DisposeAsync();

    private sealed record Result(int ExitCode, string Output, string Errors)
    {
        public string LastLine => Output.TrimEnd().Split('\n')[^1].Trim();
    }

    private async Task<Result> RunAsync(IDictionary<string, string>? environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ModelHub.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in database.Settings)
        {
            start.Environment[key.Replace(":", "__")] = value;
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await output, await errors);
    }

    private Task<Result> RunAsync(params string[] args) => RunAsync(null, args);

    /// <summary>The web app over the database the commands wrote, to see their effect as users would.</summary>
    private ModelHubFactory AppOnTheCommandLinesDatabase() => new(database);

    [Fact]
    public async Task CreatedUserTokenAndTeamWorkInTheApp()
    {
        var user = await RunAsync("users", "create", "--email", "ops@example.com", "--password", "Sup3r-secret!", "--admin");
        var token = await RunAsync("tokens", "create", "--email", "ops@example.com", "--name", "deploy");
        var team = await RunAsync("teams", "create", "--name", "Platform", "--owner", "ops@example.com");

        Assert.True(user.ExitCode == 0, user.Errors);
        Assert.True(token.ExitCode == 0, token.Errors);
        Assert.True(team.ExitCode == 0, team.Errors);
        Assert.StartsWith("mh_pat_", token.LastLine);

        await using var app = AppOnTheCommandLinesDatabase();
        var me = await (await app.CreateApiClient(token.LastLine).GetAsync("/api/v1/me")).ReadAsync<MeResponse>();
        Assert.Equal("ops@example.com", me.Email);
        Assert.True(me.IsInstanceAdmin);
        Assert.Equal("Platform", Assert.Single(me.Teams).Name);
    }

    [Fact]
    public async Task TakenEmailFailsWithAMessageAndCreatesNothingMore()
    {
        await RunAsync("users", "create", "--email", "dup@example.com", "--password", "Sup3r-secret!");

        var again = await RunAsync("users", "create", "--email", "dup@example.com", "--password", "Sup3r-secret!");

        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already taken", again.Errors);
    }

    [Fact]
    public async Task WeakPasswordFailsAndSaysWhatIsMissing()
    {
        var result = await RunAsync("users", "create", "--email", "weak@example.com", "--password", "short");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("at least 8 characters", result.Errors);
    }

    [Fact]
    public async Task ResetPasswordSetsTheNewPasswordAndUnlocks()
    {
        await RunAsync("users", "create", "--email", "reset@example.com", "--password", "Sup3r-secret!");

        var reset = await RunAsync("users", "reset-password", "--email", "reset@example.com", "--password", "N3w-secret!!");

        Assert.True(reset.ExitCode == 0, reset.Errors);
        await using var app = AppOnTheCommandLinesDatabase();
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = (await users.FindByEmailAsync("reset@example.com"))!;
        Assert.True(await users.CheckPasswordAsync(user, "N3w-secret!!"));
        Assert.False(await users.CheckPasswordAsync(user, "Sup3r-secret!"));
    }

    [Fact]
    public async Task UnknownAccountFailsWithAMessage()
    {
        var result = await RunAsync("tokens", "create", "--email", "nobody@example.com", "--name", "x");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No account has the email nobody@example.com", result.Errors);
    }

    [Fact]
    public async Task UnknownVerbExitsWithUsageAndNeverStartsTheServer()
    {
        var result = await RunAsync("serve-forever");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Unknown command 'serve-forever'", result.Errors);
        Assert.DoesNotContain("Now listening", result.Output);
    }

    [Fact]
    public async Task MalformedProviderSettingFailsWithTheKeyName()
    {
        var result = await RunAsync(new Dictionary<string, string> { ["Database__Provider"] = "Postgres" }, "migrate");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Database:Provider", result.Errors);
    }

    [Fact]
    public async Task MigrateCreatesTheDatabase()
    {
        var result = await RunAsync("migrate");

        Assert.True(result.ExitCode == 0, result.Errors);
        if (database is SqliteTestDatabase sqlite)
        {
            Assert.True(File.Exists(sqlite.Path));
        }

        await using var connection = await database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"__EFMigrationsHistory\"";
        Assert.True(Convert.ToInt64(await command.ExecuteScalarAsync()) > 0);
    }

    [Fact]
    public async Task WebServerWithMalformedSettingExitsWithTheKeyName()
    {
        var result = await RunAsync(new Dictionary<string, string> { ["Database__Provider"] = "SqlServer", ["ConnectionStrings__SqlServer"] = "" }, "--urls", "http://127.0.0.1:0");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("ConnectionStrings:SqlServer", result.Errors);
    }

    [Theory]
    [InlineData("")]
    [InlineData("modelhub.example.com")]
    [InlineData("ftp://modelhub.example.com")]
    [InlineData("https://modelhub.example.com/?next=x")]
    public async Task WebServerOutsideDevelopmentNeedsAWellFormedPublicAddress(string value)
    {
        var result = await RunAsync(new Dictionary<string, string> { ["App__PublicBaseUrl"] = value }, "--urls", "http://127.0.0.1:0");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("App:PublicBaseUrl", result.Errors);
    }

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    [Fact]
    public async Task ImportDryRunPreviewsAndARealImportWrites()
    {
        var preview = await RunAsync("import", Fixture("openrouter.json"), "--format", "openrouter", "--dry-run");
        var real = await RunAsync("import", Fixture("openrouter.json"), "--format", "openrouter");
        var again = await RunAsync("import", Fixture("openrouter.json"), "--format", "openrouter");

        Assert.True(preview.ExitCode == 0, preview.Errors);
        Assert.Contains("Dry run: would add 2, change 3,", preview.LastLine);
        Assert.Contains("Nothing was written.", preview.LastLine);
        Assert.True(real.ExitCode == 0, real.Errors);
        Assert.StartsWith("Added 2, changed 3,", real.LastLine);
        Assert.Contains("Added 0, changed 0, unchanged 4, conflicting 0. Nothing needed writing.", again.LastLine);
    }

    [Fact]
    public async Task CatalogCommandsMergeShowTheHistoryAndUndo()
    {
        var litellm = Path.Combine(AppContext.BaseDirectory, "Fixtures", "RealWorld", "litellm.json");
        var openrouter = Path.Combine(AppContext.BaseDirectory, "Fixtures", "RealWorld", "openrouter.json");
        var preview = await RunAsync("import", litellm, "--format", "litellm", "--dry-run");
        await RunAsync("import", litellm, "--format", "litellm");
        await RunAsync("import", openrouter, "--format", "openrouter");

        // Mistral sells Small 3.2 as "mistral-small-2506"; OpenRouter names it by version and size: the rules keep them apart.
        var duplicates = await RunAsync("catalog", "duplicates");
        var merge = await RunAsync("catalog", "merge", "--from", "mistral-small-3.2-24b-instruct", "--into", "mistral-small-2506");
        var history = await RunAsync("catalog", "history");
        var change = merge.Output[(merge.Output.IndexOf("change #", StringComparison.Ordinal) + 8)..].Split(';')[0];
        var undo = await RunAsync("catalog", "undo", "--change", change);
        var review = await RunAsync("catalog", "review");

        Assert.Contains("Where the routes go:", preview.Output);
        Assert.Contains("cloud region prefix", preview.Output);
        Assert.True(duplicates.ExitCode == 0, duplicates.Errors);
        Assert.True(merge.ExitCode == 0, merge.Errors);
        Assert.Contains("Merged", merge.Output);
        Assert.Contains("command line", history.Output);
        Assert.Contains("Merged", history.Output);
        Assert.True(undo.ExitCode == 0, undo.Errors);
        Assert.StartsWith("Undone:", undo.LastLine);
        Assert.Contains("route(s) wait", review.LastLine);
    }

    [Fact]
    public async Task CatalogUndoNeedsAChangeNumber()
    {
        var result = await RunAsync("catalog", "undo", "--change", "abc");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--change must be a positive whole number", result.Errors);
    }

    [Fact]
    public async Task ImportOfAMalformedFileFailsWithTheLineAndWritesNothing()
    {
        var broken = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(broken, "{\n  \"data\": [\n    { \"id\": oops }\n  ]\n}");
        try
        {
            var result = await RunAsync("import", broken, "--format", "openrouter");

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("not valid JSON at line 3", result.Errors);
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [Fact]
    public async Task ImportNeedsAKnownFormatAndAnExistingFile()
    {
        var badFormat = await RunAsync("import", Fixture("openrouter.json"), "--format", "csv");
        var missing = await RunAsync("import", "/nope/missing.json", "--format", "litellm");
        var noFile = await RunAsync("import", "--format", "litellm");

        Assert.Equal(2, badFormat.ExitCode);
        Assert.Contains("--format must be models-dev, litellm or openrouter", badFormat.Errors);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("No file at /nope/missing.json", missing.Errors);
        Assert.Equal(2, noFile.ExitCode);
        Assert.Contains("'import' needs a file", noFile.Errors);
    }

    [Fact]
    public async Task ImportPresetDownloadsThePublicCatalogFromItsConfiguredMirror()
    {
        await using var files = await FixtureFileServer.StartAsync();
        var mirror = new Dictionary<string, string>
        {
            ["Catalog__PublicSources__openrouter__Url"] = $"{files.BaseUrl}/openrouter.json",
            ["Outbound__AllowedHosts__0"] = "127.0.0.1",
        };

        var preview = await RunAsync(mirror, "import", "--preset", "openrouter", "--dry-run");
        var real = await RunAsync(mirror, "import", "--preset", "openrouter");

        Assert.True(preview.ExitCode == 0, preview.Errors);
        Assert.Contains($"Downloading {files.BaseUrl}/openrouter.json", preview.Output);
        Assert.Contains("Dry run: would add 2, change 3,", preview.LastLine);
        Assert.Contains("Nothing was written.", preview.LastLine);
        Assert.True(real.ExitCode == 0, real.Errors);
        Assert.StartsWith("Added 2, changed 3,", real.LastLine);
    }

    [Fact]
    public async Task ImportPresetMustBeKnownAndStandsAlone()
    {
        var unknown = await RunAsync("import", "--preset", "huggingface");
        var withFile = await RunAsync("import", Fixture("openrouter.json"), "--preset", "openrouter");

        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("--preset must be one of models-dev, litellm, openrouter, not 'huggingface'", unknown.Errors);
        Assert.Equal(2, withFile.ExitCode);
        Assert.Contains("give it no file and no --format", withFile.Errors);
    }
}
