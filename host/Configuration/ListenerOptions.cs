using Microsoft.Extensions.Configuration;

namespace Authentik.Plugins.Host.Configuration;

/// <summary>
/// The <c>listen</c> section. Each address key accepts one <c>ip:port</c>, a comma-separated
/// list, or a YAML list.
/// </summary>
internal sealed class ListenerOptions
{
    public List<string> Http { get; set; } = [];

    public List<string> Https { get; set; } = [];

    public List<string> Metrics { get; set; } = [];

    [ConfigurationKeyName("trusted_proxy_cidrs")]
    public List<string> TrustedProxyCidrs { get; set; } = [];
}
