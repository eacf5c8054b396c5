using Microsoft.Extensions.Configuration;

namespace Authentik.Plugins.StaticFiles;

/// <summary>
/// Settings of the static-files plugin, bound from the <c>plugins:static-files</c> configuration
/// section. Relative paths are resolved against the host's working directory, like authentik's.
/// </summary>
public sealed class StaticFilesOptions
{
    /// <summary>Folder served under <c>/static/dist/</c> and the interfaces' <c>assets</c> paths. Default <c>./web/dist</c>.</summary>
    [ConfigurationKeyName("dist_path")]
    public string DistPath { get; set; } = "./web/dist";

    /// <summary>Folder served under <c>/static/authentik/</c>. Default <c>./web/authentik</c>.</summary>
    [ConfigurationKeyName("authentik_path")]
    public string AuthentikPath { get; set; } = "./web/authentik";

    /// <summary>Folder of the packaged documentation, served under <c>/help/</c>. Default <c>./website/help</c>.</summary>
    [ConfigurationKeyName("help_path")]
    public string HelpPath { get; set; } = "./website/help";

    /// <summary>
    /// Folder of user uploads, served under <c>/media/</c>. When unset, the host's
    /// <c>storage:media:file:path</c>, then <c>paths:media</c>, then <c>./media</c>.
    /// </summary>
    [ConfigurationKeyName("media_path")]
    public string? MediaPath { get; set; }

    /// <summary>
    /// Whether <c>/media/</c> is served at all. Defaults to whether the host's
    /// <c>storage:media:backend</c> is <c>file</c> (its default), as in authentik.
    /// </summary>
    [ConfigurationKeyName("serve_media")]
    public bool? ServeMedia { get; set; }

    /// <summary>
    /// When <see langword="true"/>, requests for a host that belongs to a proxy provider are not
    /// served from disk, so the protected application serves its own <c>/static/</c>,
    /// <c>/media/</c>, <c>/help/</c>, <c>/robots.txt</c> and <c>/.well-known/security.txt</c>.
    /// Default <see langword="false"/>: every host gets authentik's files, as authentik does.
    /// </summary>
    [ConfigurationKeyName("authentik_hosts_only")]
    public bool AuthentikHostsOnly { get; set; }
}
