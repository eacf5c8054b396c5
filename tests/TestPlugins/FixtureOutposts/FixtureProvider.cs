using Authentik.Plugins.Outposts;
using Microsoft.Extensions.Configuration;

namespace Authentik.Plugins.TestPlugins.FixtureOutposts;

/// <summary>One provider of the embedded outpost, as written in the plugin's configuration section.</summary>
public sealed class FixtureProvider
{
    public string Name { get; set; } = "";

    [ConfigurationKeyName("external_host")]
    public string ExternalHost { get; set; } = "";

    public ProxyMode Mode { get; set; } = ProxyMode.Proxy;

    [ConfigurationKeyName("cookie_domain")]
    public string? CookieDomain { get; set; }
}
