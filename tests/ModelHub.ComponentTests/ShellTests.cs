using Microsoft.Extensions.DependencyInjection;
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
}
