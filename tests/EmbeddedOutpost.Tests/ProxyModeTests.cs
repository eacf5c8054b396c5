using System.Net;
using System.Net.WebSockets;
using System.Text;
using Authentik.Plugins.EmbeddedOutpost.Tests.Support;
using Authentik.Plugins.Host.EmbeddedOutpost;
using Authentik.Plugins.State;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;

namespace Authentik.Plugins.EmbeddedOutpost.Tests;

public sealed class ProxyModeTests(OutpostFixture fixture) : IClassFixture<OutpostFixture>
{
    [Fact]
    public async Task Request_Unauthenticated_RedirectsToStartWithOriginalUrl()
    {
        using var browser = new BrowserSession();

        using var response = await browser.GetAsync(fixture.AppHost + "/some/page?x=1");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(
            fixture.AppHost + "/outpost.goauthentik.io/start?rd=" + Uri.EscapeDataString(fixture.AppHost + "/some/page?x=1"),
            response.Headers.Location!.AbsoluteUri);
    }

    [Fact]
    public async Task Start_Always_RedirectsToAuthorize()
    {
        using var browser = new BrowserSession();

        using var response = await browser.GetAsync(fixture.AppHost + "/outpost.goauthentik.io/start?rd=%2Fhome");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal(fixture.IdentityProvider.Issuer.AbsoluteUri + "auth", location.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("client-app", query["client_id"].ToString());
        Assert.Equal(fixture.AppHost + "/outpost.goauthentik.io/callback?X-authentik-auth-callback=true", query["redirect_uri"].ToString());
        Assert.Equal("code", query["response_type"].ToString());
        Assert.Equal("openid profile email entitlements ak_proxy", query["scope"].ToString());
        Assert.Equal("S256", query["code_challenge_method"].ToString());
        Assert.Equal(43, query["code_challenge"].ToString().Length);
        Assert.False(string.IsNullOrEmpty(query["nonce"]));
        Assert.Equal(3, query["state"].ToString().Split('.').Length);
    }

    [Fact]
    public async Task Start_EmbeddedOutpost_UsesAuthentikHostForBrowser()
    {
        using var browser = new BrowserSession();

        using var response = await browser.GetAsync(fixture.EmbeddedHost + "/outpost.goauthentik.io/start");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("https://authentik.outpost.test/application/o/authorize/", response.Headers.Location!.GetLeftPart(UriPartial.Path));
    }

    [Fact]
    public async Task Start_NewBrowser_SetsSessionCookie()
    {
        using var browser = new BrowserSession();

        using var response = await browser.GetAsync(fixture.AppHost + "/outpost.goauthentik.io/start");

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        var expectedName = "authentik_proxy_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes("client-app")))[..8];
        Assert.StartsWith(expectedName + "=", cookie, StringComparison.Ordinal);
        Assert.Contains("; path=/", cookie, StringComparison.Ordinal);
        Assert.Contains("; samesite=lax", cookie, StringComparison.Ordinal);
        Assert.Contains("; httponly", cookie, StringComparison.Ordinal);
        Assert.DoesNotContain("secure", cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_FullFlow_ForwardsIdentityHeaders()
    {
        using var browser = new BrowserSession();

        using var response = await OutpostFixture.SignInAsync(browser, fixture.AppHost + "/dashboard?tab=2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = await BrowserSession.ReadEchoAsync(response);
        Assert.Equal("/dashboard?tab=2", echo.Path);
        Assert.Equal($"app.outpost.test:{fixture.Port}", echo.Header("Host"));
        Assert.Equal("alice", echo.Header("X-authentik-username"));
        Assert.Equal("admins|staff", echo.Header("X-authentik-groups"));
        Assert.Equal("read|write", echo.Header("X-authentik-entitlements"));
        Assert.Equal("alice@example.test", echo.Header("X-authentik-email"));
        Assert.Equal("User alice", echo.Header("X-authentik-name"));
        Assert.Equal("alice", echo.Header("X-authentik-uid"));
        Assert.Equal(3, echo.Header("X-authentik-jwt")!.Split('.').Length);
        Assert.Equal(fixture.IdentityProvider.Issuer.AbsoluteUri + "jwks", echo.Header("X-authentik-meta-jwks"));
        Assert.Equal("test outpost", echo.Header("X-authentik-meta-outpost"));
        Assert.Equal("app", echo.Header("X-authentik-meta-provider"));
        Assert.Equal("app-slug", echo.Header("X-authentik-meta-app"));
        Assert.Equal("goauthentik.io/outpost/" + AuthentikCompatibility.Version, echo.Header("X-authentik-meta-version"));
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alice-basic:alice-password")), echo.Header("Authorization"));
        Assert.Equal("extra-value", echo.Header("X-Extra"));
    }

    [Fact]
    public async Task Login_SessionCookie_HoldsOnlyRandomId()
    {
        using var browser = new BrowserSession();
        using var response = await OutpostFixture.SignInAsync(browser, fixture.AppHost + "/");

        var cookie = Assert.Single(browser.Cookies.GetCookies(new Uri(fixture.AppHost)), c => c.Name.StartsWith("authentik_proxy_", StringComparison.Ordinal));

        Assert.Equal(43, cookie.Value.Length);
        Assert.DoesNotContain('.', cookie.Value);
        Assert.True(cookie.HttpOnly);
        Assert.True(cookie.Expires > DateTime.Now.AddMinutes(30));
    }

    [Fact]
    public async Task SignOut_SignedIn_RedirectsToEndSession()
    {
        using var browser = new BrowserSession();
        using (await OutpostFixture.SignInAsync(browser, fixture.AppHost + "/"))
        {
        }

        var cookieHeader = browser.Cookies.GetCookieHeader(new Uri(fixture.AppHost));
        using var signOut = await browser.GetAsync(fixture.AppHost + "/outpost.goauthentik.io/sign_out");
        using var replay = new HttpRequestMessage(HttpMethod.Get, fixture.AppHost + "/after");
        replay.Headers.Add("Cookie", cookieHeader);
        using var other = new BrowserSession();
        using var afterSignOut = await other.SendAsync(replay);

        Assert.Equal(HttpStatusCode.Found, signOut.StatusCode);
        var location = signOut.Headers.Location!;
        Assert.Equal(fixture.IdentityProvider.Issuer.AbsoluteUri + "session/end", location.GetLeftPart(UriPartial.Path));
        Assert.Equal(3, QueryHelpers.ParseQuery(location.Query)["id_token_hint"].ToString().Split('.').Length);
        Assert.Equal(HttpStatusCode.Found, afterSignOut.StatusCode);
        Assert.StartsWith(fixture.AppHost + "/outpost.goauthentik.io/start?rd=", afterSignOut.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_QuerySignature_EndsAllSessions()
    {
        using var first = new BrowserSession();
        using var second = new BrowserSession();
        using (await OutpostFixture.SignInAsync(first, fixture.AppHost + "/"))
        using (await OutpostFixture.SignInAsync(second, fixture.AppHost + "/"))
        {
        }

        using var signOut = await first.GetAsync(fixture.AppHost + "/anything?X-authentik-logout=true");
        using var secondAfter = await second.GetAsync(fixture.AppHost + "/still-signed-in");

        Assert.Equal(HttpStatusCode.Found, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Found, secondAfter.StatusCode);
        Assert.StartsWith(fixture.AppHost + "/outpost.goauthentik.io/start", secondAfter.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_SkipPathRegex_PassesWithoutLogin()
    {
        using var browser = new BrowserSession();

        using var response = await browser.GetAsync(fixture.AppHost + "/public/logo.png");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/public/logo.png", (await BrowserSession.ReadEchoAsync(response)).Path);
    }

    [Fact]
    public async Task Request_UpstreamDown_Returns502Page()
    {
        using var browser = new BrowserSession();

        using var response = await browser.GetAsync(fixture.DownHost + "/");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("The application behind this address could not be reached.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_InvalidBearerWithInterceptHeaderAuth_Returns401()
    {
        using var browser = new BrowserSession();
        using var request = new HttpRequestMessage(HttpMethod.Get, fixture.AppHost + "/api");
        request.Headers.Add("Authorization", "Bearer not-a-token");

        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("no redirect is performed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebSocket_SignedIn_PassesThrough()
    {
        using var browser = new BrowserSession();
        using (await OutpostFixture.SignInAsync(browser, fixture.AppHost + "/"))
        {
        }

        using var socket = new ClientWebSocket();
        using var invoker = new HttpMessageInvoker(new SocketsHttpHandler
        {
            ConnectCallback = async (context, token) =>
            {
                var tcp = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
                await tcp.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), token);
                return new System.Net.Sockets.NetworkStream(tcp, ownsSocket: true);
            },
            CookieContainer = browser.Cookies,
        });
        await socket.ConnectAsync(new Uri($"ws://app.outpost.test:{fixture.Port}/ws"), invoker, CancellationToken.None);
        await socket.SendAsync("hello"u8.ToArray(), WebSocketMessageType.Text, true, CancellationToken.None);
        var buffer = new byte[64];
        var received = await socket.ReceiveAsync(buffer, CancellationToken.None);

        Assert.Equal("hello", Encoding.UTF8.GetString(buffer, 0, received.Count));
    }

    [Fact]
    public async Task Request_SslValidationOff_AcceptsSelfSignedUpstream()
    {
        using var browser = new BrowserSession();

        using var response = await browser.GetAsync(fixture.TlsUncheckedHost + "/tls");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/tls", (await BrowserSession.ReadEchoAsync(response)).Path);
    }

    [Fact]
    public async Task Request_SslValidationOn_RejectsSelfSignedUpstream()
    {
        using var browser = new BrowserSession();

        using var response = await browser.GetAsync(fixture.TlsCheckedHost + "/tls");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
    }

    [Fact]
    public async Task Request_ExpiredSession_RedirectsAndDeletesSession()
    {
        var store = fixture.Server.Services.GetRequiredService<IOutpostSessionStore>();
        var client = fixture.Server.Services.GetRequiredService<ProviderClients>().Get(fixture.Outpost, fixture.ProviderNamed("app"));
        var id = OutpostSessions.NewId();
        await store.SetAsync(new OutpostSession
        {
            Id = id,
            Outpost = fixture.Outpost.Name,
            Provider = "app",
            Subject = "alice",
            Data = "{\"claims\":{\"sub\":\"alice\"}}",
            ExpiresAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        }, CancellationToken.None);
        using var browser = new BrowserSession();
        using var request = new HttpRequestMessage(HttpMethod.Get, fixture.AppHost + "/private");
        request.Headers.Add("Cookie", client.CookieName + "=" + id);

        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Null(await store.GetAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task SessionStore_DeleteExpired_KeepsLiveSessions()
    {
        var store = fixture.Server.Services.GetRequiredService<IOutpostSessionStore>();
        var now = DateTimeOffset.UtcNow;
        var expired = new OutpostSession { Id = OutpostSessions.NewId(), Outpost = "o", Provider = "p", Data = "{}", ExpiresAt = now.AddSeconds(-10) };
        var live = expired with { Id = OutpostSessions.NewId(), ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(now.AddMinutes(10).ToUnixTimeSeconds()) };
        await store.SetAsync(expired, CancellationToken.None);
        await store.SetAsync(live, CancellationToken.None);

        var deleted = await store.DeleteExpiredAsync(now, CancellationToken.None);

        Assert.True(deleted >= 1);
        Assert.Null(await store.GetAsync(expired.Id, CancellationToken.None));
        Assert.Equal(live, await store.GetAsync(live.Id, CancellationToken.None));
    }
}
