namespace Authentik.Plugins.Host.Configuration;

/// <summary>The <c>backend</c> section: where the authentik backend (the Python server) listens.</summary>
internal sealed class BackendOptions
{
    public string? Url { get; set; }

    /// <summary>Seconds the backend may stay silent while a request is sent or its response received.</summary>
    public string? Timeout { get; set; }
}
