using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace ModelHub.BrowserTests;

/// <summary>
/// axe-core's WCAG 2.0/2.1 A and AA rules on every main page, in the light and the dark theme:
/// no critical or serious violation.
/// </summary>
public sealed class AccessibilityTests(AppServer app) : IAsyncLifetime
{
    private static readonly AxeRunOptions WcagAa = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    private SiteTour tour = null!;

    public async ValueTask InitializeAsync() => tour = await SiteTour.PrepareAsync(app);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task MainPagesHaveNoSeriousViolationsInTheLightTheme()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync(tour.Email);

        await AssertAccessibleAsync(page, tour.MemberPages, "light");
    }

    [Fact]
    public async Task MainPagesHaveNoSeriousViolationsInTheDarkTheme()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync(tour.Email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Dark" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Light" })).ToBeVisibleAsync();

        try
        {
            await AssertAccessibleAsync(page, tour.MemberPages, "dark");
        }
        finally
        {
            // The theme is kept on the account; the light test signs in as the same user.
            await page.GetByRole(AriaRole.Button, new() { Name = "Light" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Dark" })).ToBeVisibleAsync();
        }
    }

    [Fact]
    public async Task AdministrationPagesHaveNoSeriousViolations()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync(AppServer.AdminEmail);

        await AssertAccessibleAsync(page, tour.AdminPages, "admin");
    }

    [Fact]
    public async Task SignInAndRegistrationPagesHaveNoSeriousViolations()
    {
        var page = await app.NewPageAsync();

        await AssertAccessibleAsync(page, ["/Account/Login", "/Account/Register", "/Account/ForgotPassword"], "account", interactive: false);
    }

    private async Task AssertAccessibleAsync(IPage page, IReadOnlyList<string> paths, string theme, bool interactive = true)
    {
        var found = new List<string>();
        foreach (var path in paths)
        {
            await page.GotoAsync(path);
            if (interactive && !path.Contains("not-a-page"))
            {
                await page.WaitForInteractiveAsync();
            }

            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var result = await page.RunAxe(WcagAa);
            foreach (var violation in result.Violations.Where(v => v.Impact is "critical" or "serious"))
            {
                var nodes = string.Join("; ", violation.Nodes.Take(4).Select(n => $"{n.Target} {n.Html[..Math.Min(160, n.Html.Length)]}"));
                found.Add($"[{theme}] {path}: {violation.Impact} {violation.Id} ({violation.Help}) on {violation.Nodes.Length} element(s): {nodes}");
            }
        }

        File.WriteAllLines(Path.Combine(app.ScreenshotDirectory, $"axe-{theme}.txt"), found);
        Assert.True(found.Count == 0, string.Join("\n", found));
    }
}
