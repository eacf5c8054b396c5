using Microsoft.Extensions.Configuration;

namespace Authentik.Plugins.Host.Configuration;

/// <summary>
/// The host's settings as configured, before validation. Keys use authentik's snake_case names,
/// and <see cref="HostSettings"/> contains the validated and parsed form.
/// </summary>
internal sealed class AuthentikOptions
{
    [ConfigurationKeyName("secret_key")]
    public string? SecretKey { get; set; }

    [ConfigurationKeyName("log_level")]
    public string? LogLevel { get; set; }

    public ListenerOptions Listen { get; set; } = new();

    public TlsOptions Tls { get; set; } = new();

    public BackendOptions Backend { get; set; } = new();

    public PathOptions Paths { get; set; } = new();
}
