using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Authentik.Plugins.StaticFiles.Tests.Support;

namespace Authentik.Plugins.StaticFiles.Tests;

/// <summary>Responses for files that exist: headers, conditional and range requests, encodings.</summary>
public sealed class StaticFilesResponseTests(StaticSiteServerFixture fixture) : IClassFixture<StaticSiteServerFixture>
{
    private HttpClient Client => fixture.Host.Client;

    [Fact]
    public async Task Get_StyleSheet_ReturnsFileWithAuthentikHeaders()
    {
        using var response = await Client.GetAsync("/static/dist/css/plain.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(StaticSite.StyleSheet, await response.Content.ReadAsStringAsync());
        Assert.Equal("text/css; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("public, no-transform", response.Headers.NonValidated["Cache-Control"].ToString());
        Assert.Equal(AuthentikCompatibility.Version, Assert.Single(response.Headers.GetValues("X-authentik-version")));
        Assert.Equal("X-authentik-version, Etag", response.Headers.NonValidated["Vary"].ToString());
        Assert.NotNull(response.Headers.ETag);
        Assert.False(response.Headers.ETag.IsWeak);
        Assert.Equal(File.GetLastWriteTimeUtc(Path.Combine(fixture.Site.DistPath, "css", "plain.css")).TruncateToSeconds(), response.Content.Headers.LastModified?.UtcDateTime);
        Assert.Equal(Encoding.UTF8.GetByteCount(StaticSite.StyleSheet), response.Content.Headers.ContentLength);
        Assert.False(response.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task Get_MatchingIfNoneMatch_Returns304()
    {
        using var first = await Client.GetAsync("/static/dist/large.bin");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/static/dist/large.bin");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(first.Headers.ETag, response.Headers.ETag);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_OtherIfNoneMatch_Returns200()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/static/dist/css/plain.css");
        request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"another\""));

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_OtherIfMatch_Returns412()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/static/dist/css/plain.css");
        request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"another\""));

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
    }

    [Fact]
    public async Task Get_IfModifiedSinceLastModified_Returns304()
    {
        using var first = await Client.GetAsync("/static/dist/css/plain.css");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/static/dist/css/plain.css");
        request.Headers.IfModifiedSince = first.Content.Headers.LastModified;

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
    }

    [Fact]
    public async Task Get_IfModifiedSinceBeforeLastModified_Returns200()
    {
        using var first = await Client.GetAsync("/static/dist/css/plain.css");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/static/dist/css/plain.css");
        request.Headers.IfModifiedSince = first.Content.Headers.LastModified!.Value.AddDays(-1);

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_SingleRange_Returns206WithThatSlice()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/static/dist/large.bin");
        request.Headers.Range = new RangeHeaderValue(1000, 17383);

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("bytes 1000-17383/1048576", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal(fixture.Site.LargeFile.AsSpan(1000, 16384).ToArray(), await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(AuthentikCompatibility.Version, Assert.Single(response.Headers.GetValues("X-authentik-version")));
    }

    [Fact]
    public async Task Get_SuffixRange_Returns206WithFileEnd()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/static/dist/large.bin");
        request.Headers.Range = new RangeHeaderValue(null, 100);

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("bytes 1048476-1048575/1048576", response.Content.Headers.ContentRange?.ToString());
        Assert.Equal(fixture.Site.LargeFile.AsSpan(1048476).ToArray(), await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Get_UnsatisfiableRange_Returns416()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/static/dist/large.bin");
        request.Headers.Range = new RangeHeaderValue(2_000_000, null);

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
        Assert.Equal("bytes */1048576", response.Content.Headers.ContentRange?.ToString());
    }

    [Fact]
    public async Task Get_LargeFile_ReturnsEveryByte()
    {
        using var response = await Client.GetAsync("/static/dist/large.bin");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(fixture.Site.LargeFile, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/octet-stream", response.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task Head_StyleSheet_ReturnsHeadersWithoutBody()
    {
        var raw = await RawHttp.SendAsync(fixture.Host.Port, "/static/dist/css/plain.css", method: "HEAD");

        Assert.Equal(200, raw.StatusCode);
        Assert.Equal(Encoding.UTF8.GetByteCount(StaticSite.StyleSheet).ToString(System.Globalization.CultureInfo.InvariantCulture), raw.Headers["Content-Length"]);
        Assert.Equal("text/css; charset=utf-8", raw.Headers["Content-Type"]);
        Assert.StartsWith("\"", raw.Headers["ETag"], StringComparison.Ordinal);
        Assert.Equal(string.Empty, raw.Body);
    }

    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("gzip, deflate, br", "br")]
    [InlineData("gzip;q=1, br;q=0.5", "gzip")]
    [InlineData("*", "br")]
    [InlineData("*, br;q=0", "gzip")]
    public async Task Get_AcceptedEncoding_ReturnsPrecompressedSibling(string acceptEncoding, string expectedEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/static/dist/css/app.css");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);

        using var response = await Client.SendAsync(request);

        var expectedBody = expectedEncoding == "br" ? StaticSite.Brotli(StaticSite.StyleSheet) : StaticSite.Gzip(StaticSite.StyleSheet);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([expectedEncoding], response.Content.Headers.ContentEncoding);
        Assert.Equal("text/css; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("X-authentik-version, Etag, Accept-Encoding", response.Headers.NonValidated["Vary"].ToString());
        Assert.Equal(expectedBody, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("identity")]
    [InlineData("br;q=0, gzip;q=0")]
    [InlineData("deflate")]
    public async Task Get_NoAcceptedEncoding_ReturnsIdentityWithVary(string? acceptEncoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/static/dist/css/app.css");
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Equal("X-authentik-version, Etag, Accept-Encoding", response.Headers.NonValidated["Vary"].ToString());
        Assert.Equal(StaticSite.StyleSheet, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_SiblingWithoutFile_Returns404()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/static/dist/css/orphan.css");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }

    [Fact]
    public async Task Get_PrecompressedRange_Returns206OfEncodedFile()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/static/dist/css/app.css");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip");
        request.Headers.Range = new RangeHeaderValue(0, 9);

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal(["gzip"], response.Content.Headers.ContentEncoding);
        Assert.Equal(StaticSite.Gzip(StaticSite.StyleSheet).AsSpan(0, 10).ToArray(), await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/static/dist/js/module.mjs", "text/javascript; charset=utf-8")]
    [InlineData("/static/dist/js/app.js", "text/javascript; charset=utf-8")]
    [InlineData("/static/dist/js/app.js.map", "application/json")]
    [InlineData("/static/dist/fonts/text.woff2", "font/woff2")]
    [InlineData("/static/dist/wasm/module.wasm", "application/wasm")]
    [InlineData("/static/dist/data/config.json", "application/json")]
    [InlineData("/static/dist/images/logo.svg", "image/svg+xml")]
    [InlineData("/static/dist/files/blob.xyz", "application/octet-stream")]
    [InlineData("/static/dist/css/app.css.gz", "application/gzip")]
    [InlineData("/static/authentik/sources/source.svg", "image/svg+xml")]
    [InlineData("/help/index.html", "text/html; charset=utf-8")]
    public async Task Get_File_ReturnsContentTypeOfExtension(string path, string expectedContentType)
    {
        using var response = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expectedContentType, response.Content.Headers.ContentType?.ToString());
    }

    [Theory]
    [InlineData("/if/admin/assets/icons/icon.svg")]
    [InlineData("/if/user/assets/icons/icon.svg")]
    [InlineData("/if/flow/default-authentication-flow/assets/icons/icon.svg")]
    [InlineData("/if/rac/remote-desktop/assets/icons/icon.svg")]
    public async Task Get_InterfaceAssets_ReturnsDistFile(string path)
    {
        using var response = await Client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("<svg xmlns=\"http://www.w3.org/2000/svg\"><title>icon</title></svg>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_Media_SetsSandboxPolicy()
    {
        using var response = await Client.GetAsync("/media/upload.svg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(StaticSite.MediaSvg, await response.Content.ReadAsStringAsync());
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'; sandbox", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task Get_MissingMedia_SetsSandboxPolicyOn404()
    {
        using var response = await Client.GetAsync("/media/missing.svg");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("default-src 'none'; style-src 'unsafe-inline'; sandbox", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task Get_SymbolicLinkInsideRoot_ReturnsTarget()
    {
        using var response = await Client.GetAsync("/static/dist/link-inside.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(StaticSite.StyleSheet, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_RobotsTxt_ReturnsPlainText()
    {
        using var response = await Client.GetAsync("/robots.txt");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("User-agent: *\nDisallow: /\n", await response.Content.ReadAsStringAsync());
        Assert.Equal(AuthentikCompatibility.Version, Assert.Single(response.Headers.GetValues("X-authentik-version")));
    }

    [Fact]
    public async Task Get_SecurityTxt_ReturnsAuthentikContact()
    {
        using var response = await Client.GetAsync("/.well-known/security.txt");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.ToString());
        Assert.StartsWith("Contact: mailto:security@goauthentik.io\n", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
