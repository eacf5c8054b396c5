using System.Net;
using System.Net.Http.Headers;
using Authentik.Plugins.TestSupport;

namespace Authentik.Plugins.Host.Tests;

/// <summary>A host whose backend URL points at a loopback port where nothing listens.</summary>
public sealed class BackendDownFixture : IAsyncLifetime
{
    public HostProcess Host { get; private set; } = null!;

    public HttpClient Client { get; } = HostProcess.CreateClient();

    public async Task InitializeAsync()
    {
        Host = await HostProcess.StartAsync();
        await Host.WaitForOutputAsync("is not healthy");
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }
}

public sealed class StartingTests : IClassFixture<BackendDownFixture>
{
    private readonly BackendDownFixture _fixture;

    public StartingTests(BackendDownFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task BackendDown_PlainText_Returns503Starting()
    {
        using var response = await SendAsync(accept: null);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("5", Assert.Single(response.Headers.GetValues("Retry-After")));
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("authentik starting", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task BackendDown_JsonAccepted_Returns503JsonError()
    {
        using var response = await SendAsync("application/json");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("5", Assert.Single(response.Headers.GetValues("Retry-After")));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("{\"error\":\"authentik starting\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task BackendDown_HtmlAccepted_Returns503StartingPage()
    {
        using var response = await SendAsync("text/html");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("5", Assert.Single(response.Headers.GetValues("Retry-After")));
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<title>authentik starting</title>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BackendDown_Ready_Returns503AndLiveReturns200()
    {
        using var ready = await _fixture.Client.GetAsync(new Uri(_fixture.Host.HttpUri, "/-/health/ready/"));
        using var live = await _fixture.Client.GetAsync(new Uri(_fixture.Host.HttpUri, "/-/health/live/"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task BackendDown_OutpostPing_StillReturns204()
    {
        using var response = await _fixture.Client.GetAsync(new Uri(_fixture.Host.HttpUri, "/outpost.goauthentik.io/ping"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private Task<HttpResponseMessage> SendAsync(string? accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_fixture.Host.HttpUri, "/if/admin/"));
        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        return _fixture.Client.SendAsync(request);
    }
}
