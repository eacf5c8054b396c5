using System.Net;

namespace Authentik.Plugins.Outposts.Tests;

/// <summary>Routing decisions of the real host process for the providers of its embedded outpost.</summary>
public sealed class HostRoutingTests : IClassFixture<HostWithOutpostsFixture>
{
    private readonly HostWithOutpostsFixture _fixture;

    public HostRoutingTests(HostWithOutpostsFixture fixture)
    {
        _fixture = fixture;
    }

    public static TheoryData<string, string, string, string?, string> Routes => new()
    {
        // Peer is "trusted" (127.0.0.1 inside the trusted networks) or "untrusted" (outside them).
        // host, path and query, peer, X-Forwarded-Host, expected destination
        { "app.test", "/", "trusted", null, "outpost" },
        { "APP.Test", "/any/path?x=1", "trusted", null, "outpost" },
        { "app.test", "/outpost.goauthentik.io/start", "trusted", null, "outpost" },
        { "app.test:8443", "/", "trusted", null, "core" },
        { "single.test:9000", "/", "trusted", null, "core" },
        { "single.test:9000", "/outpost.goauthentik.io/auth/nginx", "trusted", null, "outpost" },
        { "single.test:9000", "/app?X-authentik-auth-callback=true", "trusted", null, "outpost" },
        { "single.test:9000", "/app?X-authentik-logout=TRUE", "trusted", null, "outpost" },
        { "single.test:9000", "/app?X-authentik-auth-callback=false", "trusted", null, "core" },
        { "single.test", "/outpost.goauthentik.io/start", "trusted", null, "no app" },
        { "wiki.example.com", "/outpost.goauthentik.io/auth/traefik", "trusted", null, "outpost" },
        { "wiki.example.com", "/", "trusted", null, "core" },
        { "auth.example.com", "/outpost.goauthentik.io/start", "trusted", null, "outpost" },
        { "evil-example.com", "/outpost.goauthentik.io/start", "trusted", null, "no app" },
        { "example.com.evil.net", "/?X-authentik-auth-callback=true", "trusted", null, "core" },
        { "unknown.test", "/outpost.goauthentik.io/ping", "trusted", null, "ping" },
        { "unknown.test", "/", "trusted", "app.test", "outpost" },
        { "unknown.test", "/", "untrusted", "app.test", "core" },
        { "app.test", "/", "untrusted", "unknown.test", "outpost" },
        { "unknown.test", "/outpost.goauthentik.io/start", "untrusted", "wiki.example.com", "no app" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Request_ProviderHosts_ReachExpectedDestination(string host, string pathAndQuery, string peer, string? forwardedHost, string destination)
    {
        var target = peer == "trusted" ? _fixture.TrustingHost : _fixture.UntrustingHost;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(target.HttpUri, pathAndQuery));
        request.Headers.Host = host;
        if (forwardedHost is not null)
        {
            request.Headers.Add("X-Forwarded-Host", forwardedHost);
        }

        var forwardedBefore = CountForwarded(pathAndQuery);
        using var response = await _fixture.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        switch (destination)
        {
            case "outpost":
                // The embedded outpost responds itself (a login redirect, an invalid-callback 400,
                // or an upstream error for the unreachable internal host), so the backend never
                // receives the request.
                Assert.Equal(forwardedBefore, CountForwarded(pathAndQuery));
                Assert.DoesNotContain("no app for hostname", body, StringComparison.Ordinal);
                break;
            case "core":
                Assert.Equal(forwardedBefore + 1, CountForwarded(pathAndQuery));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("authentik", Assert.Single(response.Headers.GetValues("X-Powered-By")));
                Assert.Contains($"\"path\":\"{pathAndQuery.Split('?')[0]}\"", body, StringComparison.OrdinalIgnoreCase);
                break;
            case "ping":
                Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
                break;
            case "no app":
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                Assert.Contains("\"Message\": \"no app for hostname\"", body, StringComparison.Ordinal);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(destination), destination, "unknown destination");
        }
    }

    private int CountForwarded(string pathAndQuery) =>
        _fixture.Backend.Requests.Count(request => request.PathAndQuery == pathAndQuery);
}
