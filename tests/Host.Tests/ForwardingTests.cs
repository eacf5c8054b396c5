using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text;
using Authentik.Plugins.TestSupport;

namespace Authentik.Plugins.Host.Tests;

public sealed class ForwardingTests : IClassFixture<HostWithBackendFixture>
{
    private const int MaxBodySize = 32 * 1024 * 1024;

    private readonly HostWithBackendFixture _fixture;

    public ForwardingTests(HostWithBackendFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Response_FromBackend_HasPoweredByAndNoServer()
    {
        using var response = await _fixture.Client.GetAsync(new Uri(_fixture.Host.HttpUri, "/api/v3/root/config/"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("authentik", Assert.Single(response.Headers.GetValues("X-Powered-By")));
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task Request_WithoutTraceContext_ForwardsNoTraceparent()
    {
        using var response = await _fixture.Client.GetAsync(new Uri(_fixture.Host.HttpUri, "/api/v3/root/config/"));
        var echo = await BackendEcho.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(echo.Header("traceparent"));
    }

    [Fact]
    public async Task Request_WithTraceContext_ForwardsItUnchanged()
    {
        const string traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_fixture.Host.HttpUri, "/api/v3/root/config/"));
        request.Headers.Add("traceparent", traceparent);

        using var response = await _fixture.Client.SendAsync(request);
        var echo = await BackendEcho.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(traceparent, echo.Header("traceparent"));
    }

    [Fact]
    public async Task Request_PathAndQuery_AreForwardedUnchanged()
    {
        using var response = await _fixture.Client.GetAsync(new Uri(_fixture.Host.HttpUri, "/if/flow/default-authentication-flow/?next=%2Fif%2Fadmin%2F&a=b"));
        var echo = await BackendEcho.ReadAsync(response);

        Assert.Equal("/if/flow/default-authentication-flow/", echo.Path);
        Assert.Contains(
            _fixture.Backend.Requests,
            request => request.PathAndQuery == "/if/flow/default-authentication-flow/?next=%2Fif%2Fadmin%2F&a=b");
    }

    [Fact]
    public async Task Body_AtLimit_IsForwarded()
    {
        using var content = new ByteArrayContent(new byte[MaxBodySize]);

        using var response = await _fixture.Client.PostAsync(new Uri(_fixture.Host.HttpUri, "/upload"), content);
        var echo = await BackendEcho.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(MaxBodySize, echo.BodyLength);
    }

    [Fact]
    public async Task Body_OverLimitWithLength_Returns413()
    {
        using var content = new ByteArrayContent(new byte[MaxBodySize + 1]);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_fixture.Host.HttpUri, "/upload-too-large"))
        {
            Content = content,
        };

        // The host rejects the body by its length without reading it; with 100-continue the client
        // waits for that response instead of writing into a connection the host is closing.
        request.Headers.ExpectContinue = true;

        using var response = await _fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("request body too large: the limit is 33554432 bytes", await response.Content.ReadAsStringAsync());
        Assert.DoesNotContain(_fixture.Backend.Requests, request => request.PathAndQuery == "/upload-too-large");
    }

    [Fact]
    public async Task Body_OverLimitChunked_Returns413()
    {
        using var content = new StreamContent(new MemoryStream(new byte[MaxBodySize + 1024]));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_fixture.Host.HttpUri, "/upload-chunked"))
        {
            Content = content,
        };
        request.Headers.TransferEncodingChunked = true;

        using var response = await _fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task WebSocket_Upgrade_PassesThroughBothWays()
    {
        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Host", "app.example.com");
        var uri = new UriBuilder(_fixture.Host.HttpUri) { Scheme = "ws", Path = "/echo-ws" }.Uri;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        await socket.ConnectAsync(uri, timeout.Token);
        await socket.SendAsync(Encoding.UTF8.GetBytes("hello through the host"), WebSocketMessageType.Text, endOfMessage: true, timeout.Token);
        var buffer = new byte[1024];
        var result = await socket.ReceiveAsync(buffer, timeout.Token);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token);

        Assert.Equal(WebSocketMessageType.Text, result.MessageType);
        Assert.Equal("hello through the host", Encoding.UTF8.GetString(buffer, 0, result.Count));
        Assert.Equal(WebSocketState.Closed, socket.State);
    }

    [Fact]
    public async Task BackendAborts_BeforeResponse_Returns502WithReason()
    {
        using var response = await _fixture.Client.GetAsync(new Uri(_fixture.Host.HttpUri, "/abort"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("failed to connect to authentik backend: ", body, StringComparison.Ordinal);
        Assert.True(body.Length > "failed to connect to authentik backend: ".Length, body);
    }

    [Fact]
    public async Task BackendAborts_JsonAccepted_Returns502JsonError()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_fixture.Host.HttpUri, "/abort"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        using var response = await _fixture.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("{\"error\":\"failed to connect to authentik backend: ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BackendSilent_PastTimeout_Returns502()
    {
        var plugins = new TestPluginDirectory();
        try
        {
            var options = new HostProcessOptions { BackendUrl = _fixture.Backend.Url, PluginDirectory = plugins.Path };
            options.Environment["AUTHENTIK_BACKEND__TIMEOUT"] = "2";
            await using var host = await HostProcess.StartAsync(options);
            await host.WaitForStatusAsync("/-/health/ready/", HttpStatusCode.OK);

            using var response = await _fixture.Client.GetAsync(new Uri(host.HttpUri, "/stall"));

            Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
            Assert.Equal("failed to connect to authentik backend: no response within 2 seconds", await response.Content.ReadAsStringAsync());
        }
        finally
        {
            plugins.Delete();
        }
    }

    [Fact]
    public void BackendHealthChecks_UseRouterUserAgent()
    {
        var checks = _fixture.Backend.Requests.Where(request => request.PathAndQuery == "/-/health/live/").ToList();

        Assert.NotEmpty(checks);
        Assert.All(checks, check => Assert.Equal("goauthentik.io/router/healthcheck", check.Headers["User-Agent"]));
    }

    [Fact]
    public async Task HostHealthPaths_AreNotForwarded()
    {
        using var live = await _fixture.Client.GetAsync(new Uri(_fixture.Host.HttpUri, "/-/health/live/"));
        using var ready = await _fixture.Client.GetAsync(new Uri(_fixture.Host.HttpUri, "/-/health/ready/"));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.DoesNotContain(_fixture.Backend.Requests, request => request.PathAndQuery == "/-/health/ready/");
        Assert.All(
            _fixture.Backend.Requests.Where(request => request.PathAndQuery == "/-/health/live/"),
            request => Assert.Equal(EchoBackendUserAgent, request.Headers["User-Agent"]));
    }

    private const string EchoBackendUserAgent = "goauthentik.io/router/healthcheck";
}
