using System.Net;
using Authentik.Plugins.EmbeddedOutpost.Tests.Support;
using Authentik.Plugins.Host.EmbeddedOutpost;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Authentik.Plugins.EmbeddedOutpost.Tests;

public sealed class AttackTests(OutpostFixture fixture) : IClassFixture<OutpostFixture>
{
    public static TheoryData<string> ForeignRedirects => new()
    {
        "//evil.example/path",
        "///evil.example/path",
        "/\\evil.example/path",
        "\\\\evil.example/path",
        "https://evil.example/",
        "http://evil.example/",
        "https://app.outpost.test.evil.example/",
        "http://app.outpost.test@evil.example/",
        "http://user:pass@app.outpost.test/",
        "http://evil.example#@app.outpost.test/",
        "%2F%2Fevil.example",
        "http:%2F%2Fevil.example",
        "javascript:alert(1)",
        "data:text/html,hi",
        "/\tevil",
        "ftp://app.outpost.test/",
    };

    [Theory]
    [MemberData(nameof(ForeignRedirects))]
    public void RedirectTarget_ForeignUrl_ReplacedByExternalHost(string requested)
    {
        var client = fixture.Server.Services.GetRequiredService<ProviderClients>().Get(fixture.Outpost, fixture.ProviderNamed("app"));

        var target = RedirectTargets.Resolve(client, requested.Replace("app.outpost.test", $"app.outpost.test:{fixture.Port}", StringComparison.Ordinal));

        Assert.Equal(fixture.AppHost + "/", target);
    }

    [Theory]
    [InlineData("/inside?x=1", "/inside?x=1")]
    [InlineData("http://app.outpost.test:{port}/deep/path", "/deep/path")]
    public void RedirectTarget_OwnHost_Kept(string requested, string expectedPath)
    {
        var client = fixture.Server.Services.GetRequiredService<ProviderClients>().Get(fixture.Outpost, fixture.ProviderNamed("app"));

        var target = RedirectTargets.Resolve(client, requested.Replace("{port}", fixture.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        Assert.Equal(fixture.AppHost + expectedPath, target);
    }

    [Theory]
    [InlineData("http://shop.domain.test/cart", true)]
    [InlineData("http://domain.test/", true)]
    [InlineData("http://evildomain.test/", false)]
    [InlineData("http://domain.test.evil.example/", false)]
    public void RedirectTarget_ForwardDomain_AllowsHostsUnderCookieDomainOnly(string requested, bool allowed)
    {
        var client = fixture.Server.Services.GetRequiredService<ProviderClients>().Get(fixture.Outpost, fixture.ProviderNamed("domain"));

        var target = RedirectTargets.Resolve(client, requested);

        Assert.Equal(allowed ? requested : fixture.DomainAuthHost + "/", target);
    }

    [Fact]
    public async Task Login_ForeignRd_LandsOnExternalHost()
    {
        using var browser = new BrowserSession();

        using var response = await OutpostFixture.SignInAsync(browser, fixture.AppHost + "/outpost.goauthentik.io/start?rd=" + Uri.EscapeDataString("//evil.example/steal"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/", (await BrowserSession.ReadEchoAsync(response)).Path);
        Assert.DoesNotContain(browser.Visited, url => url.Host == "evil.example");
    }

    [Theory]
    [InlineData("X-authentik-username")]
    [InlineData("X-authentik-groups")]
    [InlineData("X-authentik-entitlements")]
    [InlineData("X-authentik-email")]
    [InlineData("X-authentik-name")]
    [InlineData("X-authentik-uid")]
    [InlineData("X-authentik-jwt")]
    [InlineData("X-authentik-meta-jwks")]
    [InlineData("X-authentik-meta-outpost")]
    [InlineData("X-authentik-meta-provider")]
    [InlineData("X-authentik-meta-app")]
    [InlineData("X-authentik-meta-version")]
    [InlineData("x-AUTHENTIK-username")]
    [InlineData("X_authentik_username")]
    [InlineData("X-authentik_username")]
    public async Task ForgedIdentityHeader_Unauthenticated_RemovedBeforeUpstream(string header)
    {
        using var browser = new BrowserSession();
        using var request = new HttpRequestMessage(HttpMethod.Get, fixture.AppHost + "/public/page");
        request.Headers.TryAddWithoutValidation(header, "forged");

        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = await BrowserSession.ReadEchoAsync(response);
        Assert.DoesNotContain(echo.Headers, pair => pair.Value.Contains("forged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ForgedHeader_SignedIn_Replaced()
    {
        using var browser = new BrowserSession();
        using (await OutpostFixture.SignInAsync(browser, fixture.AppHost + "/"))
        {
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, fixture.AppHost + "/me");
        request.Headers.Add("X-authentik-username", "mallory");
        request.Headers.Add("X-authentik-groups", "admins");
        using var response = await browser.SendAsync(request);

        var echo = await BrowserSession.ReadEchoAsync(response);
        Assert.Equal("alice", echo.Header("X-authentik-username"));
        Assert.Equal("admins|staff", echo.Header("X-authentik-groups"));
    }

    [Fact]
    public async Task Callback_TamperedState_Returns400WithoutSession()
    {
        using var browser = new BrowserSession();
        var state = await StartLoginAsync(browser);
        var tampered = state[..^2] + (state[^2] == 'A' ? "B" : "A") + state[^1];

        using var response = await browser.GetAsync(fixture.AppHost + "/outpost.goauthentik.io/callback?code=abc&state=" + Uri.EscapeDataString(tampered));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The login state is missing, invalid or expired.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Callback_StateOfOtherBrowser_Returns400()
    {
        using var victim = new BrowserSession();
        using var attacker = new BrowserSession();
        var attackerState = await StartLoginAsync(attacker);
        await StartLoginAsync(victim);

        using var response = await victim.GetAsync(fixture.AppHost + "/outpost.goauthentik.io/callback?code=abc&state=" + Uri.EscapeDataString(attackerState));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The login state was already used or belongs to another browser session.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Callback_ReplayedCallbackUrl_Returns400()
    {
        using var browser = new BrowserSession();
        using (await OutpostFixture.SignInAsync(browser, fixture.AppHost + "/"))
        {
        }

        var callback = browser.Visited.Single(url => url.AbsolutePath == "/outpost.goauthentik.io/callback");

        using var response = await browser.GetAsync(callback);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The login state was already used or belongs to another browser session.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Callback_ReusedCodeWithFreshState_Returns400()
    {
        using var browser = new BrowserSession();
        using (await OutpostFixture.SignInAsync(browser, fixture.AppHost + "/"))
        {
        }

        var usedCode = QueryHelpers.ParseQuery(browser.Visited.Single(url => url.AbsolutePath == "/outpost.goauthentik.io/callback").Query)["code"].ToString();
        var freshState = await StartLoginAsync(browser);

        using var response = await browser.GetAsync(fixture.AppHost + "/outpost.goauthentik.io/callback?code=" + Uri.EscapeDataString(usedCode) + "&state=" + Uri.EscapeDataString(freshState));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The identity provider rejected the authorization code (HTTP 400, error 'invalid_grant').", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Request_CookieWithoutSession_RedirectsToLogin()
    {
        using var browser = new BrowserSession();
        using var request = new HttpRequestMessage(HttpMethod.Get, fixture.AppHost + "/private");
        var cookieName = fixture.Server.Services.GetRequiredService<ProviderClients>().Get(fixture.Outpost, fixture.ProviderNamed("app")).CookieName;
        request.Headers.Add("Cookie", cookieName + "=" + OutpostSessions.NewId());

        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.StartsWith(fixture.AppHost + "/outpost.goauthentik.io/start?rd=", response.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_PendingLoginSessionCookie_RedirectsToLogin()
    {
        using var browser = new BrowserSession();
        await StartLoginAsync(browser);

        using var response = await browser.GetAsync(fixture.AppHost + "/private");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
    }

    private async Task<string> StartLoginAsync(BrowserSession browser)
    {
        using var start = await browser.GetAsync(fixture.AppHost + "/outpost.goauthentik.io/start");
        return QueryHelpers.ParseQuery(start.Headers.Location!.Query)["state"].ToString();
    }
}
