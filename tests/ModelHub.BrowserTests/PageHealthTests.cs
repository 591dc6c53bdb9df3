using Microsoft.Playwright;

namespace ModelHub.BrowserTests;

/// <summary>Every page loads without a content-security-policy violation or a script error in the console.</summary>
public sealed class PageHealthTests(AppServer app) : IAsyncLifetime
{
    private SiteTour tour = null!;

    public async ValueTask InitializeAsync() => tour = await SiteTour.PrepareAsync(app);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task EveryMemberPageLoadsWithACleanConsole()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync(tour.Email);

        await AssertCleanAsync(page, tour.MemberPages);
    }

    [Fact]
    public async Task EveryAdministrationPageLoadsWithACleanConsole()
    {
        var page = await app.NewPageAsync();
        await page.SignInAsync(AppServer.AdminEmail);

        await AssertCleanAsync(page, tour.AdminPages);
    }

    [Fact]
    public async Task SignInAndRegistrationPagesLoadWithACleanConsole()
    {
        var page = await app.NewPageAsync();

        await AssertCleanAsync(page, ["/Account/Login", "/Account/Register", "/Account/ForgotPassword"], interactive: false);
    }

    private static async Task AssertCleanAsync(IPage page, IReadOnlyList<string> paths, bool interactive = true)
    {
        var problems = new List<string>();
        string current = "";
        page.Console += (_, message) =>
        {
            // A 404 page's own status is logged as a failed resource; that is the page working, not an error.
            if (message.Type == "error" && !(current.Contains("not-a-page") && message.Text.StartsWith("Failed to load resource")))
            {
                problems.Add($"{current}: console error: {message.Text}");
            }
        };
        page.PageError += (_, error) => problems.Add($"{current}: script error: {error}");
        // Violations are reported as console errors too; the event also catches those made before a listener could attach.
        await page.AddInitScriptAsync("document.addEventListener('securitypolicyviolation', e => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));");

        foreach (var path in paths)
        {
            current = path;
            await page.GotoAsync(path);
            if (interactive && !path.Contains("not-a-page"))
            {
                await page.WaitForInteractiveAsync();
            }

            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
