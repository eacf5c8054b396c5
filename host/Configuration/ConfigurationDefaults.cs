namespace Authentik.Plugins.Host.Configuration;

/// <summary>Built-in values of the host's keys, the first and weakest configuration source.</summary>
internal static class ConfigurationDefaults
{
    /// <summary>authentik's default trusted proxy networks: loopback and the private ranges.</summary>
    public const string TrustedProxyCidrs = "127.0.0.0/8,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fe80::/10,::1/128";

    /// <summary>Returns the defaults; the plugin directory depends on where the host assembly lies.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Create() =>
    [
        new(ConfigurationKeys.LogLevel, "info"),
        new(ConfigurationKeys.ListenHttp, "0.0.0.0:9000"),
        new(ConfigurationKeys.ListenHttps, "0.0.0.0:9443"),
        new(ConfigurationKeys.ListenMetrics, "0.0.0.0:9300"),
        new(ConfigurationKeys.TrustedProxyCidrs, TrustedProxyCidrs),
        new(ConfigurationKeys.BackendUrl, "http://localhost:8000"),
        new(ConfigurationKeys.BackendTimeout, "100"),
        new(ConfigurationKeys.DataPath, "./data"),
        new(ConfigurationKeys.PluginsPath, Path.Combine(AppContext.BaseDirectory, "plugins")),
    ];
}
