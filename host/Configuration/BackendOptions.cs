namespace Authentik.Plugins.Host.Configuration;

/// <summary>The <c>backend</c> section: where the authentik backend (the Python server) listens.</summary>
internal sealed class BackendOptions
{
    public string? Url { get; set; }
}
