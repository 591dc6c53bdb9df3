using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ModelHub.Web.Data;
using ModelHub.Web.Features.AccessTokens;
using ModelHub.Web.Features.Catalog.Import;
using ModelHub.Web.Features.Catalog.Seed;
using ModelHub.Web.Features.Accounts;
using ModelHub.Web.Features.Administration;
using ModelHub.Web.Features.Common;
using ModelHub.Web.Features.Teams;

namespace ModelHub.Web.Features.CommandLine;

/// <summary>
/// Operator commands run through the app's own entry point (<c>dotnet run --project src/ModelHub.Web -- users create …</c>).
/// They use the same configuration and services as the web app but never start the server.
/// Exit codes: 0 done, 1 failed, 2 the command line itself is wrong.
/// </summary>
public static class AdminCommandLine
{
    private const string Usage = """
        Usage: dotnet run --project src/ModelHub.Web -- <command> [options]

        Commands:
          migrate                                               apply database migrations and the catalog seed
          users create --email E --password P [--admin] [--name N]
                                                                create an account (--admin: instance administrator)
          users reset-password --email E --password P           set a new password and unlock the account
          tokens create --email E --name N [--days D] [--scopes read,write,admin]
                                                                create a personal access token (printed last, shown once; default scopes read,write)
          teams create --name N --owner E                       create a team owned by an existing account
          import <file> --format models-dev|litellm|openrouter [--dry-run]
                                                                import catalog models, routes and prices (all or nothing)
          import --preset models-dev|litellm|openrouter [--dry-run]
                                                                the same, downloaded from that public catalog
          catalog duplicates                                    list likely duplicate models with the evidence
          catalog merge --from SLUG --into SLUG                 merge one model into another (routes, benchmarks, claims follow)
          catalog split --provider P --id MODEL_ID [--name N]   move one route off its model onto a new model
          catalog review                                        list routes an import was not sure about
          catalog place --item N [--into SLUG]                  place a review item on a model (or a new one without --into)
          catalog history                                       merges, splits and review decisions, newest first
          catalog undo --change N                               undo one of them
          help                                                  show this text
        """;

    /// <summary>A first argument that is a word, not an option such as --urls, selects a command.</summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && !args[0].StartsWith('-');

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? errors = null)
    {
        output ??= Console.Out;
        errors ??= Console.Error;

        CommandArguments parsed;
        try
        {
            parsed = CommandArguments.Parse(args);
        }
        catch (UsageException ex)
        {
            await errors.WriteLineAsync($"{ex.Message}\n\n{Usage}");
            return 2;
        }

        if (parsed.Verb is "help")
        {
            await output.WriteLineAsync(Usage);
            return 0;
        }

        Func<IServiceProvider, CommandArguments, TextWriter, Task>? command = parsed.Verb switch
        {
            "migrate" => MigrateAsync,
            "users create" => CreateUserAsync,
            "users reset-password" => ResetPasswordAsync,
            "tokens create" => CreateTokenAsync,
            "teams create" => CreateTeamAsync,
            "import" => ImportAsync,
            "catalog duplicates" => CatalogIdentityCommands.DuplicatesAsync,
            "catalog merge" => CatalogIdentityCommands.MergeAsync,
            "catalog split" => CatalogIdentityCommands.SplitAsync,
            "catalog review" => CatalogIdentityCommands.ReviewAsync,
            "catalog place" => CatalogIdentityCommands.PlaceAsync,
            "catalog history" => CatalogIdentityCommands.HistoryAsync,
            "catalog undo" => CatalogIdentityCommands.UndoAsync,
            _ => null,
        };
        if (command is null)
        {
            await errors.WriteLineAsync($"Unknown command '{parsed.Verb}'.\n\n{Usage}");
            return 2;
        }

        try
        {
            await using var app = BuildHost();
            if (parsed.Verb != "migrate")
            {
                await DatabaseInitializer.InitializeAtStartupAsync(app.Services);
            }

            await using var scope = app.Services.CreateAsyncScope();
            await command(scope.ServiceProvider, parsed, output);
            return 0;
        }
        catch (UsageException ex)
        {
            await errors.WriteLineAsync($"{ex.Message}\n\n{Usage}");
            return 2;
        }
        catch (Exception ex) when (ex is UserFacingException or StartupConfigurationException or CommandFailedException or OptionsValidationException or IOException)
        {
            await errors.WriteLineAsync($"Error: {ex.Message}");
            return 1;
        }
    }

    private static WebApplication BuildHost()
    {
        var builder = WebApplication.CreateBuilder();
        // Commands print their own results; only warnings and errors from the framework belong beside them.
        builder.Logging.AddFilter((_, level) => level >= LogLevel.Warning);
        builder.AddModelHub();
        return builder.Build();
    }

    private static async Task MigrateAsync(IServiceProvider services, CommandArguments args, TextWriter output)
    {
        await services.GetRequiredService<DatabaseInitializer>().MigrateAsync();
        await services.GetRequiredService<CatalogSeeder>().SeedAsync();
        await output.WriteLineAsync("Database is up to date and the catalog is seeded.");
    }

    private static async Task CreateUserAsync(IServiceProvider services, CommandArguments args, TextWriter output)
    {
        var email = args.Required("email");
        var password = args.Required("password");
        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        var admin = services.GetRequiredService<InstanceAdministration>();

        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = args.Optional("name") };
        Check(await users.CreateAsync(user, password), $"Could not create {email}");
        if (args.Flag("admin"))
        {
            await admin.SetInstanceAdminAsync(user);
        }
        else
        {
            await admin.PromoteIfFirstUserAsync(user);
        }

        await output.WriteLineAsync($"Created {email}{(user.IsInstanceAdmin ? " (instance administrator)" : "")}.");
    }

    private static async Task ResetPasswordAsync(IServiceProvider services, CommandArguments args, TextWriter output)
    {
        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await FindUserAsync(users, args.Required("email"));
        var token = await users.GeneratePasswordResetTokenAsync(user);
        Check(await users.ResetPasswordAsync(user, token, args.Required("password")), $"Could not reset the password of {user.Email}");
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await output.WriteLineAsync($"Password of {user.Email} reset; the account is unlocked.");
    }

    private static async Task CreateTokenAsync(IServiceProvider services, CommandArguments args, TextWriter output)
    {
        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await FindUserAsync(users, args.Required("email"));
        var days = args.Int("days", 90);
        var created = await services.GetRequiredService<AccessTokenService>()
            .CreateAsync(new Caller(user.Id, user.IsInstanceAdmin), args.Required("name"), days, TokenScopeNames.Parse(args.Optional("scopes")?.Split(',')));
        await output.WriteLineAsync($"Token '{created.View.Name}' for {user.Email} expires {created.View.ExpiresAtUtc:yyyy-MM-dd}. It is shown only now:");
        await output.WriteLineAsync(created.Token);
    }

    private static async Task CreateTeamAsync(IServiceProvider services, CommandArguments args, TextWriter output)
    {
        var users = services.GetRequiredService<UserManager<ApplicationUser>>();
        var owner = await FindUserAsync(users, args.Required("owner"));
        var team = await services.GetRequiredService<TeamService>()
            .CreateTeamAsync(new Caller(owner.Id, owner.IsInstanceAdmin), args.Required("name"));
        await output.WriteLineAsync($"Created team '{team.Name}' ({team.Id}) owned by {owner.Email}.");
    }

    private static async Task ImportAsync(IServiceProvider services, CommandArguments args, TextWriter output)
    {
        var dryRun = args.Flag("dry-run");
        ImportBatch batch;
        string sourceName;
        if (args.Optional("preset") is { } preset)
        {
            if (args.HasPositional || args.Optional("format") is not null)
            {
                throw new UsageException("'import --preset' downloads the catalog itself; give it no file and no --format.");
            }

            if (!PublicCatalogs.IsKnown(preset))
            {
                throw new UsageException($"--preset must be one of {PublicCatalogs.KnownIds}, not '{preset}'.");
            }

            var catalog = services.GetRequiredService<PublicCatalogs>().Find(preset);
            var guard = services.GetRequiredService<Common.Outbound.OutboundUrlGuard>();
            await output.WriteLineAsync($"Downloading {catalog.Url} …");
            batch = await services.GetRequiredService<CatalogImportService>().FetchAsync(guard.Check(catalog.Url.AbsoluteUri), catalog.Format, CancellationToken.None);
            sourceName = catalog.ImportName;
        }
        else
        {
            var path = args.Positional("file (or --preset)");
            var format = args.Required("format").ToLowerInvariant() switch
            {
                "models-dev" or "modelsdev" => CatalogImportFormat.ModelsDev,
                "litellm" => CatalogImportFormat.LiteLlm,
                "openrouter" => CatalogImportFormat.OpenRouter,
                var other => throw new UsageException($"--format must be models-dev, litellm or openrouter, not '{other}'."),
            };
            if (!File.Exists(path))
            {
                throw new CommandFailedException($"No file at {Path.GetFullPath(path)}.");
            }

            await using var file = File.OpenRead(path);
            batch = await ImportParsers.ParseAsync(file, format);
            sourceName = $"{ImportParsers.FormatName(format)} import from {Path.GetFileName(path)}";
        }

        var result = await services.GetRequiredService<CatalogImporter>().ImportAsync(batch, sourceName, dryRun);
        foreach (var change in result.Changes.Take(50))
        {
            await output.WriteLineAsync($"  {change.Kind,-11} {change.Subject}  {change.Detail}");
        }

        if (result.Changes.Count > 50)
        {
            await output.WriteLineAsync($"  … and {result.Changes.Count - 50} more changes.");
        }

        // A dry run explains where each route would go; exact routes are left out as they change nothing.
        var placed = result.Matches.Where(m => m.Kind != Catalog.Identity.MatchKind.Exact).ToList();
        if (dryRun && placed.Count > 0)
        {
            await output.WriteLineAsync("Where the routes go:");
            foreach (var match in placed.Take(200))
            {
                await output.WriteLineAsync($"  {match.Kind,-7} {match.Provider}: {match.ProviderModelId} -> {match.ModelSlug ?? "-"}  ({match.Reason})");
            }

            if (placed.Count > 200)
            {
                await output.WriteLineAsync($"  … and {placed.Count - 200} more.");
            }
        }

        await output.WriteLineAsync(result.Summary + (dryRun ? " Nothing was written." : result.Written ? "" : " Nothing needed writing."));
    }

    private static async Task<ApplicationUser> FindUserAsync(UserManager<ApplicationUser> users, string email) =>
        await users.FindByEmailAsync(email) ?? throw new CommandFailedException($"No account has the email {email}.");

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new CommandFailedException($"{what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    internal sealed class CommandFailedException(string message) : Exception(message);

    internal sealed class UsageException(string message) : Exception(message);

    /// <summary>The verb (one or two words) and its <c>--name value</c> options and <c>--flag</c> switches.</summary>
    internal sealed class CommandArguments
    {
        private static readonly HashSet<string> Groups = ["users", "tokens", "teams", "catalog"];
        private static readonly HashSet<string> Flags = ["admin", "dry-run"];

        /// <summary>Commands that take a value without an option name, such as import's file.</summary>
        private static readonly HashSet<string> TakesPositional = ["import"];

        private readonly List<string> _positionals = [];

        private readonly Dictionary<string, string> _options = new(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _flags = new(StringComparer.OrdinalIgnoreCase);

        public string Verb { get; private init; } = "";

        public static CommandArguments Parse(string[] args)
        {
            var position = 0;
            var verb = args[position++].ToLowerInvariant();
            if (Groups.Contains(verb))
            {
                if (position >= args.Length || args[position].StartsWith('-'))
                {
                    throw new UsageException($"'{verb}' needs a sub-command, such as '{verb} create'.");
                }

                verb += " " + args[position++].ToLowerInvariant();
            }

            var parsed = new CommandArguments { Verb = verb };
            while (position < args.Length)
            {
                var token = args[position++];
                if (!token.StartsWith("--", StringComparison.Ordinal) || token.Length == 2)
                {
                    if (TakesPositional.Contains(verb) && parsed._positionals.Count == 0 && token.Length > 0 && token != "--")
                    {
                        parsed._positionals.Add(token);
                        continue;
                    }

                    throw new UsageException($"Unexpected argument '{token}'. Options are written as --name value.");
                }

                var name = token[2..];
                if (Flags.Contains(name))
                {
                    parsed._flags.Add(name);
                }
                else if (position < args.Length && !args[position].StartsWith("--", StringComparison.Ordinal))
                {
                    parsed._options[name] = args[position++];
                }
                else
                {
                    throw new UsageException($"Option --{name} needs a value.");
                }
            }

            return parsed;
        }

        public string Required(string name) =>
            _options.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value)
                ? value
                : throw new UsageException($"'{Verb}' needs --{name}.");

        public string? Optional(string name) => _options.GetValueOrDefault(name);

        public bool HasPositional => _positionals.Count > 0;

        public string Positional(string name) =>
            _positionals.Count > 0 ? _positionals[0] : throw new UsageException($"'{Verb}' needs a {name}.");

        public bool Flag(string name) => _flags.Contains(name);

        public int Int(string name, int defaultValue) =>
            !_options.TryGetValue(name, out var value) ? defaultValue
            : int.TryParse(value, out var number) ? number
            : throw new UsageException($"--{name} must be a whole number, not '{value}'.");
    }
}
