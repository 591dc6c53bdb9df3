using System.Net;
using System.Text.RegularExpressions;

namespace ModelHub.IntegrationTests;

/// <summary>Cookie sessions: sign-out ends them everywhere, and a forged sign-out is a bad request.</summary>
[Trait("Database", "true")]
public sealed partial class SessionTests : IntegrationTest
{
    public SessionTests() => app.Settings["Accounts:SessionCheckInterval"] = "00:00:00";

    [Fact]
    public async Task CookieKeptFromBeforeSignOutIsRefusedAfterwards()
    {
        await app.CreateUserAsync("leaver@example.com");
        var browser = new CookieBrowser(app.CreateApiClient());
        await browser.SignInAsync("leaver@example.com");
        var copiedCookie = browser.Cookies["ModelHub.Auth"];
        await (await browser.GetAsync("/api/v1/me")).ExpectAsync(HttpStatusCode.OK);

        var signOut = await browser.PostFormAsync("/Account/Logout", new() { ["returnUrl"] = "", ["__RequestVerificationToken"] = await browser.AntiforgeryTokenAsync("/settings/tokens") });
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        var thief = new CookieBrowser(app.CreateApiClient());
        thief.Cookies["ModelHub.Auth"] = copiedCookie;
        await (await thief.GetAsync("/api/v1/me")).ExpectAsync(HttpStatusCode.Unauthorized);
        var page = await thief.GetAsync("/settings/tokens");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/Account/Login", page.Headers.Location!.ToString());
    }

    [Fact]
    public async Task SignOutWithoutAValidAntiforgeryTokenIsABadRequest()
    {
        await app.CreateUserAsync("stay@example.com");
        var browser = new CookieBrowser(app.CreateApiClient());
        await browser.SignInAsync("stay@example.com");

        var missing = await browser.PostFormAsync("/Account/Logout", new() { ["returnUrl"] = "" });
        var forged = await browser.PostFormAsync("/Account/Logout", new() { ["returnUrl"] = "", ["__RequestVerificationToken"] = "forged" });

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        await (await browser.GetAsync("/api/v1/me")).ExpectAsync(HttpStatusCode.OK);
    }

    /// <summary>A client that keeps cookies itself, so a test can copy one to another client.</summary>
    internal sealed partial class CookieBrowser(HttpClient client)
    {
        public Dictionary<string, string> Cookies { get; } = [];

        public async Task SignInAsync(string email)
        {
            var response = await PostFormAsync("/Account/Login", new()
            {
                ["__RequestVerificationToken"] = await AntiforgeryTokenAsync("/Account/Login"),
                ["_handler"] = "login",
                ["Input.Email"] = email,
                ["Input.Password"] = TestUser.Password,
            });
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.True(Cookies.ContainsKey("ModelHub.Auth"), "Signing in set no auth cookie.");
        }

        public async Task<string> AntiforgeryTokenAsync(string page)
        {
            var html = await (await GetAsync(page)).ExpectAsync(HttpStatusCode.OK);
            return WebUtility.HtmlDecode(AntiforgeryToken().Match(html).Groups[1].Value);
        }

        public Task<HttpResponseMessage> GetAsync(string url) => SendAsync(new HttpRequestMessage(HttpMethod.Get, url));

        public Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string> form) =>
            SendAsync(new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) });

        private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
        {
            if (Cookies.Count > 0)
            {
                request.Headers.Add("Cookie", string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}")));
            }

            var response = await client.SendAsync(request);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            {
                foreach (var setCookie in setCookies)
                {
                    var pair = setCookie.Split(';', 2)[0].Split('=', 2);
                    if (pair[1].Length == 0)
                    {
                        Cookies.Remove(pair[0]);
                    }
                    else
                    {
                        Cookies[pair[0]] = pair[1];
                    }
                }
            }

            return response;
        }

        [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
        private static partial Regex AntiforgeryToken();
    }
}
