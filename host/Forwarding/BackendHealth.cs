namespace Authentik.Plugins.Host.Forwarding;

/// <summary>Whether the last health check of the authentik backend succeeded.</summary>
internal sealed class BackendHealth
{
    private volatile bool _isHealthy;

    /// <summary>Whether the backend responded to its last <c>/-/health/live/</c> check with 2xx; <see langword="false"/> before the first check.</summary>
    public bool IsHealthy => _isHealthy;

    public void Report(bool isHealthy) => _isHealthy = isHealthy;
}
