using Authentik.Plugins.StaticFiles.Tests.Support;

namespace Authentik.Plugins.StaticFiles.Tests;

/// <summary>
/// The <c>authentik_hosts_only</c> setting, with the stage in a Kestrel server on a loopback port
/// that treats <c>app.test</c> as a proxy provider's host.
/// </summary>
// NOTE: runs in-process because the host has no provider configuration source yet (only the
// embedded outpost without providers), so no host name can belong to a provider there.
public sealed class AuthentikHostsOnlyTests : IDisposable
{
    private readonly StaticSite _site = new();

    [Fact]
    public async Task HostsOnly_LeavesProviderHostsToLaterStages()
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

    public void Dispose() => _site.Dispose();
}
