using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Authentik.Plugins.EmbeddedOutpost.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;

namespace Authentik.Plugins.EmbeddedOutpost.Tests;

public sealed class HeaderAuthenticationTests(OutpostFixture fixture) : IClassFixture<OutpostFixture>
{
    [Fact]
    public async Task Bearer_ActiveToken_ForwardedAsUser()
    {
        var accessToken = await GetAccessTokenAsync("bob");
        using var browser = new BrowserSession();
        using var request = new HttpRequestMessage(HttpMethod.Get, fixture.AppHost + "/api/items");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);

        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = await BrowserSession.ReadEchoAsync(response);
        Assert.Equal("bob", echo.Header("X-authentik-uid"));
        Assert.Null(echo.Header("Authorization"));
    }

    [Fact]
    public async Task Bearer_UnknownToken_Returns401()
    {
        using var browser = new BrowserSession();
        using var request = new HttpRequestMessage(HttpMethod.Get, fixture.AppHost + "/api/items");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "unknown-token-value");

        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Basic_RejectedByIdentityProvider_Returns401()
    {
        using var browser = new BrowserSession();
        using var request = new HttpRequestMessage(HttpMethod.Get, fixture.AppHost + "/api/items");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("alice:wrong"u8));

        using var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>Runs an authorization-code login at the identity provider for the app's client and returns the access token.</summary>
    private async Task<string> GetAccessTokenAsync(string login)
    {
        var redirectUri = fixture.AppHost + "/outpost.goauthentik.io/callback?X-authentik-auth-callback=true";
        var authorize = QueryHelpers.AddQueryString(fixture.IdentityProvider.Issuer.AbsoluteUri + "auth", new Dictionary<string, string?>
        {
            ["client_id"] = "client-app",
            ["redirect_uri"] = redirectUri,
            ["response_type"] = "code",
            ["scope"] = "openid profile",
            ["state"] = "test-state",
        });
        using var browser = new BrowserSession();
        using var callback = await browser.FollowAsync(new Uri(authorize), login, url => url.AbsoluteUri.StartsWith(redirectUri, StringComparison.Ordinal));
        var code = QueryHelpers.ParseQuery(browser.Visited[^1].Query)["code"].ToString();

        using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, fixture.IdentityProvider.Issuer.AbsoluteUri + "token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = redirectUri,
            }),
        };
        tokenRequest.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("client-app:" + OutpostFixture.ClientSecret)));
        using var tokenResponse = await browser.SendAsync(tokenRequest);
        var body = JsonNode.Parse(await tokenResponse.Content.ReadAsStringAsync())!;
        return body["access_token"]?.ToString() ?? throw new InvalidOperationException("The token response has no access_token: " + body.ToJsonString());
    }
}
