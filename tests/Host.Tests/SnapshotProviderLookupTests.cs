using Authentik.Plugins.Host.Routing;
using Authentik.Plugins.Outposts;
using Microsoft.Extensions.FileProviders;

namespace Authentik.Plugins.Host.Tests;

public sealed class SnapshotProviderLookupTests
{
    private static readonly ProxyProviderConfig[] Providers =
    [
        Provider("exact", "https://app.example.net", ProxyMode.Proxy),
        Provider("with-port", "https://port.example.net:8443", ProxyMode.Proxy),
        Provider("domain", "https://auth.example.net", ProxyMode.ForwardDomain, ".example.net"),
        Provider("deeper-domain", "https://auth.apps.example.net", ProxyMode.ForwardDomain, "apps.example.net"),
        Provider("single-with-cookie-domain", "https://single.example.org", ProxyMode.ForwardSingle, "example.org"),
        Provider("invalid", "not a url", ProxyMode.Proxy),
    ];

    [Theory]
    [InlineData("app.example.net", "exact")]
    [InlineData("APP.Example.NET", "exact")]
    [InlineData("port.example.net:8443", "with-port")]
    [InlineData("port.example.net", "domain")]
    [InlineData("x.apps.example.net", "deeper-domain")]
    [InlineData("apps.example.net", "deeper-domain")]
    [InlineData("x.y.apps.example.net:9000", "deeper-domain")]
    [InlineData("other.example.net", "domain")]
    [InlineData("example.net", "domain")]
    [InlineData("badexample.net", null)]
    [InlineData("x.example.org", null)]
    [InlineData("single.example.org", "single-with-cookie-domain")]
    [InlineData("net", null)]
    [InlineData("", null)]
    public void Find_Host_ReturnsExpectedProvider(string host, string? expected)
    {
        var lookup = new SnapshotProviderLookup(new FixedProvider(Providers));

        var match = lookup.Find(host);

        Assert.Equal(expected, match?.Provider.Name);
    }

    [Fact]
    public void Find_SnapshotReplaced_UsesNewProviders()
    {
        var source = new FixedProvider([Provider("first", "https://first.example.com", ProxyMode.Proxy)]);
        var lookup = new SnapshotProviderLookup(source);
        var before = lookup.Find("first.example.com");

        source.Replace([Provider("second", "https://second.example.com", ProxyMode.Proxy)]);

        Assert.Equal("first", before?.Provider.Name);
        Assert.Null(lookup.Find("first.example.com"));
        Assert.Equal("second", lookup.Find("second.example.com")?.Provider.Name);
    }

    private static ProxyProviderConfig Provider(string name, string externalHost, ProxyMode mode, string? cookieDomain = null) => new()
    {
        Name = name,
        ExternalHost = externalHost,
        Mode = mode,
        CookieDomain = cookieDomain,
        Oidc = new OidcClientConfig { ClientId = name, ClientSecret = "unused" },
    };

    private sealed class FixedProvider : IOutpostConfigProvider
    {
        private OutpostSnapshot _snapshot;

        public FixedProvider(IReadOnlyList<ProxyProviderConfig> providers)
        {
            _snapshot = Create(providers, revision: 1);
        }

        public OutpostSnapshot GetSnapshot() => _snapshot;

        public void Replace(IReadOnlyList<ProxyProviderConfig> providers) => _snapshot = Create(providers, _snapshot.Revision + 1);

        private static OutpostSnapshot Create(IReadOnlyList<ProxyProviderConfig> providers, long revision) =>
            new(
                [
                    new OutpostConfig
                    {
                        Name = OutpostConstants.EmbeddedName,
                        Uuid = Guid.Empty,
                        Managed = OutpostConstants.EmbeddedManagedValue,
                        Providers = providers,
                    },
                ],
                NullChangeToken.Singleton,
                revision);
    }
}
