using System.Net;

namespace Authentik.Plugins.Host.Tests;

public sealed class PoweredByTests : IClassFixture<ProviderRoutingFixture>
{
    private readonly ProviderRoutingFixture _fixture;

    public PoweredByTests(ProviderRoutingFixture fixture)
    {
        _fixture = fixture;
    }

    public static TheoryData<string, string, HttpStatusCode> Responses => new()
    {
        // host, path, status of the response the host makes itself or forwards
        { "app.example.com", "/-/health/live/", HttpStatusCode.OK },
        { "app.example.com", "/-/health/ready/", HttpStatusCode.OK },
        { "app.example.com", "/-/metrics/", HttpStatusCode.NotFound },
        { "app.example.com", "/outpost.goauthentik.io/ping", HttpStatusCode.NoContent },
        { "unknown.example.org", "/outpost.goauthentik.io/start", HttpStatusCode.BadRequest },
        { "proxy.example.com", "/", HttpStatusCode.Found },
        { "unknown.example.org", "/hello-plugin", HttpStatusCode.OK },
        { "app.example.com", "/forwarded", HttpStatusCode.OK },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task Response_PublicPort_CarriesPoweredBy(string host, string path, HttpStatusCode status)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_fixture.Host.HttpUri, path));
        request.Headers.Host = host;

        using var response = await _fixture.Client.SendAsync(request);

        Assert.Equal(status, response.StatusCode);
        Assert.True(response.Headers.TryGetValues("X-Powered-By", out var values), $"{path} on {host} has no X-Powered-By header.");
        Assert.Equal(["authentik"], values);
    }

    [Fact]
    public async Task Response_MetricsPort_HasNoPoweredBy()
    {
        using var response = await _fixture.Client.GetAsync(new Uri(_fixture.Host.MetricsUri, "/metrics"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("X-Powered-By"));
    }
}
