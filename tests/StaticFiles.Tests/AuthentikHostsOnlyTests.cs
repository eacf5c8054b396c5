using System.Net;
using Authentik.Plugins.StaticFiles.Tests.Support;

namespace Authentik.Plugins.StaticFiles.Tests;

/// <summary>
/// The <c>authentik_hosts_only</c> setting in the host process, whose embedded outpost has a
/// <c>proxy</c>-mode provider for <c>app.test</c>.
/// </summary>
public sealed class AuthentikHostsOnlyTests : IDisposable
{
    private const string Outposts = """
        outposts:
          instances:
            - name: authentik Embedded Outpost
              embedded: true
              providers:
                - name: app
                  mode: proxy
                  external_host: http://app.test
                  internal_host: http://127.0.0.1:9
                  client_id: app
                  client_secret: app-secret
                  oidc_configuration:
                    issuer: http://127.0.0.1:9/issuer
        """;

    private readonly StaticSite _site = new();

    [Fact]
    public async Task HostsOnly_LeavesProviderHostsToOutpost()
    {
        var settings = _site.PluginSettings();
        settings["authentik_hosts_only"] = "true";
        await using var host = await StaticFilesHost.StartAsync(settings, configFile: Outposts);

        using var providerHost = await SendAsync(host, "app.test");
        using var authentikHost = await SendAsync(host, "authentik.test");

        Assert.Equal(HttpStatusCode.Found, providerHost.StatusCode);
        Assert.Equal(
            "http://app.test/outpost.goauthentik.io/start?rd=" + Uri.EscapeDataString("http://app.test/media/upload.svg"),
            providerHost.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, authentikHost.StatusCode);
        Assert.Equal(StaticSite.MediaSvg, await authentikHost.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DefaultSettings_ServeProviderHostsLikeAuthentik()
    {
        await using var host = await StaticFilesHost.StartAsync(_site.PluginSettings(), configFile: Outposts);

        using var response = await SendAsync(host, "app.test");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(StaticSite.MediaSvg, await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => _site.Dispose();

    private static async Task<HttpResponseMessage> SendAsync(StaticFilesHost host, string hostHeader)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/media/upload.svg");
        request.Headers.Host = hostHeader;
        return await host.Client.SendAsync(request);
    }
}
