using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ModelHub.Web.Features.Accounts;

namespace ModelHub.IntegrationTests;

/// <summary>Password guessing is slowed per address, and a lockout it causes stops only password sign-in.</summary>
[Trait("Database", "true")]
public sealed partial class SignInProtectionTests : IntegrationTest
{
    [Fact]
    public async Task FiveWrongPasswordsLockPasswordSignInButTheUsersTokenKeepsWorking()
    {
        var user = await app.CreateUserAsync("colleague@example.com");
        var browser = app.CreateBrowserClient();
        var form = AntiforgeryToken().Match(await browser.GetStringAsync("/Account/Login")).Groups[1].Value;

        for (var attempt = 0; attempt < 4; attempt++)
        {
            var wrong = await (await browser.PostAsync("/Account/Login", LoginForm(form, user.Email, "not-the-password"))).ExpectAsync(HttpStatusCode.OK);
            Assert.Contains("Invalid login attempt", wrong);
        }

        var fifth = await browser.PostAsync("/Account/Login", LoginForm(form, user.Email, "not-the-password"));
        var rightPassword = await browser.PostAsync("/Account/Login", LoginForm(form, user.Email, TestUser.Password));
        var tokenCall = await user.Api.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Redirect, fifth.StatusCode);
        Assert.Contains("Account/Lockout", fifth.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, rightPassword.StatusCode);
        Assert.Contains("Account/Lockout", rightPassword.Headers.Location!.ToString());
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
            Assert.True(await users.IsLockedOutAsync((await users.FindByIdAsync(user.Id))!));
        }

        Assert.Equal(user.Email, (await tokenCall.ReadAsync<MeResponse>()).Email);
    }

    [Fact]
    public async Task SignInFormAnswers429WithRetryAfterOnceAnAddressUsesItsAllowance()
    {
        await using var limited = new ModelHubFactory { Settings = { ["RateLimits:SignIn:PermitLimit"] = "3" } };
        await limited.CreateUserAsync("target@example.com");
        var browser = limited.CreateBrowserClient();
        var form = AntiforgeryToken().Match(await browser.GetStringAsync("/Account/Login")).Groups[1].Value;

        for (var attempt = 0; attempt < 3; attempt++)
        {
            await (await browser.PostAsync("/Account/Login", LoginForm(form, "target@example.com", "guess-" + attempt))).ExpectAsync(HttpStatusCode.OK);
        }

        var throttled = await browser.PostAsync("/Account/Login", LoginForm(form, "target@example.com", TestUser.Password));
        var pageStillLoads = await browser.GetAsync("/Account/Login");
        var otherFormStillAnswers = await browser.PostAsync("/Account/ForgotPassword", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form,
            ["_handler"] = "forgot-password",
            ["Input.Email"] = "target@example.com",
        }));

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        var retryAfter = Assert.Single(throttled.Headers.GetValues("Retry-After"));
        Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Contains("Try again in", await throttled.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, pageStillLoads.StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, otherFormStillAnswers.StatusCode);
    }

    internal static FormUrlEncodedContent LoginForm(string antiforgery, string email, string password) => new(new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = antiforgery,
        ["_handler"] = "login",
        ["Input.Email"] = email,
        ["Input.Password"] = password,
    });

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    internal static partial Regex AntiforgeryToken();
}
