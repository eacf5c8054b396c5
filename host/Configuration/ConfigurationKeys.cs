namespace Authentik.Plugins.Host.Configuration;

/// <summary>Configuration keys of the host, in authentik's snake_case form.</summary>
internal static class ConfigurationKeys
{
    public const string SecretKey = "secret_key";
    public const string LogLevel = "log_level";
    public const string ListenHttp = "listen:http";
    public const string ListenHttps = "listen:https";
    public const string ListenMetrics = "listen:metrics";
    public const string TrustedProxyCidrs = "listen:trusted_proxy_cidrs";
    public const string TlsCertificate = "tls:certificate";
    public const string TlsKey = "tls:key";
    public const string BackendUrl = "backend:url";
    public const string BackendTimeout = "backend:timeout";
    public const string DataPath = "paths:data";
    public const string PluginsPath = "paths:plugins";
    public const string Plugins = "plugins";
    public const string PluginEnabled = "enabled";

    /// <summary>Environment variable that names an extra YAML configuration file.</summary>
    public const string ConfigFileVariable = "AUTHENTIK_CONFIG_FILE";

    /// <summary>Pseudo key of problems with configuration files; its environment variable is <see cref="ConfigFileVariable"/>.</summary>
    public const string ConfigFile = "config_file";

    /// <summary>Prefix of the environment variables the host reads.</summary>
    public const string EnvironmentPrefix = "AUTHENTIK_";

    /// <summary>Returns the environment variable that sets <paramref name="key"/>, for error messages.</summary>
    public static string ToEnvironmentVariable(string key) =>
        EnvironmentPrefix + key.Replace(":", "__", StringComparison.Ordinal).Replace('-', '_').ToUpperInvariant();
}
