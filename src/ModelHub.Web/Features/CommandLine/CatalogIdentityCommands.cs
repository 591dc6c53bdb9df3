using System.Globalization;
using ModelHub.Web.Features.Catalog.Identity;
using ModelHub.Web.Features.Common;
using static ModelHub.Web.Features.CommandLine.AdminCommandLine;

namespace ModelHub.Web.Features.CommandLine;

/// <summary>
/// <c>catalog …</c> commands: the identity tools of the admin page (duplicates, merge, split, review,
/// history, undo) for operators at a shell. They act as an administrator named "command line" in the log.
/// </summary>
internal static class CatalogIdentityCommands
{
    private static readonly Caller Operator = new("command line", IsInstanceAdmin: true);

    private static CatalogIdentityService Service(IServiceProvider services) => services.GetRequiredService<CatalogIdentityService>();

    public static async Task DuplicatesAsync(IServiceProvider services, CommandArguments args, TextWriter output)
    {
        var candidates = await Service(services).DuplicatesAsync(Operator);
        if (candidates.Count == 0)
        {
            await output.WriteLineAsync("No likely duplicates.");
            return;
        }

        foreach (var c in candidates)
        {
            await output.WriteLineAsync($"{c.First.Slug} ({c.First.Name}, {c.First.Routes} routes)  and  {c.Second.Slug} ({c.Second.Name}, {c.Second.Routes} routes)");
            foreach (var why in c.Evidence)
            {
                await output.WriteLineAsync($"    {why}");
            }
        }

        await output.WriteLineAsync($"{candidates.Count} pair(s). Merge one with: catalog merge --from SLUG --into SLUG");
    }

    public static async Task MergeAsync(IServiceProvider services, CommandArguments args, TextWriter output) =>
        await Print(output, await Service(services).MergeAsync(Operator, args.Required("from"), args.Required("into")));

    public static async Task SplitAsync(IServiceProvider services, CommandArguments args, TextWriter output) =>
        await Print(output, await Service(services).SplitAsync(Operator, args.Required("provider"), args.Required("id"), args.Optional("name")));

    public static async Task PlaceAsync(IServiceProvider services, CommandArguments args, TextWriter output) =>
        await Print(output, await Service(services).ResolveReviewAsync(Operator, Number(args, "item"), args.Optional("into")));

    public static async Task UndoAsync(IServiceProvider services, CommandArguments args, TextWriter output)
    {
        var change = await Service(services).UndoAsync(Operator, Number(args, "change"));
        await output.WriteLineAsync($"Undone: {change.Summary}");
    }

    public static async Task ReviewAsync(IServiceProvider services, CommandArguments args, TextWriter output)
    {
        var items = await Service(services).ReviewQueueAsync(Operator);
        foreach (var item in items)
        {
            var candidates = item.Candidates.Count > 0 ? $" Candidates: {string.Join(", ", item.Candidates)}." : "";
            await output.WriteLineAsync($"#{item.Id}  {item.ProviderSlug}: {item.ProviderModelId}  ({item.Reason}).{candidates}");
        }

        await output.WriteLineAsync(items.Count == 0 ? "The review queue is empty." : $"{items.Count} route(s) wait. Place one with: catalog place --item N [--into SLUG]");
    }

    public static async Task HistoryAsync(IServiceProvider services, CommandArguments args, TextWriter output)
    {
        foreach (var change in await Service(services).HistoryAsync(Operator))
        {
            var undone = change.UndoneAtUtc is { } at ? $"  [undone {at:yyyy-MM-dd HH:mm} by {change.UndoneByEmail}]" : "";
            await output.WriteLineAsync($"#{change.Id}  {change.AtUtc:yyyy-MM-dd HH:mm}  {change.ByEmail}  {change.Summary}{undone}");
        }
    }

    private static Task Print(TextWriter output, IdentityChangeView change) =>
        output.WriteLineAsync($"{change.Summary}. Logged as change #{change.Id}; undo with: catalog undo --change {change.Id}");

    private static int Number(CommandArguments args, string name) =>
        int.TryParse(args.Required(name), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new UsageException($"--{name} must be a positive whole number.");
}
