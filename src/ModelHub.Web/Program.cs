using ModelHub.Web;
using ModelHub.Web.Data;
using ModelHub.Web.Features.CommandLine;
using ModelHub.Web.Features.Instances;

if (AdminCommandLine.IsCommand(args))
{
    return await AdminCommandLine.RunAsync(args);
}

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddModelHub();

    var app = builder.Build();
    await DatabaseInitializer.InitializeAtStartupAsync(app.Services);
    app.MapModelHub();
    using var instanceLogScope = app.BeginInstanceLogScope();
    await app.RunAsync();
    return 0;
}
catch (StartupConfigurationException ex)
{
    await Console.Error.WriteLineAsync($"ModelHub cannot start: {ex.Message}");
    return 1;
}

public partial class Program;
