using System.Net;
using Authentik.Plugins.TestSupport;

namespace Authentik.Plugins.Host.Tests;

/// <summary>
/// A host whose embedded outpost has providers (declared in the outposts section of its configuration file) and a
/// custom stage (the Hello plugin) before <c>core</c>, in front of an <see cref="EchoBackend"/>.
/// </summary>
public sealed class ProviderRoutingFixture : IAsyncLifetime
{
    private const string Config = """
        outposts:
          instances:
            - name: authentik Embedded Outpost
              embedded: true
              providers:
                - name: proxied
                  external_host: https://proxy.example.com
                  internal_host: http://127.0.0.1:9
                  mode: proxy
                  client_id: proxied
                  client_secret: unused-secret
                  oidc_configuration:
                    issuer: http://127.0.0.1:9/issuer
                - name: forward-single
                  external_host: https://forward.example.com
                  mode: forward_single
                  client_id: forward-single
                  client_secret: unused-secret
                  oidc_configuration:
                    issuer: http://127.0.0.1:9/issuer
                - name: with-port
                  external_host: http://port.example.com:8080
                  internal_host: http://127.0.0.1:9
                  mode: proxy
                  client_id: with-port
                  client_secret: unused-secret
                  oidc_configuration:
                    issuer: http://127.0.0.1:9/issuer
                - name: domain
                  external_host: https://auth.example.net
                  mode: forward_domain
                  cookie_domain: .example.net
                  client_id: domain
                  client_secret: unused-secret
                  oidc_configuration:
                    issuer: http://127.0.0.1:9/issuer
                - name: deeper-domain
                  external_host: https://auth.apps.example.net
                  mode: forward_domain
                  cookie_domain: apps.example.net
                  client_id: deeper-domain
                  client_secret: unused-secret
                  oidc_configuration:
                    issuer: http://127.0.0.1:9/issuer
        """;

    private readonly TestPluginDirectory _plugins = new();

    public EchoBackend Backend { get; private set; } = null!;

    public HostProcess Host { get; private set; } = null!;

    public HttpClient Client { get; } = HostProcess.CreateClient();

    public async Task InitializeAsync()
    {
        _plugins.AddFixture(TestPluginDirectory.Hello, "hello");

        Backend = await EchoBackend.StartAsync();
        Host = await HostProcess.StartAsync(new HostProcessOptions
        {
            BackendUrl = Backend.Url,
            PluginDirectory = _plugins.Path,
            ConfigFile = Config,
        });
        await Host.WaitForStatusAsync("/-/health/ready/", HttpStatusCode.OK);
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        if (Backend is not null)
        {
            await Backend.DisposeAsync();
        }

        _plugins.Delete();
    }
}
