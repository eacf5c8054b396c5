using System.Net;
using Authentik.Plugins.StaticFiles.Tests.Support;

namespace Authentik.Plugins.StaticFiles.Tests;

/// <summary>Requests that name no servable file: directories, hidden files, other methods.</summary>
public sealed class StaticFilesRejectionTests(StaticSiteServerFixture fixture) : IClassFixture<StaticSiteServerFixture>
{
    private HttpClient Client => fixture.Host.Client;

    [Theory]
    [InlineData("/static/dist/")]
    [InlineData("/static/dist/folder")]
    [InlineData("/static/dist/folder/")]
    [InlineData("/static/dist/css/")]
    [InlineData("/media/")]
    [InlineData("/if/admin/assets")]
    [InlineData("/if/admin/assets/")]
    public async Task Get_Directory_Returns404WithoutListing(string path)
    {
        using var response = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("404 page not found\n", await response.Content.ReadAsStringAsync());
        Assert.Equal(AuthentikCompatibility.Version, Assert.Single(response.Headers.GetValues("X-authentik-version")));
    }

    [Theory]
    [InlineData("/static/dist/missing.css")]
    [InlineData("/static/dist/css/app.css/extra")]
    [InlineData("/static/dist/.hidden.txt")]
    [InlineData("/help/missing.html")]
    public async Task Get_MissingFile_Returns404(string path)
    {
        using var response = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("404 page not found\n", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    [InlineData("OPTIONS")]
    public async Task Send_OtherMethod_Returns405WithAllow(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "/static/dist/css/plain.css");

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow);
        Assert.Equal("405 method not allowed\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_RobotsTxt_Returns405()
    {
        using var response = await Client.PostAsync("/robots.txt", new StringContent("x"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow);
    }

    [Theory]
    [InlineData("/static")]
    [InlineData("/static/")]
    [InlineData("/static/other/file.css")]
    [InlineData("/static/distribution/file.css")]
    [InlineData("/media")]
    [InlineData("/help")]
    [InlineData("/Static/dist/css/plain.css")]
    [InlineData("/if/admin/")]
    [InlineData("/if/admin/assetsx/icons/icon.svg")]
    [InlineData("/if/flow/assets/icons/icon.svg")]
    [InlineData("/if/other/assets/icons/icon.svg")]
    [InlineData("/robots.txt/x")]
    [InlineData("/.well-known/other.txt")]
    public async Task Get_OtherPath_FallsThrough(string path)
    {
        using var response = await Client.GetAsync(path);

        await StaticFilesHost.AssertForwardedAsync(path, response);
        Assert.False(response.Headers.Contains("X-authentik-version"));
    }
}
