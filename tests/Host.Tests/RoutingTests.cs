using System.Net;

namespace Authentik.Plugins.Host.Tests;

public sealed class RoutingTests : IClassFixture<HostWithBackendFixture>
{
    private readonly HostWithBackendFixture _fixture;

    public RoutingTests(HostWithBackendFixture fixture)
    {
        _fixture = fixture;
    }

    public static TheoryData<string, string, string> BuiltInRoutes => new()
    {
        // host, path, expected destination
        { "app.example.com", "/", "core" },
        { "app.example.com", "/if/admin/", "core" },
        { "app.example.com", "/static/dist/main.js", "core" },
        { "app.example.com", "/media/logo.png", "core" },
        { "app.example.com", "/help", "core" },
        { "app.example.com", "/outpost.goauthentik.iox", "core" },
        { "app.example.com", "/Outpost.goauthentik.io/ping", "core" },
        { "app.example.com", "/outpost.goauthentik.io/ping", "ping" },
        { "other.example.org:9000", "/outpost.goauthentik.io/ping", "ping" },
        { "app.example.com", "/outpost.goauthentik.io/start", "no app" },
        { "app.example.com", "/outpost.goauthentik.io", "no app" },
        { "app.example.com", "/-/health/live/", "host" },
    };

    [Theory]
    [MemberData(nameof(BuiltInRoutes))]
    public async Task Request_BuiltInStagesOnly_ReachesExpectedDestination(string host, string path, string destination)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_fixture.Host.HttpUri, path));
        request.Headers.Host = host;

        using var response = await _fixture.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        switch (destination)
        {
            case "core":
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("authentik", Assert.Single(response.Headers.GetValues("X-Powered-By")));
                var echo = await BackendEcho.ReadAsync(response);
                Assert.Equal(path, echo.Path);
                Assert.Equal(host, echo.Host);
                break;
            case "ping":
                Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
                Assert.Equal("", body);
                break;
            case "no app":
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                Assert.Contains("\"Message\": \"no app for hostname\"", body, StringComparison.Ordinal);
                break;
            case "host":
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.False(response.Headers.Contains("X-Powered-By"));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(destination), destination, "unknown destination");
        }
    }

    [Fact]
    public async Task OutpostPath_UnknownHost_ReturnsAuthentikErrorBody()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_fixture.Host.HttpUri, "/outpost.goauthentik.io/start"));
        request.Headers.Host = "unknown.example.com:9000";

        using var response = await _fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(
            "{\n\t\"Message\": \"no app for hostname\",\n\t\"Host\": \"unknown.example.com:9000\",\n\t\"Detail\": \"Check the outpost settings and make sure 'unknown.example.com:9000' is included.\"\n}\n",
            await response.Content.ReadAsStringAsync());
    }
}
