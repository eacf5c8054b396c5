using System.Net;
using Authentik.Plugins.EmbeddedOutpost.Tests.Support;

namespace Authentik.Plugins.EmbeddedOutpost.Tests;

/// <summary>The embedded outpost inside the real host process.</summary>
public sealed class HostProcessTests(HostProcessFixture fixture) : IClassFixture<HostProcessFixture>
{
    [Fact]
    public async Task Host_ProxyMode_FullRoundTrip()
    {
        using var browser = new BrowserSession(new Dictionary<int, int> { [80] = fixture.Host.HttpUri.Port });

        using var page = await OutpostFixture.SignInAsync(browser, HostProcessFixture.ExternalHost + "/hello");
        var echo = await BrowserSession.ReadEchoAsync(page);
        using var signOut = await browser.GetAsync(HostProcessFixture.ExternalHost + "/outpost.goauthentik.io/sign_out");
        using var after = await browser.GetAsync(HostProcessFixture.ExternalHost + "/hello");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("/hello", echo.Path);
        Assert.Equal("app.outpost.test", echo.Header("Host"));
        Assert.Equal("alice", echo.Header("X-authentik-uid"));
        Assert.Equal("authentik Embedded Outpost", echo.Header("X-authentik-meta-outpost"));
        Assert.Equal(HttpStatusCode.Found, signOut.StatusCode);
        Assert.StartsWith(fixture.IdentityProvider.Issuer.AbsoluteUri + "session/end?id_token_hint=", signOut.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Found, after.StatusCode);
        Assert.Equal(HostProcessFixture.ExternalHost + "/outpost.goauthentik.io/start?rd=" + Uri.EscapeDataString(HostProcessFixture.ExternalHost + "/hello"), after.Headers.Location!.AbsoluteUri);
    }

    [Fact]
    public async Task Host_ForgedIdentityHeader_NotForwarded()
    {
        using var browser = new BrowserSession(new Dictionary<int, int> { [80] = fixture.Host.HttpUri.Port });
        using (await OutpostFixture.SignInAsync(browser, HostProcessFixture.ExternalHost + "/"))
        {
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, HostProcessFixture.ExternalHost + "/me");
        request.Headers.Add("X-authentik-username", "mallory");
        using var response = await browser.SendAsync(request);

        Assert.Equal("alice", (await BrowserSession.ReadEchoAsync(response)).Header("X-authentik-username"));
    }

    [Theory]
    [InlineData("nginx", "X-Original-URL", HttpStatusCode.Unauthorized)]
    [InlineData("traefik", "X-Forwarded-Host", HttpStatusCode.Found)]
    public async Task Host_ForwardAuthOnOutpostHost_FindsProviderFromOriginalUrl(string proxy, string header, HttpStatusCode expected)
    {
        using var handler = new HttpClientHandler { AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = fixture.Host.HttpUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/outpost.goauthentik.io/auth/" + proxy);
        request.Headers.Host = "authentik.outpost.test";
        if (header == "X-Original-URL")
        {
            request.Headers.Add("X-Original-URL", HostProcessFixture.ForwardExternalHost + "/app");
        }
        else
        {
            request.Headers.Add("X-Forwarded-Proto", "http");
            request.Headers.Add("X-Forwarded-Host", "fwd.outpost.test");
            request.Headers.Add("X-Forwarded-Uri", "/app");
        }

        using var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }
}
