using System.Net;
using Authentik.Plugins.StaticFiles.Tests.Support;
using Authentik.Plugins.TestSupport;

namespace Authentik.Plugins.StaticFiles.Tests;

/// <summary>The plugin's settings and authentik's media keys, each on its own host process.</summary>
public sealed class StaticFilesSettingsTests : IDisposable
{
    private const string StageCategory = "Authentik.Plugins.StaticFiles.StaticFilesStage";

    private readonly StaticSite _site = new();

    [Fact]
    public async Task PluginsCommand_ListsStaticFilesAsLoaded()
    {
        var options = new HostProcessOptions();
        options.Arguments.Add("plugins");

        var result = await HostProcess.RunAsync(options);

        Assert.Contains("static-files: loaded\n", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains(
            "  registered: routing stage Authentik.Plugins.StaticFiles.StaticFilesStage; entry point Authentik.Plugins.StaticFiles.StaticFilesPluginEntry\n",
            result.StandardOutput,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_PlacesStaticStageFirst()
    {
        await using var host = await StaticFilesHost.StartAsync(_site.PluginSettings());

        Assert.Contains("Routing stages in order: static -> outpost_paths -> provider_hosts -> core.", host.Output, StringComparison.Ordinal);
        Assert.Contains($"info: {StageCategory}[2002] Serving /static/dist/ and /if/*/assets/ from '{_site.DistPath}'.", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingFolder_Returns404ForItsPrefixOnly()
    {
        var settings = _site.PluginSettings();
        var missing = Path.Combine(_site.RootPath, "does-not-exist");
        settings["help_path"] = missing;
        await using var host = await StaticFilesHost.StartAsync(settings);

        using var help = await host.Client.GetAsync("/help/index.html");
        using var dist = await host.Client.GetAsync("/static/dist/css/plain.css");

        Assert.Equal(HttpStatusCode.NotFound, help.StatusCode);
        Assert.Equal(HttpStatusCode.OK, dist.StatusCode);
        var warning = $"warn: {StageCategory}[2000] Static folder '{missing}' (plugins:static-files:help_path = '{missing}') does not exist; requests under /help/ return 404 until the folder is created and the host restarted.";
        Assert.Single(host.Output.Split('\n'), line => line.EndsWith(warning, StringComparison.Ordinal));
    }

    [Fact]
    public async Task FolderIsFile_LogsWarningAndReturns404()
    {
        var settings = _site.PluginSettings();
        var file = Path.Combine(_site.DistPath, "css", "plain.css");
        settings["authentik_path"] = file;
        await using var host = await StaticFilesHost.StartAsync(settings);

        using var response = await host.Client.GetAsync("/static/authentik/sources/source.svg");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains(
            $"warn: {StageCategory}[2001] Static folder '{file}' (plugins:static-files:authentik_path = '{file}') is a file, not a folder; requests under /static/authentik/ return 404 until the setting names a folder and the host restarted.",
            host.Output,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task MediaPath_DefaultsToStorageMediaFilePath()
    {
        var settings = _site.PluginSettings();
        settings.Remove("media_path");
        var environment = new Dictionary<string, string?>
        {
            ["AUTHENTIK_STORAGE__MEDIA__FILE__PATH"] = _site.MediaPath,
            ["AUTHENTIK_PATHS__MEDIA"] = _site.DistPath,
        };
        await using var host = await StaticFilesHost.StartAsync(settings, environment);

        using var response = await host.Client.GetAsync("/media/upload.svg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(StaticSite.MediaSvg, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MediaPath_FallsBackToPathsMedia()
    {
        var settings = _site.PluginSettings();
        settings.Remove("media_path");
        var environment = new Dictionary<string, string?> { ["AUTHENTIK_PATHS__MEDIA"] = _site.MediaPath };
        await using var host = await StaticFilesHost.StartAsync(settings, environment);

        using var response = await host.Client.GetAsync("/media/upload.svg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(StaticSite.MediaSvg, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task MediaBackendNotFile_ForwardsMediaToBackend()
    {
        var environment = new Dictionary<string, string?> { ["AUTHENTIK_STORAGE__MEDIA__BACKEND"] = "s3" };
        await using var host = await StaticFilesHost.StartAsync(_site.PluginSettings(), environment);

        using var media = await host.Client.GetAsync("/media/upload.svg");
        using var dist = await host.Client.GetAsync("/static/dist/css/plain.css");

        await StaticFilesHost.AssertForwardedAsync("/media/upload.svg", media);
        Assert.Equal(HttpStatusCode.OK, dist.StatusCode);
        Assert.Contains(
            $"info: {StageCategory}[2003] Not serving /media/: plugins:static-files:serve_media is false or storage:media:backend is not 'file'.",
            host.Output,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyPaths_FailPluginAndHostKeepsServing()
    {
        var settings = _site.PluginSettings();
        settings["dist_path"] = " ";
        settings["help_path"] = "";
        await using var host = await StaticFilesHost.StartAsync(settings);

        using var response = await host.Client.GetAsync("/static/dist/css/plain.css");

        await StaticFilesHost.AssertForwardedAsync("/static/dist/css/plain.css", response);
        Assert.Contains(
            $"fail: {StageCategory}[2007] The static-files settings are invalid, so the static stage is left out and its paths go to the later stages: "
            + "plugins:static-files:dist_path is empty; name a folder or remove the setting to use the default. "
            + "plugins:static-files:help_path is empty; name a folder or remove the setting to use the default.",
            host.Output,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnabledFalse_ForwardsStaticPathsToBackend()
    {
        var settings = _site.PluginSettings();
        settings["enabled"] = "false";
        await using var host = await StaticFilesHost.StartAsync(settings);

        using var response = await host.Client.GetAsync("/static/dist/css/plain.css");

        await StaticFilesHost.AssertForwardedAsync("/static/dist/css/plain.css", response);
    }

    public void Dispose() => _site.Dispose();
}
