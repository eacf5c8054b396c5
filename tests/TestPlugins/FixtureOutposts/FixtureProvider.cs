using Authentik.Plugins.Outposts;

namespace Authentik.Plugins.TestPlugins.FixtureOutposts;

/// <summary>One provider of the embedded outpost, as written in the plugin's configuration section.</summary>
public sealed class FixtureProvider
{
    public string Name { get; set; } = "";

    public string ExternalHost { get; set; } = "";

    public ProxyMode Mode { get; set; } = ProxyMode.Proxy;

    public string? CookieDomain { get; set; }
}
