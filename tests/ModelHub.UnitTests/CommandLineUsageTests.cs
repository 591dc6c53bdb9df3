using ModelHub.Web.Features.CommandLine;

namespace ModelHub.UnitTests;

public sealed class CommandLineUsageTests
{
    [Fact]
    public async Task UnknownVerbExitsWithUsageErrorAndNamesTheVerb()
    {
        var errors = new StringWriter();

        var exit = await AdminCommandLine.RunAsync(["frobnicate"], new StringWriter(), errors);

        Assert.Equal(2, exit);
        Assert.Contains("Unknown command 'frobnicate'", errors.ToString());
        Assert.Contains("users create", errors.ToString());
    }

    [Fact]
    public async Task GroupWithoutSubCommandExitsWithUsageError()
    {
        var errors = new StringWriter();

        var exit = await AdminCommandLine.RunAsync(["users"], new StringWriter(), errors);

        Assert.Equal(2, exit);
        Assert.Contains("'users' needs a sub-command", errors.ToString());
    }

    [Fact]
    public async Task OptionWithoutValueExitsWithUsageError()
    {
        var errors = new StringWriter();

        var exit = await AdminCommandLine.RunAsync(["users", "create", "--email"], new StringWriter(), errors);

        Assert.Equal(2, exit);
        Assert.Contains("--email needs a value", errors.ToString());
    }

    [Fact]
    public async Task HelpPrintsTheCommandsAndSucceeds()
    {
        var output = new StringWriter();

        var exit = await AdminCommandLine.RunAsync(["help"], output, new StringWriter());

        Assert.Equal(0, exit);
        Assert.Contains("tokens create --email E --name N", output.ToString());
    }

    [Theory]
    [InlineData(new[] { "users", "create" }, true)]
    [InlineData(new[] { "--urls", "http://127.0.0.1:5000" }, false)]
    [InlineData(new string[0], false)]
    public void OnlyAWordAsFirstArgumentSelectsACommand(string[] args, bool isCommand) =>
        Assert.Equal(isCommand, AdminCommandLine.IsCommand(args));
}
