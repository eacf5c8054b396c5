using Authentik.Plugins.EmbeddedOutpost.Tests.Support;
using Authentik.Plugins.TestSupport;

namespace Authentik.Plugins.EmbeddedOutpost.Tests;

/// <summary>
/// The real host process with the embedded outpost, configured through the outposts file source,
/// plus the identity provider and the upstream. The provider's external host has no port, so test
/// clients connect port 80 to the host's HTTP listener.
/// </summary>
public sealed class HostProcessFixture : IAsyncLifetime
{
    public const string ExternalHost = "http://app.outpost.test";

    public const string ForwardExternalHost = "http://fwd.outpost.test";

    private IdentityProviderProcess? _identityProvider;
    private UpstreamApp? _upstream;
    private HostProcess? _host;

    internal HostProcess Host => _host!;

    internal IdentityProviderProcess IdentityProvider => _identityProvider!;

    public async Task InitializeAsync()
    {
        _upstream = await UpstreamApp.StartAsync();
        _identityProvider = await IdentityProviderProcess.StartAsync(
            [
                new IdentityProviderClient("host-app", OutpostFixture.ClientSecret, [ExternalHost + "/outpost.goauthentik.io/callback?X-authentik-auth-callback=true"]),
                new IdentityProviderClient("host-fwd", OutpostFixture.ClientSecret, [ForwardExternalHost + "/outpost.goauthentik.io/callback?X-authentik-auth-callback=true"]),
            ],
            new Dictionary<string, object>());
        var options = new HostProcessOptions
        {
            ConfigFile = $"""
                outposts:
                  instances:
                    - name: authentik Embedded Outpost
                      embedded: true
                      providers:
                        - name: app
                          mode: proxy
                          external_host: {ExternalHost}
                          internal_host: {_upstream.Address.AbsoluteUri}
                          client_id: host-app
                          client_secret: {OutpostFixture.ClientSecret}
                          oidc_configuration:
                            issuer: {_identityProvider.Issuer.AbsoluteUri.TrimEnd('/')}
                        - name: fwd
                          mode: forward_single
                          external_host: {ForwardExternalHost}
                          client_id: host-fwd
                          client_secret: {OutpostFixture.ClientSecret}
                          oidc_configuration:
                            issuer: {_identityProvider.Issuer.AbsoluteUri.TrimEnd('/')}
                """,
        };
        _host = await HostProcess.StartAsync(options);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        if (_identityProvider is not null)
        {
            await _identityProvider.DisposeAsync();
        }

        if (_upstream is not null)
        {
            await _upstream.DisposeAsync();
        }
    }
}
