using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace ModelHub.IntegrationTests;

/// <summary>The registration form answers the same way whether or not an address has an account (issue 13, item 9).</summary>
[Trait("Database", "true")]
public sealed partial class RegistrationPrivacyTests : IntegrationTest
{
    private const string StrongPassword = "Str0ng!Passw0rd";

    [Fact]
    public async Task RegisteringATakenAddressAnswersLikeANewOneAndMailsTheAddressOwnerInstead()
    {
        await app.CreateUserAsync("taken@example.com");

        var taken = await RegisterAsync("taken@example.com");
        var fresh = await RegisterAsync("fresh@example.com");

        Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
        Assert.Equal(taken.Headers.Location!.ToString().Replace("taken%40", "X"), fresh.Headers.Location!.ToString().Replace("fresh%40", "X"));
        Assert.Contains("Account/RegisterConfirmation", taken.Headers.Location!.ToString());
        var takenPage = await (await app.CreateBrowserClient().GetAsync(taken.Headers.Location)).ExpectAsync(HttpStatusCode.OK);
        var freshPage = await (await app.CreateBrowserClient().GetAsync(fresh.Headers.Location)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(MainContent(takenPage).Replace("taken@example.com", "X"), MainContent(freshPage).Replace("fresh@example.com", "X"));

        var (accounts, mails) = await app.WithDbAsync(async db => (
            await db.Users.CountAsync(u => u.Email == "taken@example.com"),
            await db.OutboxMessages.OrderBy(m => m.Id).Select(m => new { m.To, m.Subject }).ToListAsync()));
        Assert.Equal(1, accounts);
        Assert.Contains(mails, m => m.To == "taken@example.com" && m.Subject.Contains("tried to create", StringComparison.Ordinal));
        Assert.Contains(mails, m => m.To == "fresh@example.com" && m.Subject.Contains("Confirm", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RegistrationSignsNobodyInUntilTheySignIn()
    {
        var client = app.CreateBrowserClient();
        await RegisterAsync("newcomer@example.com", client);

        var me = await client.GetAsync("/api/v1/me");

        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync(u => u.Email == "newcomer@example.com")));
    }

    private async Task<HttpResponseMessage> RegisterAsync(string email, HttpClient? client = null)
    {
        client ??= app.CreateBrowserClient();
        var form = await (await client.GetAsync("/Account/Register")).ExpectAsync(HttpStatusCode.OK);
        return await client.PostAsync("/Account/Register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken().Match(form).Groups[1].Value,
            ["_handler"] = "register",
            ["Input.Email"] = email,
            ["Input.Password"] = StrongPassword,
            ["Input.ConfirmPassword"] = StrongPassword,
        }));
    }

    /// <summary>The page's main content, without the antiforgery token and anything else that differs per request.</summary>
    private static string MainContent(string html)
    {
        var start = html.IndexOf("<h1", StringComparison.Ordinal);
        var end = html.IndexOf("</main>", start, StringComparison.Ordinal);
        return html[start..(end < 0 ? html.Length : end)];
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
