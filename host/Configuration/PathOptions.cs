namespace Authentik.Plugins.Host.Configuration;

/// <summary>The <c>paths</c> section.</summary>
internal sealed class PathOptions
{
    /// <summary>Directory of the generated secret key and the local state database.</summary>
    public string? Data { get; set; }

    /// <summary>Drop-in plugin directory: one subfolder per plugin.</summary>
    public string? Plugins { get; set; }
}
