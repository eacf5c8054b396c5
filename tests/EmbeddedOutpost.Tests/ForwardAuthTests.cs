using System.Net;
using Authentik.Plugins.EmbeddedOutpost.Tests.Support;

namespace Authentik.Plugins.EmbeddedOutpost.Tests;

public sealed class ForwardAuthTests(ForwardAuthFixture proxies) : IClassFixture<ForwardAuthFixture>
{
    private OutpostFixture Fixture => proxies.Outpost;

    [Fact]
    public async Task Nginx_Unauthenticated_RedirectsToStart()
    {
        using var browser = new BrowserSession();

        using var response = await browser.GetAsync(Fixture.NginxHost + "/page?x=1");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(Fixture.NginxHost + "/outpost.goauthentik.io/start?rd=" + Fixture.NginxHost + "/page?x=1", response.Headers.Location!.AbsoluteUri);
    }

    [Fact]
    public async Task Nginx_FullFlow_UpstreamGetsIdentityHeaders()
    {
        using var browser = new BrowserSession();

        using var response = await OutpostFixture.SignInAsync(browser, Fixture.NginxHost + "/page?x=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = await BrowserSession.ReadEchoAsync(response);
        Assert.Equal("/page?x=1", echo.Path);
        Assert.Equal("alice", echo.Header("X-authentik-username"));
        Assert.Equal("admins|staff", echo.Header("X-authentik-groups"));
        Assert.Equal("alice@example.test", echo.Header("X-authentik-email"));
        Assert.Equal("nginx", echo.Header("X-authentik-meta-provider"));
    }

    [Fact]
    public async Task Nginx_ForgedIdentityHeader_Overwritten()
    {
        using var browser = new BrowserSession();
        using (await OutpostFixture.SignInAsync(browser, Fixture.NginxHost + "/"))
        {
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, Fixture.NginxHost + "/forged");
        request.Headers.Add("X-authentik-username", "mallory");
        using var response = await browser.SendAsync(request);

        Assert.Equal("alice", (await BrowserSession.ReadEchoAsync(response)).Header("X-authentik-username"));
    }

    [Fact]
    public async Task Nginx_SignOut_SendsBrowserBackToLogin()
    {
        using var browser = new BrowserSession();
        using (await OutpostFixture.SignInAsync(browser, Fixture.NginxHost + "/"))
        {
        }

        using var signOut = await browser.GetAsync(Fixture.NginxHost + "/outpost.goauthentik.io/sign_out");
        using var after = await browser.GetAsync(Fixture.NginxHost + "/page");

        Assert.Equal(HttpStatusCode.Found, signOut.StatusCode);
        Assert.StartsWith(Fixture.IdentityProvider.Issuer.AbsoluteUri + "session/end?id_token_hint=", signOut.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Found, after.StatusCode);
        Assert.StartsWith(Fixture.NginxHost + "/outpost.goauthentik.io/start", after.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nginx_ForwardDomain_OneLoginCoversEveryHost()
    {
        using var browser = new BrowserSession();
        var shop = $"http://shop.domain.test:{Fixture.NginxPort}";
        var blog = $"http://blog.domain.test:{Fixture.NginxPort}";

        using var first = await OutpostFixture.SignInAsync(browser, shop + "/cart");
        var visitedForFirst = browser.Visited.ToList();
        using var second = await browser.FollowAsync(new Uri(blog + "/post"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("/cart", (await BrowserSession.ReadEchoAsync(first)).Path);
        Assert.Contains(visitedForFirst, url => url.AbsoluteUri.StartsWith(Fixture.DomainAuthHost + "/outpost.goauthentik.io/callback", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var echo = await BrowserSession.ReadEchoAsync(second);
        Assert.Equal("/post", echo.Path);
        Assert.Equal("alice", echo.Header("X-authentik-username"));
        Assert.Single(browser.Visited);
    }

    [Fact]
    public async Task Nginx_ForwardDomainSkipRegex_MatchesFullUrl()
    {
        using var browser = new BrowserSession();

        using var status = await browser.GetAsync($"http://status.domain.test:{Fixture.NginxPort}/health");
        using var other = await browser.GetAsync($"http://shop.domain.test:{Fixture.NginxPort}/health");

        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal(HttpStatusCode.Found, other.StatusCode);
    }

    [Fact]
    public async Task NginxEndpoint_NoOriginalUrl_Returns500NamingHeaders()
    {
        using var browser = new BrowserSession();

        using var response = await browser.GetAsync($"http://127.0.0.1:{Fixture.Port}/outpost.goauthentik.io/auth/nginx");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains(
            "The reverse proxy in front of the outpost is misconfigured: the request to /outpost.goauthentik.io/auth/nginx has no X-Original-URL or X-Original-URI header.",
            await response.Content.ReadAsStringAsync(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Caddy_Unauthenticated_RedirectsToStart()
    {
        using var browser = new BrowserSession();

        using var response = await browser.GetAsync(Fixture.CaddyHost + "/page?x=1");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(
            Fixture.CaddyHost + "/outpost.goauthentik.io/start?rd=" + Uri.EscapeDataString(Fixture.CaddyHost + "/page?x=1"),
            response.Headers.Location!.AbsoluteUri);
    }

    [Fact]
    public async Task Caddy_FullFlow_UpstreamGetsIdentityHeaders()
    {
        using var browser = new BrowserSession();

        using var response = await OutpostFixture.SignInAsync(browser, Fixture.CaddyHost + "/page?x=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = await BrowserSession.ReadEchoAsync(response);
        Assert.Equal("/page?x=1", echo.Path);
        Assert.Equal("alice", echo.Header("X-authentik-username"));
        Assert.Equal("admins|staff", echo.Header("X-authentik-groups"));
        Assert.Equal("caddy", echo.Header("X-authentik-meta-provider"));
    }

    [Fact]
    public async Task Caddy_ForgedIdentityHeader_Overwritten()
    {
        using var browser = new BrowserSession();
        using (await OutpostFixture.SignInAsync(browser, Fixture.CaddyHost + "/"))
        {
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, Fixture.CaddyHost + "/forged");
        request.Headers.Add("X-authentik-username", "mallory");
        using var response = await browser.SendAsync(request);

        Assert.Equal("alice", (await BrowserSession.ReadEchoAsync(response)).Header("X-authentik-username"));
    }

    [Fact]
    public async Task Caddy_SignOut_SendsBrowserBackToLogin()
    {
        using var browser = new BrowserSession();
        using (await OutpostFixture.SignInAsync(browser, Fixture.CaddyHost + "/"))
        {
        }

        using var signOut = await browser.GetAsync(Fixture.CaddyHost + "/outpost.goauthentik.io/sign_out");
        using var after = await browser.GetAsync(Fixture.CaddyHost + "/page");

        Assert.Equal(HttpStatusCode.Found, signOut.StatusCode);
        Assert.StartsWith(Fixture.IdentityProvider.Issuer.AbsoluteUri + "session/end?id_token_hint=", signOut.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Found, after.StatusCode);
        Assert.StartsWith(Fixture.CaddyHost + "/outpost.goauthentik.io/start", after.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
    }
}
