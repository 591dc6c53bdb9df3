using Microsoft.Playwright;
using ModelHub.FakeProviders;

namespace ModelHub.BrowserTests;

/// <summary>What a person does, as steps the tests share.</summary>
internal static class Flows
{
    public const string Password = "Sup3r-secret!";

    /// <summary>True when the page, or any scrolling region of MudBlazor's layout, is wider than the screen.</summary>
    public const string SidewaysOverflowScript =
        "() => document.documentElement.scrollWidth > window.innerWidth + 1 || [...document.querySelectorAll('.mud-main-content')].some(b => b.scrollWidth > b.clientWidth + 1)";

    public static string UniqueEmail(string name) => $"{name}-{Guid.NewGuid():N}"[..(name.Length + 9)] + "@example.com";

    /// <summary>Waits until the page's circuit is live, so clicks reach the server instead of prerendered HTML.</summary>
    public static async Task WaitForInteractiveAsync(this IPage page)
    {
        try
        {
            await page.Locator("[data-interactive='true']").WaitForAsync();
        }
        catch (TimeoutException ex)
        {
            var shot = Path.Combine(AppContext.BaseDirectory, "screenshots", $"not-interactive-{DateTime.UtcNow:HHmmss}.png");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = shot, FullPage = true });
            var text = await page.Locator("body").InnerTextAsync();
            throw new TimeoutException($"{page.Url} did not become interactive (screenshot {shot}). Page text: {text[..Math.Min(600, text.Length)]}", ex);
        }
    }

    public static async Task RegisterAsync(this IPage page, string email, string? returnUrl = null)
    {
        if (returnUrl is null)
        {
            await page.GotoAsync("/Account/Register");
        }

        // The sign-in form has fields of the same names: wait until the register form has replaced it.
        await page.GetByRole(AriaRole.Heading, new() { Name = "Create an account", Level = 1 }).WaitForAsync();
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Confirm password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        // Every registration ends on "check your email" (the form must not reveal who has an account);
        // the new account then signs in and lands where the registration was headed.
        await page.GetByRole(AriaRole.Heading, new() { Name = "Check your email", Level = 1 }).WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }).Last.ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 }).WaitForAsync();
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForInteractiveAsync();
    }

    public static async Task SignInAsync(this IPage page, string email, string password = Password)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Level = 1 }).WaitForAsync();
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForInteractiveAsync();
    }

    public static async Task CreateTeamAsync(this IPage page, string name)
    {
        await page.GotoAsync("/teams");
        await page.WaitForInteractiveAsync();
        await page.GetByLabel("Team name").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create team" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 }).WaitForAsync();
    }

    public static async Task SignOutAsync(this IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "account menu" }).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "Sign out" }).ClickAsync();
        // The home page has a Sign in button too; the app bar's link is the one that shows the sign-out took.
        await page.GetByRole(AriaRole.Toolbar).GetByRole(AriaRole.Link, new() { Name = "Sign in" }).WaitForAsync();
    }

    /// <summary>A screenshot the README shows (the viewport, as a reader first sees the page): written to MODELHUB_DOCS_SCREENSHOTS (docs/screenshots) when set, else beside the others.</summary>
    public static async Task DocumentationScreenshotAsync(this IPage page, AppServer app, string name)
    {
        var folder = Environment.GetEnvironmentVariable("MODELHUB_DOCS_SCREENSHOTS") is { Length: > 0 } docs ? docs : app.ScreenshotDirectory;
        Directory.CreateDirectory(folder);
        // Confirmations of the steps before would cover the page.
        await page.EvaluateAsync("document.querySelectorAll('.mud-snackbar').forEach(s => s.remove())");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png") });
    }

    /// <summary>Adds a connection to the team on the connections page, with the fake provider's key.</summary>
    public static async Task AddConnectionAsync(this IPage page, string name, string baseUrl, string? style = null)
    {
        await page.GotoAsync("/playground/connections");
        await page.WaitForInteractiveAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        if (style is not null)
        {
            await page.Locator(".mud-select").Filter(new() { Has = page.GetByLabel("API style") }).First.ClickAsync();
            await page.GetByRole(AriaRole.Option, new() { Name = style }).ClickAsync();
        }

        await page.GetByLabel("Base URL").FillAsync(baseUrl);
        await page.GetByLabel("API key", new() { Exact = true }).FillAsync(FakeProviderServer.ApiKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add connection" }).ClickAsync();
        await Assertions.Expect(page.Locator("tr.mh-connection-row")).ToContainTextAsync(name);
        await Assertions.Expect(page.GetByTestId("masked-key")).ToHaveTextAsync("••••" + FakeProviderServer.ApiKey[^4..]);
    }

    /// <summary>Picks a connection for the playground's target <paramref name="index"/> (0-based) and types its model ID.</summary>
    public static async Task ChooseTargetAsync(this IPage page, int index, string option, string modelId)
    {
        var target = page.GetByLabel($"Target {index + 1}", new() { Exact = true });
        await target.ClickAsync();
        await target.FillAsync(option);
        await page.GetByRole(AriaRole.Option, new() { Name = option }).ClickAsync();
        var model = page.GetByLabel($"Model ID for target {index + 1}");
        await model.FillAsync(modelId);
        await model.PressAsync("Tab");
    }

    public static Task ScreenshotAsync(this IPage page, AppServer app, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(app.ScreenshotDirectory, name + ".png"), FullPage = true });
}
