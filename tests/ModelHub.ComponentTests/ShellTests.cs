using Microsoft.Extensions.DependencyInjection;
using ModelHub.Web.Components.Layout;
using ModelHub.Web.Components.Shared;
using ModelHub.Web.Features.Accounts;
using MudBlazor;

namespace ModelHub.ComponentTests;

public sealed class ShellTests : ComponentTest
{
    [Fact]
    public void ServiceProblemShowsTheMessageAsAnAlertAndNothingWithoutOne()
    {
        var shown = Render<ServiceProblem>(p => p.Add(x => x.Message, "That name is taken."));
        var hidden = Render<ServiceProblem>(p => p.Add(x => x.Message, null));

        Assert.Equal("That name is taken.", shown.Find("[role=alert]").TextContent.Trim());
        Assert.Empty(hidden.Markup.Trim());
    }

    [Fact]
    public async Task ConfirmDialogAnswersTrueOnlyWhenConfirmed()
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();

        var answer = provider.InvokeAsync(() => dialogs.ConfirmAsync("Delete connection", "Delete OpenAI prod?", "Delete", destructive: true));
        provider.WaitForAssertion(() => Assert.Contains("Delete OpenAI prod?", provider.Markup));
        provider.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").Click();

        Assert.True(await answer);
    }

    [Fact]
    public async Task ConfirmDialogAnswersFalseOnCancel()
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();

        var answer = provider.InvokeAsync(() => dialogs.ConfirmAsync("Leave team", "Leave Research?", "Leave"));
        provider.WaitForAssertion(() => Assert.Contains("Leave Research?", provider.Markup));
        provider.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();

        Assert.False(await answer);
    }

    [Theory]
    [InlineData(false, "rgba(31,95,191,1)")]
    [InlineData(true, "rgba(138,180,248,1)")]
    public async Task ThemeStylesWriteWhatMudThemeProviderWritesForTheMode(bool dark, string primary)
    {
        Services.AddSingleton<ThemeStylesheet>();
        var mud = Render<MudThemeProvider>(p => p.Add(x => x.Theme, AppTheme.Theme).Add(x => x.IsDarkMode, dark));
        var ours = Render<ThemeStyles>(p => p.Add(x => x.IsDark, dark));

        ours.WaitForAssertion(() => Assert.NotEmpty(ours.Markup));
        Assert.Equal(mud.Markup, ours.Markup);
        Assert.Contains($"--mud-palette-primary: {primary};", ours.Markup);
        // Every circuit gets the same string, not a copy of its own.
        var stylesheet = Services.GetRequiredService<ThemeStylesheet>();
        Assert.Same((await stylesheet.GetAsync(dark)).Value, (await stylesheet.GetAsync(dark)).Value);
    }

    [Fact]
    public void ThemeStylesFollowTheModeWhenItChanges()
    {
        Services.AddSingleton<ThemeStylesheet>();
        var styles = Render<ThemeStyles>(p => p.Add(x => x.IsDark, false));
        styles.WaitForAssertion(() => Assert.Contains("primary: rgba(31,95,191,1)", styles.Markup));

        styles.Render(p => p.Add(x => x.IsDark, true));

        styles.WaitForAssertion(() => Assert.Contains("primary: rgba(138,180,248,1)", styles.Markup));
        Assert.DoesNotContain("primary: rgba(31,95,191,1)", styles.Markup);
    }

    [Fact]
    public void ShellIconsAreBuiltOnceAndShared()
    {
        var first = ShellIcon.Svg(Icons.Material.Filled.Menu, "mh-extra");
        var second = ShellIcon.Svg(Icons.Material.Filled.Menu, "mh-extra");

        Assert.Same(first.Value, second.Value);
        Assert.Contains("mh-extra", first.Value);
        Assert.Contains(Icons.Material.Filled.Menu, first.Value);
        Assert.Same(ShellIcon.ButtonStart(Icons.Material.Filled.Add).Value, ShellIcon.ButtonStart(Icons.Material.Filled.Add).Value);
        Assert.Contains(ShellIcon.Svg(Icons.Material.Filled.Add).Value, ShellIcon.ButtonStart(Icons.Material.Filled.Add).Value);
    }
}
