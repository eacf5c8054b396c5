namespace Authentik.Plugins.Outposts.Tests;

/// <summary>Builds outposts and providers for tests that do not go through a reader.</summary>
internal static class TestOutposts
{
    public static ProxyProviderConfig Provider(string name, string externalHost, ProxyMode mode = ProxyMode.Proxy, string? cookieDomain = null) => new()
    {
        Name = name,
        ExternalHost = externalHost,
        InternalHost = mode == ProxyMode.Proxy ? "http://upstream:8080" : null,
        Mode = mode,
        CookieDomain = cookieDomain,
        Oidc = new OidcClientConfig { ClientId = "client-" + name, ClientSecret = "secret-" + name },
    };

    public static OutpostConfig Embedded(params ProxyProviderConfig[] providers) => new()
    {
        Name = OutpostConstants.EmbeddedName,
        Uuid = Guid.Parse("1e4b6e3a-6c5d-4f44-9a55-5d1c34f2a001"),
        Managed = OutpostConstants.EmbeddedManagedValue,
        Providers = providers,
    };

    public static OutpostConfig Deployed(string name, params ProxyProviderConfig[] providers) => new()
    {
        Name = name,
        Uuid = Guid.NewGuid(),
        Providers = providers,
    };
}
