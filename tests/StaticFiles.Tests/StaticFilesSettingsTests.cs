using System.Net;
using Authentik.Plugins.StaticFiles.Tests.Support;
using Microsoft.Extensions.Options;

namespace Authentik.Plugins.StaticFiles.Tests;

/// <summary>The plugin's settings and authentik's media keys, each on its own host.</summary>
public sealed class StaticFilesSettingsTests : IDisposable
{
    private readonly StaticSite _site = new();

    [Fact]
    public async Task MissingFolder_Returns404ForItsPrefixOnly()
    {
        var settings = _site.PluginSettings();
        var missing = Path.Combine(_site.RootPath, "does-not-exist");
        settings["help_path"] = missing;
        await using var host = await InProcessHost.StartAsync(settings);

        using var help = await host.Client.GetAsync("/help/index.html");
        using var dist = await host.Client.GetAsync("/static/dist/css/plain.css");

        Assert.Equal(HttpStatusCode.NotFound, help.StatusCode);
        Assert.Equal(HttpStatusCode.OK, dist.StatusCode);
        var warning = Assert.Single(host.LogLines, line => line.StartsWith("Warning 2000:", StringComparison.Ordinal));
        Assert.Equal(
            $"Warning 2000: Static folder '{missing}' (plugins:static-files:help_path = '{missing}') does not exist; requests under /help/ return 404 until the folder is created and the host restarted.",
            warning);
    }

    [Fact]
    public async Task FolderIsFile_LogsWarningAndReturns404()
    {
        var settings = _site.PluginSettings();
        var file = Path.Combine(_site.DistPath, "css", "plain.css");
        settings["authentik_path"] = file;
        await using var host = await InProcessHost.StartAsync(settings);

        using var response = await host.Client.GetAsync("/static/authentik/sources/source.svg");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(host.LogLines, line => line.StartsWith("Warning 2001:", StringComparison.Ordinal) && line.Contains(file, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AuthentikHostsOnly_LeavesProviderHostsToLaterStages()
    {
        var settings = _site.PluginSettings();
        settings["authentik_hosts_only"] = "true";
        await using var host = await InProcessHost.StartAsync(settings, providerHosts: ["app.test"]);

        var providerHost = await RawHttp.SendAsync(host.Port, "/media/upload.svg", host: "app.test");
        var authentikHost = await RawHttp.SendAsync(host.Port, "/media/upload.svg", host: "authentik.test");

        Assert.Equal(InProcessHost.FallThroughPrefix + "/media/upload.svg", providerHost.Body);
        Assert.Equal(200, authentikHost.StatusCode);
        Assert.Equal(StaticSite.MediaSvg, authentikHost.Body);
    }

    [Fact]
    public async Task DefaultSettings_ServeProviderHostsLikeAuthentik()
    {
        await using var host = await InProcessHost.StartAsync(_site.PluginSettings(), providerHosts: ["app.test"]);

        var response = await RawHttp.SendAsync(host.Port, "/media/upload.svg", host: "app.test");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(StaticSite.MediaSvg, response.Body);
    }

    [Fact]
    public async Task MediaPath_DefaultsToStorageMediaFilePath()
    {
        var settings = _site.PluginSettings();
        settings.Remove("media_path");
        var hostSettings = new Dictionary<string, string?>
        {
            ["storage:media:file:path"] = _site.MediaPath,
            ["paths:media"] = _site.DistPath,
        };
        await using var host = await InProcessHost.StartAsync(settings, hostSettings);

        using var response = await host.Client.GetAsync("/media/upload.svg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(StaticSite.MediaSvg, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MediaPath_FallsBackToPathsMedia()
    {
        var settings = _site.PluginSettings();
        settings.Remove("media_path");
        var hostSettings = new Dictionary<string, string?> { ["paths:media"] = _site.MediaPath };
        await using var host = await InProcessHost.StartAsync(settings, hostSettings);

        using var response = await host.Client.GetAsync("/media/upload.svg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task MediaBackendNotFile_LeavesMediaToLaterStages()
    {
        var hostSettings = new Dictionary<string, string?> { ["storage:media:backend"] = "s3" };
        await using var host = await InProcessHost.StartAsync(_site.PluginSettings(), hostSettings);

        using var media = await host.Client.GetAsync("/media/upload.svg");
        using var dist = await host.Client.GetAsync("/static/dist/css/plain.css");

        Assert.Equal(InProcessHost.FallThroughPrefix + "/media/upload.svg", await media.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, dist.StatusCode);
        Assert.Contains("Information 2003: Not serving /media/: plugins:static-files:serve_media is false or storage:media:backend is not 'file'.", host.LogLines);
    }

    [Fact]
    public async Task EmptyPaths_FailStartWithEverySetting()
    {
        var settings = _site.PluginSettings();
        settings["dist_path"] = " ";
        settings["help_path"] = "";

        var exception = await Assert.ThrowsAsync<OptionsValidationException>(() => InProcessHost.StartAsync(settings));

        Assert.Equal(
            [
                "plugins:static-files:dist_path is empty; name a folder or remove the setting to use the default.",
                "plugins:static-files:help_path is empty; name a folder or remove the setting to use the default.",
            ],
            exception.Failures);
    }

    public void Dispose() => _site.Dispose();
}
