using Microsoft.Extensions.DependencyInjection;
using ModelHub.Web.Features.Playground.Connections;
using ModelHub.Web.Features.Playground.Runs;
using ModelHub.Web.Features.Teams;
using MudBlazor;

namespace ModelHub.ComponentTests;

public sealed class ConnectionFormTests : ComponentTest
{
    private const string StoredKey = "sk-live-0123456789-secret-abcd";

    private AppServices app = default!;
    private PlaygroundTestData data = default!;

    public override async ValueTask InitializeAsync()
    {
        app = await AppServices.StartAsync();
        data = await PlaygroundTestData.CreateAsync(app);
        app.Share<ConnectionService>(this).Share<RunService>(this).Share<TeamService>(this);
        Services.AddScoped<ActiveTeamState>();
        SignIn(data.Caller.UserId, data.Email);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task TheConnectionFormNeverRendersAStoredKey()
    {
        await data.AddConnectionAsync("OpenAI prod", StoredKey);
        RenderPopovers();
        var page = Render<ConnectionsPage>();
        page.WaitForAssertion(() => Assert.Equal("••••abcd", page.Find("[data-testid=masked-key]").TextContent));

        page.Find("button[aria-label='Edit OpenAI prod']").Click();

        page.WaitForAssertion(() => Assert.Contains("Edit OpenAI prod", page.Markup));
        var key = page.Find("#connection-key");
        Assert.Equal("password", key.GetAttribute("type"));
        Assert.True(string.IsNullOrEmpty(key.GetAttribute("value")));
        Assert.Equal("••••abcd", page.Find("[data-testid=stored-key]").TextContent);
        Assert.DoesNotContain(StoredKey, page.Markup);
        Assert.DoesNotContain(StoredKey[..12], page.Markup);
        Assert.Equal("New API key", page.Find("label[for=connection-key]").TextContent.Trim());
    }

    [Fact]
    public void AnEmptyFormShowsItsValidationMessagesBesideTheFields()
    {
        RenderPopovers();
        var page = Render<ConnectionsPage>();
        page.WaitForAssertion(() => Assert.Contains("Add a connection", page.Markup));

        page.Find("[data-testid=connection-form] form").Submit();

        page.WaitForAssertion(() =>
        {
            Assert.Contains("Give the connection a name.", page.Find("#connection-name").ParentElement!.ParentElement!.ParentElement!.TextContent);
            Assert.Contains("Enter the provider's base URL.", page.Markup);
        });
        Assert.Empty(page.FindAll("tr.mh-connection-row"));
    }

    [Fact]
    public async Task DeletingAConnectionAsksFirstAndKeepsItOnCancel()
    {
        await data.AddConnectionAsync("OpenAI prod", StoredKey);
        RenderPopovers();
        var dialogs = Render<MudDialogProvider>();
        var page = Render<ConnectionsPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tr.mh-connection-row")));

        page.Find("button[aria-label='Delete OpenAI prod']").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Delete OpenAI prod? Past runs keep their results", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click();
        Assert.Single(await app.Get<ConnectionService>().ListAsync(data.Caller, data.Team.Id));

        page.Find("button[aria-label='Delete OpenAI prod']").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Delete OpenAI prod?", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").Click();

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("tr.mh-connection-row")));
        Assert.Empty(await app.Get<ConnectionService>().ListAsync(data.Caller, data.Team.Id));
    }
}
