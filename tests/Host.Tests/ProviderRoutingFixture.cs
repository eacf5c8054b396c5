using System.Net;
using Authentik.Plugins.TestSupport;

namespace Authentik.Plugins.Host.Tests;

/// <summary>
/// A host whose embedded outpost has providers (supplied by the FixtureOutposts plugin) and a
/// custom stage (the Hello plugin) before <c>core</c>, in front of an <see cref="EchoBackend"/>.
/// </summary>
public sealed class ProviderRoutingFixture : IAsyncLifetime
{
    private const string Config = """
        plugins:
          fixture-outposts:
            providers:
              - name: proxied
                external_host: https://proxy.example.com
                mode: Proxy
              - name: forward-single
                external_host: https://forward.example.com
                mode: ForwardSingle
              - name: with-port
                external_host: http://port.example.com:8080
                mode: Proxy
              - name: domain
                external_host: https://auth.example.net
                mode: ForwardDomain
                cookie_domain: .example.net
              - name: deeper-domain
                external_host: https://auth.apps.example.net
                mode: ForwardDomain
                cookie_domain: apps.example.net
        """;

    private readonly TestPluginDirectory _plugins = new();

    public EchoBackend Backend { get; private set; } = null!;

    public HostProcess Host { get; private set; } = null!;

    public HttpClient Client { get; } = HostProcess.CreateClient();

    public async Task InitializeAsync()
    {
        _plugins.AddFixture(TestPluginDirectory.FixtureOutposts, "fixture-outposts");
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
