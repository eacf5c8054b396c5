using System.Net;
using Authentik.Plugins.EmbeddedOutpost.Tests.Support;

namespace Authentik.Plugins.EmbeddedOutpost.Tests;

/// <summary>
/// Traefik and Envoy have no Debian package here, so these tests send exactly the requests those
/// proxies send: Traefik's forwardAuth with X-Forwarded-Method/Proto/Host/Uri/For to
/// /auth/traefik, Envoy's ext_authz with the original path appended to /auth/envoy.
/// </summary>
public sealed class TraefikEnvoyTests(OutpostFixture fixture) : IClassFixture<OutpostFixture>
{
    private string OutpostAddress => $"http://127.0.0.1:{fixture.Port}";

    private string TraefikHostName => new Uri(fixture.TraefikHost).Authority;

    [Fact]
    public async Task Traefik_Unauthenticated_RedirectsToStart()
    {
        using var browser = new BrowserSession();

        using var response = await browser.SendAsync(TraefikRequest("/app?x=1"));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(
            fixture.TraefikHost + "/outpost.goauthentik.io/start?rd=" + Uri.EscapeDataString(fixture.TraefikHost + "/app?x=1"),
            response.Headers.Location!.AbsoluteUri);
    }

    [Fact]
    public async Task Traefik_SignedIn_Returns200WithIdentityHeaders()
    {
        using var browser = new BrowserSession();
        using (await OutpostFixture.SignInAsync(browser, fixture.TraefikHost + "/outpost.goauthentik.io/start?rd=%2Fapp"))
        {
        }

        using var request = TraefikRequest("/app");
        request.Headers.Add("Cookie", browser.Cookies.GetCookieHeader(new Uri(fixture.TraefikHost)));
        using var other = new BrowserSession();
        using var response = await other.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("alice", response.Headers.GetValues("X-authentik-username").Single());
        Assert.Equal("admins|staff", response.Headers.GetValues("X-authentik-groups").Single());
        Assert.Equal("traefik", response.Headers.GetValues("X-authentik-meta-provider").Single());
    }

    [Fact]
    public async Task Traefik_SkipPath_Returns200WithoutIdentityHeaders()
    {
        using var browser = new BrowserSession();

        using var response = await browser.SendAsync(TraefikRequest("/health"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("X-authentik-username"));
    }

    [Fact]
    public async Task Traefik_CallbackSignature_HandledAsCallback()
    {
        using var browser = new BrowserSession();

        using var response = await browser.SendAsync(TraefikRequest("/any?X-authentik-auth-callback=true&code=abc&state=not-a-token"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The login state is missing, invalid or expired.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Traefik_LogoutSignatureWithoutSession_RedirectsToStart()
    {
        using var browser = new BrowserSession();

        using var response = await browser.SendAsync(TraefikRequest("/any?X-authentik-logout=true"));

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.StartsWith(fixture.TraefikHost + "/outpost.goauthentik.io/start", response.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Traefik_MissingHeaders_Returns500NamingThem()
    {
        using var browser = new BrowserSession();
        using var request = new HttpRequestMessage(HttpMethod.Get, OutpostAddress + "/outpost.goauthentik.io/auth/traefik");
        request.Headers.Add("X-Forwarded-Proto", "http");

        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains(
            "the request has no X-Forwarded-Host, X-Forwarded-Uri header.",
            await response.Content.ReadAsStringAsync(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Traefik_UnknownHost_Returns400()
    {
        using var browser = new BrowserSession();
        using var request = TraefikRequest("/app");
        request.Headers.Remove("X-Forwarded-Host");
        request.Headers.Add("X-Forwarded-Host", "unknown.outpost.test");

        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("No forward auth provider handles the host", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Envoy_Unauthenticated_RedirectsToStart()
    {
        using var browser = new BrowserSession();

        using var response = await browser.GetAsync(fixture.EnvoyHost + "/outpost.goauthentik.io/auth/envoy/app/page?x=1");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(
            fixture.EnvoyHost + "/outpost.goauthentik.io/start?rd=" + Uri.EscapeDataString(fixture.EnvoyHost + "/app/page?x=1"),
            response.Headers.Location!.AbsoluteUri);
    }

    [Fact]
    public async Task Envoy_SignedIn_Returns200WithIdentityHeaders()
    {
        using var browser = new BrowserSession();
        using (await OutpostFixture.SignInAsync(browser, fixture.EnvoyHost + "/outpost.goauthentik.io/start"))
        {
        }

        using var response = await browser.GetAsync(fixture.EnvoyHost + "/outpost.goauthentik.io/auth/envoy/app");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("alice", response.Headers.GetValues("X-authentik-username").Single());
        Assert.Equal("envoy", response.Headers.GetValues("X-authentik-meta-provider").Single());
    }

    private HttpRequestMessage TraefikRequest(string uri)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, OutpostAddress + "/outpost.goauthentik.io/auth/traefik");
        request.Headers.Add("X-Forwarded-Method", "GET");
        request.Headers.Add("X-Forwarded-Proto", "http");
        request.Headers.Add("X-Forwarded-Host", TraefikHostName);
        request.Headers.Add("X-Forwarded-Uri", uri);
        request.Headers.Add("X-Forwarded-For", "127.0.0.1");
        return request;
    }
}
