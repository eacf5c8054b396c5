using Authentik.Plugins.EmbeddedOutpost.Tests.Support;
using Authentik.Plugins.Outposts;
using Authentik.Plugins.TestSupport;

namespace Authentik.Plugins.EmbeddedOutpost.Tests;

/// <summary>
/// One identity provider, one upstream app and one outpost server for a test class, with a
/// provider per test scenario. Host names under <c>outpost.test</c> and <c>domain.test</c> all
/// reach 127.0.0.1 through <see cref="BrowserSession"/>.
/// </summary>
public sealed class OutpostFixture : IAsyncLifetime
{
    public const string ClientSecret = "test-client-secret-0123456789-abcdefghij";

    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "outpost-tests-" + Guid.NewGuid().ToString("N"));
    private IdentityProviderProcess? _identityProvider;
    private UpstreamApp? _upstream;
    private UpstreamApp? _httpsUpstream;
    private OutpostServer? _server;

    internal OutpostServer Server => _server!;

    internal IdentityProviderProcess IdentityProvider => _identityProvider!;

    internal UpstreamApp Upstream => _upstream!;

    public int Port => Server.Port;

    /// <summary>Port of nginx, chosen now and bound by the nginx tests.</summary>
    public int NginxPort { get; } = LoopbackPorts.GetFreePort();

    /// <summary>Port of Caddy, chosen now and bound by the Caddy tests.</summary>
    public int CaddyPort { get; } = LoopbackPorts.GetFreePort();

    /// <summary>A port nothing listens on, for the unreachable upstream.</summary>
    public int ClosedPort { get; } = LoopbackPorts.GetFreePort();

    /// <summary>authentik's backend as the outpost is configured with it; nothing listens there.</summary>
    public string BackendUrl { get; } = "http://127.0.0.1:" + LoopbackPorts.GetFreePort();

    public OutpostConfig Outpost { get; private set; } = null!;

    public string AppHost => $"http://app.outpost.test:{Port}";

    public string DownHost => $"http://down.outpost.test:{Port}";

    public string TlsUncheckedHost => $"http://tls-unchecked.outpost.test:{Port}";

    public string TlsCheckedHost => $"http://tls-checked.outpost.test:{Port}";

    public string EmbeddedHost => $"http://embedded.outpost.test:{Port}";

    public string TraefikHost => $"http://traefik.outpost.test:{Port}";

    public string EnvoyHost => $"http://envoy.outpost.test:{Port}";

    public string NginxHost => $"http://nginx.outpost.test:{NginxPort}";

    public string CaddyHost => $"http://caddy.outpost.test:{CaddyPort}";

    public string DomainAuthHost => $"http://auth.domain.test:{NginxPort}";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_dataPath);
        _upstream = await UpstreamApp.StartAsync();
        _httpsUpstream = await UpstreamApp.StartAsync(https: true);
        _server = await OutpostServer.StartAsync(_dataPath, BackendUrl);

        var providers = new List<ProxyProviderConfig>
        {
            Provider("app", AppHost, ProxyMode.Proxy) with
            {
                InternalHost = Upstream.Address.AbsoluteUri,
                SkipPathRegex = "^/public/\n([invalid",
                BasicAuthEnabled = true,
                BasicAuthUserAttribute = "basic_user",
                BasicAuthPasswordAttribute = "basic_password",
                ApplicationSlug = "app-slug",
            },
            Provider("down", DownHost, ProxyMode.Proxy) with { InternalHost = $"http://127.0.0.1:{ClosedPort}", SkipPathRegex = "^/" },
            Provider("tls-unchecked", TlsUncheckedHost, ProxyMode.Proxy) with { InternalHost = _httpsUpstream.Address.AbsoluteUri, InternalHostSslValidation = false, SkipPathRegex = "^/" },
            Provider("tls-checked", TlsCheckedHost, ProxyMode.Proxy) with { InternalHost = _httpsUpstream.Address.AbsoluteUri, SkipPathRegex = "^/" },
            Provider("traefik", TraefikHost, ProxyMode.ForwardSingle) with { SkipPathRegex = "^/health$" },
            Provider("envoy", EnvoyHost, ProxyMode.ForwardSingle),
            Provider("nginx", NginxHost, ProxyMode.ForwardSingle),
            Provider("caddy", CaddyHost, ProxyMode.ForwardSingle),
            Provider("domain", DomainAuthHost, ProxyMode.ForwardDomain) with { CookieDomain = "domain.test", SkipPathRegex = "^http://status\\.domain\\.test:\\d+/" },
        };
        var clients = providers.Select(provider => new IdentityProviderClient(
            provider.Oidc.ClientId,
            ClientSecret,
            [provider.ExternalHost + "/outpost.goauthentik.io/callback?X-authentik-auth-callback=true"]));
        var accounts = new Dictionary<string, object>
        {
            ["alice"] = new Dictionary<string, object>
            {
                ["groups"] = new[] { "admins", "staff" },
                ["entitlements"] = new[] { "read", "write" },
                ["ak_proxy"] = new Dictionary<string, object>
                {
                    ["user_attributes"] = new Dictionary<string, object>
                    {
                        ["basic_user"] = "alice-basic",
                        ["basic_password"] = "alice-password",
                        ["additionalHeaders"] = new Dictionary<string, object> { ["X-Extra"] = "extra-value" },
                    },
                },
            },
        };
        _identityProvider = await IdentityProviderProcess.StartAsync(clients, accounts);

        Outpost = new OutpostConfig
        {
            Name = "test outpost",
            Uuid = Guid.NewGuid(),
            Providers = providers.Select(provider => provider with { Oidc = provider.Oidc with { Issuer = IdentityProvider.Issuer.AbsoluteUri.TrimEnd('/') } }).ToList(),
        };

        // The embedded outpost sends browsers to authentik_host while its token calls go to the backend.
        var embedded = new OutpostConfig
        {
            Name = OutpostConstants.EmbeddedName,
            Uuid = Guid.NewGuid(),
            Managed = OutpostConstants.EmbeddedManagedValue,
            Settings = new OutpostSettings { AuthentikHost = "https://authentik.outpost.test" },
            Providers = [Provider("embedded", EmbeddedHost, ProxyMode.Proxy) with
            {
                InternalHost = Upstream.Address.AbsoluteUri,
                Oidc = new OidcClientConfig
                {
                    ClientId = "embedded",
                    ClientSecret = ClientSecret,
                    AuthorizationEndpoint = BackendUrl + "/application/o/authorize/",
                    TokenEndpoint = BackendUrl + "/application/o/token/",
                },
            }],
        };
        Server.Lookup.Set([
            .. Outpost.Providers.Select(provider => new ProviderMatch(Outpost, provider)),
            .. embedded.Providers.Select(provider => new ProviderMatch(embedded, provider)),
        ]);
    }

    /// <summary>The configured provider called <paramref name="name"/>.</summary>
    public ProxyProviderConfig ProviderNamed(string name) => Outpost.Providers.Single(provider => provider.Name == name);

    /// <summary>Signs <paramref name="login"/> in through <paramref name="url"/> and returns the final response.</summary>
    internal static async Task<HttpResponseMessage> SignInAsync(BrowserSession browser, string url, string login = "alice") =>
        await browser.FollowAsync(new Uri(url), login);

    public async Task DisposeAsync()
    {
        if (_identityProvider is not null)
        {
            await _identityProvider.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_upstream is not null)
        {
            await _upstream.DisposeAsync();
        }

        if (_httpsUpstream is not null)
        {
            await _httpsUpstream.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataPath, recursive: true);
    }

    private static ProxyProviderConfig Provider(string name, string externalHost, ProxyMode mode) => new()
    {
        Name = name,
        ExternalHost = externalHost,
        Mode = mode,
        Oidc = new OidcClientConfig { ClientId = "client-" + name, ClientSecret = ClientSecret },
    };
}
