using System.Net;

namespace Authentik.Plugins.Host.Tests;

public sealed class TrustedProxyTests : IClassFixture<HostWithBackendFixture>
{
    private readonly HostWithBackendFixture _fixture;

    public TrustedProxyTests(HostWithBackendFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task ForwardedFor_TrustedProxy_IsKeptWithPeerAppended()
    {
        var echo = await SendAsync(("X-Forwarded-For", "203.0.113.9"));

        Assert.Equal("203.0.113.9, 127.0.0.1", echo.Header("X-Forwarded-For"));
    }

    [Fact]
    public async Task ForwardedHost_TrustedProxy_BecomesHost()
    {
        var echo = await SendAsync(("X-Forwarded-Host", "public.example.com"));

        Assert.Equal("public.example.com", echo.Host);
        Assert.Equal("public.example.com", echo.Header("X-Forwarded-Host"));
    }

    [Fact]
    public async Task ForwardedProto_TrustedProxy_IsKept()
    {
        var echo = await SendAsync(("X-Forwarded-Proto", "https"));

        Assert.Equal("https", echo.Header("X-Forwarded-Proto"));
    }

    [Fact]
    public async Task ForwardedProto_InvalidScheme_FallsBackToConnectionScheme()
    {
        var echo = await SendAsync(("X-Forwarded-Proto", "gopher"));

        Assert.Equal("http", echo.Header("X-Forwarded-Proto"));
    }

    [Fact]
    public async Task NoForwardedHeaders_TrustedPeer_SetsThemFromConnection()
    {
        var echo = await SendAsync();

        Assert.Equal("app.example.com", echo.Host);
        Assert.Equal("127.0.0.1", echo.Header("X-Forwarded-For"));
        Assert.Equal("http", echo.Header("X-Forwarded-Proto"));
        Assert.Equal("app.example.com", echo.Header("X-Forwarded-Host"));
    }

    private async Task<BackendEcho> SendAsync(params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_fixture.Host.HttpUri, "/origin"));
        request.Headers.Host = "app.example.com";
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await _fixture.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await BackendEcho.ReadAsync(response);
    }
}
