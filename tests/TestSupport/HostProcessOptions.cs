namespace Authentik.Plugins.TestSupport;

/// <summary>How <see cref="HostProcess"/> starts the host.</summary>
public sealed class HostProcessOptions
{
    /// <summary>
    /// Environment variables of the host process, added after the harness's own (listen
    /// addresses, data directory, backend URL), so they win. A <see langword="null"/> value removes
    /// the variable. Inherited <c>AUTHENTIK_*</c> variables are always removed first.
    /// </summary>
    public IDictionary<string, string?> Environment { get; } = new Dictionary<string, string?>(StringComparer.Ordinal);

    /// <summary>YAML written to a temporary file that <c>AUTHENTIK_CONFIG_FILE</c> names, or <see langword="null"/> for none.</summary>
    public string? ConfigFile { get; set; }

    /// <summary>The plugin directory, or <see langword="null"/> for the host's own, filled by building the first-party plugins.</summary>
    public string? PluginDirectory { get; set; }

    /// <summary>The data directory, or <see langword="null"/> for a new temporary one, deleted on dispose.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>
    /// The backend URL, or <see langword="null"/> for a loopback port that nothing listens on, so
    /// requests for the backend get authentik's "starting" response.
    /// </summary>
    public string? BackendUrl { get; set; }

    /// <summary>Command-line arguments; a command makes the host run it and exit.</summary>
    public IList<string> Arguments { get; } = [];

    /// <summary>How long the host may take to return 200 for <c>/-/health/live/</c>, or a command to exit. Generous for loaded CI machines.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(120);
}
