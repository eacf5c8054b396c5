using System.Net;

namespace Authentik.Plugins.Host.Tests;

public sealed class UntrustedPeerTests : IClassFixture<UntrustedPeerFixture>
{
    private readonly UntrustedPeerFixture _fixture;

    public UntrustedPeerTests(UntrustedPeerFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task SpoofedForwardedFor_UntrustedPeer_IsReplacedWithPeer()
    {
        var echo = await SendAsync("app.example.com", ("X-Forwarded-For", "203.0.113.9, 198.51.100.1"));

        Assert.Equal("127.0.0.1", echo.Header("X-Forwarded-For"));
    }

    [Fact]
    public async Task SpoofedForwardedHost_UntrustedPeer_IsReplacedWithHost()
    {
        var echo = await SendAsync("app.example.com", ("X-Forwarded-Host", "admin.internal.example"));

        Assert.Equal("app.example.com", echo.Host);
        Assert.Equal("app.example.com", echo.Header("X-Forwarded-Host"));
    }

    [Fact]
    public async Task SpoofedForwardedProto_UntrustedPeer_IsReplacedWithConnectionScheme()
    {
        var echo = await SendAsync("app.example.com", ("X-Forwarded-Proto", "https"));

        Assert.Equal("http", echo.Header("X-Forwarded-Proto"));
    }

    [Fact]
    public async Task SpoofedForwardedAndRealIp_UntrustedPeer_AreRemoved()
    {
        var echo = await SendAsync(
            "app.example.com",
            ("Forwarded", "for=203.0.113.9;proto=https;host=admin.internal.example"),
            ("X-Real-IP", "203.0.113.9"),
            ("X-Forwarded-Scheme", "https"),
            ("X-Forwarded-Client-Cert", "Cert=forged"));

        Assert.Null(echo.Header("Forwarded"));
        Assert.Null(echo.Header("X-Real-IP"));
        Assert.Null(echo.Header("X-Forwarded-Scheme"));
        Assert.Null(echo.Header("X-Forwarded-Client-Cert"));
    }

    [Fact]
    public async Task SpoofedForwardedHost_UntrustedPeer_DoesNotChooseOutpostHost()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_fixture.Host.HttpUri, "/outpost.goauthentik.io/start"));
        request.Headers.Host = "app.example.com";
        request.Headers.Add("X-Forwarded-Host", "admin.internal.example");

        using var response = await _fixture.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"Host\": \"app.example.com\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("admin.internal.example", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Https_UntrustedPeer_ForwardsConnectionScheme()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_fixture.Host.HttpsUri, "/over-tls"));
        request.Headers.Host = "app.example.com";
        request.Headers.Add("X-Forwarded-Proto", "http");

        using var response = await _fixture.Client.SendAsync(request);
        var echo = await BackendEcho.ReadAsync(response);

        Assert.Equal("https", echo.Header("X-Forwarded-Proto"));
        Assert.Equal("/over-tls", echo.Path);
    }

    private async Task<BackendEcho> SendAsync(string host, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_fixture.Host.HttpUri, "/origin"));
        request.Headers.Host = host;
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await _fixture.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await BackendEcho.ReadAsync(response);
    }
}
