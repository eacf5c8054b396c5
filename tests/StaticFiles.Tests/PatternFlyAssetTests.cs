using System.Net;
using System.Text.Json;
using Authentik.Plugins.StaticFiles.Tests.Support;
using Authentik.Plugins.TestSupport;

namespace Authentik.Plugins.StaticFiles.Tests;

/// <summary>A real asset set, PatternFly from npm, served from the dist folder.</summary>
public sealed class PatternFlyAssetTests(PatternFlySiteFixture fixture) : IClassFixture<PatternFlySiteFixture>
{
    /// <summary>Content types expected for the extensions the package contains.</summary>
    private static readonly Dictionary<string, string> ExpectedContentTypes = new(StringComparer.Ordinal)
    {
        [".css"] = "text/css; charset=utf-8",
        [".scss"] = "text/x-scss; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".md"] = "text/markdown; charset=utf-8",
        [".woff2"] = "font/woff2",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".hbs"] = "text/x-handlebars-template; charset=utf-8",
        [".json"] = "application/json",
        [".mjs"] = "text/javascript; charset=utf-8",
        [".map"] = "application/json",
    };

    [Fact]
    public async Task Get_EveryPackageFile_ReturnsSameBytesAndType()
    {
        Assert.True(fixture.PackageFiles.Count > 500, $"Only {fixture.PackageFiles.Count} files in {PatternFlySiteFixture.PackagePath}.");
        var mismatches = new List<string>();

        foreach (var file in fixture.PackageFiles)
        {
            using var response = await fixture.Host.Client.GetAsync("/static/dist/" + Uri.EscapeDataString(file).Replace("%2F", "/", StringComparison.Ordinal));
            var expectedType = ExpectedContentTypes.GetValueOrDefault(Path.GetExtension(file), "(extension missing from the test's table)");
            var contentType = response.Content.Headers.ContentType?.ToString();
            var body = await response.Content.ReadAsByteArrayAsync();
            var expectedBody = await File.ReadAllBytesAsync(Path.Combine(PatternFlySiteFixture.PackagePath, file));

            if (response.StatusCode != HttpStatusCode.OK)
            {
                mismatches.Add($"{file}: status {(int)response.StatusCode}");
            }
            else if (contentType != expectedType)
            {
                mismatches.Add($"{file}: Content-Type '{contentType}', expected '{expectedType}'");
            }
            else if (!body.SequenceEqual(expectedBody))
            {
                mismatches.Add($"{file}: body differs from the package file");
            }
        }

        Assert.Empty(mismatches);
    }

    [Fact]
    public async Task Chromium_PatternFlyPage_LoadsEveryResource()
    {
        var pageUrl = new Uri(fixture.Host.Client.BaseAddress!, PatternFlySiteFixture.PagePath).ToString();

        var (exitCode, output, errors) = await NodeScript.RunAsync("load-page.mjs", pageUrl, RepositoryPaths.PeerModules);

        Assert.True(exitCode == 0, $"load-page.mjs exited with {exitCode}. Output: {output} Errors: {errors}");
        using var result = JsonDocument.Parse(output);
        var root = result.RootElement;
        Assert.Empty(root.GetProperty("failures").EnumerateArray());

        var responses = root.GetProperty("responses").EnumerateArray()
            .ToDictionary(response => new Uri(response.GetProperty("url").GetString()!).AbsolutePath, response => response.GetProperty("contentType").GetString());
        Assert.Equal("text/css; charset=utf-8", responses["/static/dist/patternfly.css"]);
        Assert.Equal("font/woff2", responses["/static/dist/assets/fonts/RedHatText/RedHatTextVF.woff2"]);
        Assert.Equal("font/woff2", responses["/static/dist/assets/fonts/webfonts/fa-solid-900.woff2"]);
        Assert.Equal("image/png", responses["/static/dist/assets/images/FuseConnector_Icons_REST.png"]);
        Assert.Equal("image/svg+xml", responses["/if/flow/default-authentication-flow/assets/images/PF-IconLogo-Reverse.svg"]);

        var fonts = root.GetProperty("fonts").EnumerateArray().Select(font => font.GetString()).ToHashSet();
        Assert.Contains("Red Hat Text", fonts);
        Assert.Contains("Red Hat Display", fonts);
        Assert.Contains("Red Hat Mono", fonts);
        Assert.Contains("Font Awesome 5 Free", fonts);
        Assert.Contains("pf-v6-pficon", fonts);

        var images = root.GetProperty("images").EnumerateArray().ToArray();
        Assert.Equal(3, images.Length);
        Assert.All(images, image => Assert.True(image.GetProperty("width").GetInt32() > 0, $"{image.GetProperty("src")} did not render."));
        Assert.StartsWith("\"Red Hat Text\"", root.GetProperty("bodyFontFamily").GetString(), StringComparison.Ordinal);
    }
}
