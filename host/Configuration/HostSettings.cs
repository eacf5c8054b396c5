using System.Net;

namespace Authentik.Plugins.Host.Configuration;

/// <summary>The host's validated and parsed settings; invalid values are left out and reported in <see cref="ConfigurationReport"/>.</summary>
internal sealed record HostSettings
{
    /// <summary>Configured secret key, or <see langword="null"/> when the host generates one. Never logged.</summary>
    public string? SecretKey { get; init; }

    public LogLevel LogLevel { get; init; } = LogLevel.Information;

    public IReadOnlyList<IPEndPoint> HttpEndpoints { get; init; } = [];

    public IReadOnlyList<IPEndPoint> HttpsEndpoints { get; init; } = [];

    public IReadOnlyList<IPEndPoint> MetricsEndpoints { get; init; } = [];

    public IReadOnlyList<IPNetwork> TrustedProxyNetworks { get; init; } = [];

    /// <summary>PEM certificate file, or <see langword="null"/> for a generated self-signed certificate.</summary>
    public string? TlsCertificatePath { get; init; }

    public string? TlsKeyPath { get; init; }

    public Uri BackendUrl { get; init; } = new("http://localhost:8000");

    /// <summary>Time the backend may stay silent while a request is sent or its response received, before the request fails with 502.</summary>
    public TimeSpan BackendTimeout { get; init; } = TimeSpan.FromSeconds(100);

    public string DataDirectory { get; init; } = "data";

    public string PluginDirectory { get; init; } = "plugins";
}
