using ModelHub.Web.Features.AccessTokens;
using ModelHub.Web.Features.Common;

namespace ModelHub.ComponentTests;

public sealed class AccessTokensPageTests : ComponentTest
{
    private AppServices app = null!;
    private Caller user = null!;

    public override async ValueTask InitializeAsync()
    {
        app = await AppServices.StartAsync();
        app.Share<AccessTokenService>(this).Share<TimeProvider>(this);
        user = await app.CreateUserAsync(UserEmail);
        SignIn(user.UserId, UserEmail);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await app.DisposeAsync();
    }

    [Fact]
    public async Task NewTokenIsShownOnceAndNeverAgain()
    {
        var page = Render<AccessTokensPage>();

        page.InputLabelled("Name").Change("Nightly evaluations");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.StartsWith(AccessTokenRules.TokenPrefix, page.InputLabelled("New token").GetAttribute("value")));
        var token = page.InputLabelled("New token").GetAttribute("value")!;
        Assert.Single(page.FindAll("[aria-label='Copy new token']"));
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("td"), td => td.TextContent.Trim() == "Nightly evaluations"));
        Assert.Single(await app.Get<AccessTokenService>().ListAsync(user));
        Assert.Equal("", page.InputLabelled("Name").GetAttribute("value"));
        Assert.DoesNotContain("Give the token a name", page.Markup);

        var later = Render<AccessTokensPage>();

        later.WaitForAssertion(() => Assert.Contains(later.FindAll("td"), td => td.TextContent.Trim() == "Nightly evaluations"));
        Assert.DoesNotContain(token, later.Markup);
        Assert.DoesNotContain(later.FindAll("label"), l => l.TextContent.Trim() == "New token");
    }

    [Fact]
    public async Task TokenWithoutANameIsRefusedBesideTheFieldAndNothingIsCreated()
    {
        var page = Render<AccessTokensPage>();

        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Give the token a name that says where it is used.", page.Markup));
        Assert.Empty(await app.Get<AccessTokenService>().ListAsync(user));
    }

    [Fact]
    public async Task RevokingAsksFirstAndMarksTheTokenRevoked()
    {
        await app.Get<AccessTokenService>().CreateAsync(user, "Deploy", 30);
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var page = Render<AccessTokensPage>();
        page.WaitForAssertion(() => page.Find("button[aria-label='Revoke Deploy']"));

        page.Find("button[aria-label='Revoke Deploy']").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("Scripts using it will stop working at once.", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Revoke").Click();

        page.WaitForAssertion(() => Assert.Contains(page.FindAll(".mud-chip"), c => c.TextContent.Trim() == "Revoked"));
        Assert.NotNull((await app.Get<AccessTokenService>().ListAsync(user)).Single().RevokedAtUtc);
    }
}
