using Authentik.Plugins.StaticFiles.Tests.Support;

namespace Authentik.Plugins.StaticFiles.Tests;

/// <summary>
/// Attempts to read <c>outside/secret.txt</c>, which sits beside the served folders, sent over a
/// raw socket so that the request target reaches the server byte for byte. Each gets 400 or
/// 404 (Kestrel itself rejects a NUL with 400), or, when Kestrel's removal of dot segments leaves no
/// static prefix, goes on to the backend; no response contains the secret.
/// </summary>
public sealed class StaticFilesPathAttackTests(StaticSiteServerFixture fixture) : IClassFixture<StaticSiteServerFixture>
{
    [Fact]
    public Task Get_DotDotSegments_DoesNotLeaveRoot() =>
        AssertLeftToLaterStagesAsync("/static/dist/../../outside/secret.txt", "/outside/secret.txt");

    [Fact]
    public Task Get_DotDotAfterMediaPrefix_DoesNotLeaveRoot() =>
        AssertLeftToLaterStagesAsync("/media/../outside/secret.txt", "/outside/secret.txt");

    [Fact]
    public Task Get_EncodedDots_DoesNotLeaveRoot() =>
        AssertLeftToLaterStagesAsync("/static/dist/%2e%2e/%2e%2e/outside/secret.txt", "/outside/secret.txt");

    [Fact]
    public Task Get_MixedCaseEncodedDots_DoesNotLeaveRoot() =>
        AssertLeftToLaterStagesAsync("/static/dist/%2E%2e/%2e%2E/outside/secret.txt", "/outside/secret.txt");

    [Fact]
    public Task Get_DoubleEncodedDots_DoesNotLeaveRoot() =>
        AssertStatusAsync("/static/dist/%252e%252e/%252e%252e/outside/secret.txt", 400);

    [Fact]
    public Task Get_EncodedSlash_DoesNotLeaveRoot() =>
        AssertStatusAsync("/static/dist/..%2f..%2foutside%2fsecret.txt", 400);

    [Fact]
    public Task Get_EncodedBackslash_DoesNotLeaveRoot() =>
        AssertStatusAsync("/static/dist/..%5c..%5coutside%5csecret.txt", 400);

    [Fact]
    public Task Get_Backslashes_DoesNotLeaveRoot() =>
        AssertStatusAsync("/static/dist/..\\..\\outside\\secret.txt", 400);

    [Fact]
    public Task Get_EncodedNul_DoesNotLeaveRoot() =>
        AssertStatusAsync("/static/dist/css/app.css%00/../../../outside/secret.txt", 400);

    [Fact]
    public Task Get_EncodedNewline_IsRejected() =>
        AssertStatusAsync("/static/dist/css/app.css%0d%0aX-Injected:%20yes", 400);

    [Fact]
    public Task Get_RawNul_IsRejected() =>
        AssertStatusAsync("/static/dist/css/app.css\0.txt", 400);

    [Fact]
    public Task Get_OverlongPath_IsRejected() =>
        AssertStatusAsync("/static/dist/" + string.Concat(Enumerable.Repeat("a/", 2100)) + "secret.txt", 404);

    [Fact]
    public Task Get_OverlongSegment_IsRejected() =>
        AssertStatusAsync("/static/dist/" + new string('a', 300) + ".css", 404);

    [Fact]
    public Task Get_ManyDotDotSegments_DoesNotLeaveRoot() =>
        AssertLeftToLaterStagesAsync("/static/dist/" + string.Concat(Enumerable.Repeat("../", 64)) + "outside/secret.txt", "/outside/secret.txt");

    [Fact]
    public Task Get_RelativeLinkToOutsideFile_IsNotFollowed() =>
        AssertStatusAsync("/static/dist/link-to-secret.txt", 404);

    [Fact]
    public Task Get_AbsoluteLinkToOutsideFile_IsNotFollowed() =>
        AssertStatusAsync("/static/dist/absolute-link-to-secret.txt", 404);

    [Fact]
    public Task Get_LinkToOutsideFolder_IsNotFollowed() =>
        AssertStatusAsync("/static/dist/link-to-outside/secret.txt", 404);

    [Fact]
    public Task Get_AbsoluteFormTarget_DoesNotLeaveRoot() =>
        AssertLeftToLaterStagesAsync("http://localhost/static/dist/../../outside/secret.txt", "/outside/secret.txt");

    [Fact]
    public Task Get_FlowSlugDotDot_DoesNotLeaveRoot() =>
        AssertLeftToLaterStagesAsync("/if/flow/../../../outside/assets/../secret.txt", "/outside/secret.txt");

    /// <summary>Asserts the status, and that the secret is not in the body.</summary>
    private async Task AssertStatusAsync(string requestTarget, int expectedStatusCode)
    {
        var response = await RawHttp.SendAsync(fixture.Host.Port, requestTarget);

        Assert.DoesNotContain(StaticSite.SecretMarker, response.Body, StringComparison.Ordinal);
        Assert.Equal(expectedStatusCode, response.StatusCode);
    }

    /// <summary>
    /// Asserts that the static stage did not claim the request: Kestrel removed the dot segments,
    /// so the path names no static prefix and the backend gets it.
    /// </summary>
    private async Task AssertLeftToLaterStagesAsync(string requestTarget, string normalizedPath)
    {
        var response = await RawHttp.SendAsync(fixture.Host.Port, requestTarget);

        Assert.DoesNotContain(StaticSite.SecretMarker, response.Body, StringComparison.Ordinal);
        StaticFilesHost.AssertForwarded(normalizedPath, response);
    }
}
