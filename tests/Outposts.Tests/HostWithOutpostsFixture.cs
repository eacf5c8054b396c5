using System.Net;
using Authentik.Plugins.TestSupport;

namespace Authentik.Plugins.Outposts.Tests;

/// <summary>
/// An <see cref="EchoBackend"/> and two host processes in front of it, both declaring one
/// embedded outpost with three providers in a YAML file: one that trusts forwarded headers from
/// 127.0.0.1 (the default trusted networks) and one that trusts only 10.0.0.0/8.
/// </summary>
public sealed class HostWithOutpostsFixture : IAsyncLifetime
{
    public const string ConfigFile = """
        outposts:
          instances:
            - name: authentik Embedded Outpost
              config:
                authentik_host: https://auth.example.com
              providers:
                - name: app
                  external_host: https://app.test
                  internal_host: http://127.0.0.1:9
                  mode: proxy
                  client_id: app-client
                  client_secret: app-secret
                - name: single
                  external_host: http://single.test:9000
                  mode: forward_single
                  client_id: single-client
                  client_secret: single-secret
                - name: domain
                  external_host: https://auth.example.com
                  mode: forward_domain
                  cookie_domain: .example.com
                  client_id: domain-client
                  client_secret: domain-secret
        """;

    private string? _pluginDirectory;

    public EchoBackend Backend { get; private set; } = null!;

    public HostProcess TrustingHost { get; private set; } = null!;

    public HostProcess UntrustingHost { get; private set; } = null!;

    public HttpClient Client { get; } = HostProcess.CreateClient();

    public async Task InitializeAsync()
    {
        _pluginDirectory = Directory.CreateTempSubdirectory("authentik-plugins-empty-").FullName;
        Backend = await EchoBackend.StartAsync();
        TrustingHost = await StartHostAsync(trustedNetworks: null);
        UntrustingHost = await StartHostAsync(trustedNetworks: "10.0.0.0/8");
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        foreach (var host in new[] { TrustingHost, UntrustingHost })
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }

        if (Backend is not null)
        {
            await Backend.DisposeAsync();
        }

        if (_pluginDirectory is not null)
        {
            Directory.Delete(_pluginDirectory, recursive: true);
        }
    }

    private async Task<HostProcess> StartHostAsync(string? trustedNetworks)
    {
        var options = new HostProcessOptions { BackendUrl = Backend.Url, PluginDirectory = _pluginDirectory, ConfigFile = ConfigFile };
        if (trustedNetworks is not null)
        {
            options.Environment["AUTHENTIK_LISTEN__TRUSTED_PROXY_CIDRS"] = trustedNetworks;
        }

        var host = await HostProcess.StartAsync(options);
        await host.WaitForStatusAsync("/-/health/ready/", HttpStatusCode.OK);
        await host.WaitForOutputAsync("Read 1 outposts from outposts:instances.");
        return host;
    }
}
