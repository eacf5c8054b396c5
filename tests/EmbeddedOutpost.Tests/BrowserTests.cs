using System.Text.Json;
using Authentik.Plugins.EmbeddedOutpost.Tests.Support;

namespace Authentik.Plugins.EmbeddedOutpost.Tests;

/// <summary>The full round trip in headless Chromium: protected URL, login, application page, sign-out, login again.</summary>
public sealed class BrowserTests(ForwardAuthFixture proxies) : IClassFixture<ForwardAuthFixture>
{
    private OutpostFixture Fixture => proxies.Outpost;

    [Fact]
    public async Task ProxyMode_RoundTrip_SignsInAndOut()
    {
        var result = await BrowserRoundTrip.RunAsync(Fixture.AppHost + "/browser/page", Fixture.AppHost + "/outpost.goauthentik.io/sign_out");

        AssertRoundTrip(result, "/browser/page", "app");
    }

    [Fact]
    public async Task Nginx_RoundTrip_SignsInAndOut()
    {
        var result = await BrowserRoundTrip.RunAsync(Fixture.NginxHost + "/browser/page", Fixture.NginxHost + "/outpost.goauthentik.io/sign_out");

        AssertRoundTrip(result, "/browser/page", "nginx");
    }

    [Fact]
    public async Task Caddy_RoundTrip_SignsInAndOut()
    {
        var result = await BrowserRoundTrip.RunAsync(Fixture.CaddyHost + "/browser/page", Fixture.CaddyHost + "/outpost.goauthentik.io/sign_out");

        AssertRoundTrip(result, "/browser/page", "caddy");
    }

    private void AssertRoundTrip(JsonElement result, string expectedPath, string expectedProvider)
    {
        var upstream = result.GetProperty("upstream");
        var headers = upstream.GetProperty("Headers").EnumerateObject().ToDictionary(header => header.Name, header => header.Value.GetString(), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(expectedPath, upstream.GetProperty("Path").GetString());
        Assert.Equal("alice", headers["X-authentik-username"]);
        Assert.Equal("alice@example.test", headers["X-authentik-email"]);
        Assert.Equal(expectedProvider, headers["X-authentik-meta-provider"]);
        Assert.StartsWith(Fixture.IdentityProvider.Issuer.AbsoluteUri + "session/end", result.GetProperty("signedOutAt").GetString(), StringComparison.Ordinal);
        Assert.True(result.GetProperty("loginFormAfterSignOut").GetBoolean());
    }
}
