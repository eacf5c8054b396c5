using System.Net;

namespace Authentik.Plugins.Host.Tests;

public sealed class ProviderRoutingTests : IClassFixture<ProviderRoutingFixture>
{
    private readonly ProviderRoutingFixture _fixture;

    public ProviderRoutingTests(ProviderRoutingFixture fixture)
    {
        _fixture = fixture;
    }

    public static TheoryData<string, string, string> Routes => new()
    {
        // host, path and query, expected destination
        { "proxy.example.com", "/", "embedded_outpost" },
        { "PROXY.example.COM", "/any/path", "embedded_outpost" },
        { "proxy.example.com", "/hello-plugin", "embedded_outpost" },
        { "proxy.example.com:9000", "/", "core" },
        { "port.example.com:8080", "/", "embedded_outpost" },
        { "port.example.com", "/", "core" },
        { "forward.example.com", "/", "core" },
        { "forward.example.com", "/?X-authentik-auth-callback=true", "embedded_outpost" },
        { "forward.example.com", "/?X-authentik-logout=TRUE", "embedded_outpost" },
        { "forward.example.com", "/?X-authentik-logout=false", "core" },
        { "forward.example.com", "/outpost.goauthentik.io/start", "embedded_outpost" },
        { "forward.example.com", "/outpost.goauthentik.io/ping", "ping" },
        { "app.example.net", "/outpost.goauthentik.io/auth/nginx", "embedded_outpost" },
        { "app.example.net:443", "/outpost.goauthentik.io/auth/nginx", "embedded_outpost" },
        { "example.net", "/outpost.goauthentik.io/auth/nginx", "embedded_outpost" },
        { "app.example.net", "/", "core" },
        { "badexample.net", "/outpost.goauthentik.io/start", "no app" },
        { "unknown.example.org", "/outpost.goauthentik.io/start", "no app" },
        { "unknown.example.org", "/outpost.goauthentik.io/auth/nginx", "embedded_outpost" },
        { "unknown.example.org", "/hello-plugin", "hello" },
        { "unknown.example.org", "/", "core" },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Request_ProviderHosts_ReachesExpectedDestination(string host, string pathAndQuery, string destination)
    {
        var before = await DestinationCounts.ReadAsync(_fixture.Client, _fixture.Host.MetricsUri);
        var forwardedBefore = CountForwarded();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_fixture.Host.HttpUri, pathAndQuery));
        request.Headers.Host = host;

        using var response = await _fixture.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var handledBy = await DestinationCounts.WaitForChangeAsync(_fixture.Client, _fixture.Host.MetricsUri, before);

        switch (destination)
        {
            case "embedded_outpost":
                Assert.Equal("embedded_outpost", handledBy);
                Assert.Equal(forwardedBefore, CountForwarded());
                break;
            case "core":
                Assert.Equal("core", handledBy);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(host, (await BackendEcho.ReadAsync(response)).Host);
                break;
            case "hello":
                Assert.Equal("hello", handledBy);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.StartsWith("greeting=hello\n", body, StringComparison.Ordinal);
                break;
            case "ping":
                Assert.Equal("embedded_outpost", handledBy);
                Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
                break;
            case "no app":
                Assert.Equal("embedded_outpost", handledBy);
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                Assert.Contains($"\"Host\": \"{host}\"", body, StringComparison.Ordinal);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(destination), destination, "unknown destination");
        }
    }

    [Fact]
    public async Task Metrics_RequestsHandled_AreLabelledByStageDestination()
    {
        using var hello = await _fixture.Client.GetAsync(new Uri(_fixture.Host.HttpUri, "/hello-plugin"));
        using var request = new HttpRequestMessage(HttpMethod.Get, _fixture.Host.HttpUri);
        request.Headers.Host = "proxy.example.com";
        using var outpost = await _fixture.Client.SendAsync(request);
        using var core = await _fixture.Client.GetAsync(_fixture.Host.HttpUri);

        var metrics = await _fixture.Client.GetStringAsync(new Uri(_fixture.Host.MetricsUri, "/metrics"));

        Assert.Contains("authentik_main_request_duration_seconds_count{dest=\"hello\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("authentik_main_request_duration_seconds_count{dest=\"embedded_outpost\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("authentik_main_request_duration_seconds_count{dest=\"core\"}", metrics, StringComparison.Ordinal);
    }

    private int CountForwarded() => _fixture.Backend.Requests.Count(received => received.PathAndQuery != "/-/health/live/");
}
