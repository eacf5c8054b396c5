using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Authentik.Plugins.DockerLabels;

/// <summary>
/// Settings of the Docker integration, bound from <c>plugins:docker-labels</c>
/// (<c>AUTHENTIK_PLUGINS__DOCKER_LABELS__&lt;KEY&gt;</c>).
/// </summary>
public sealed class DockerLabelsOptions
{
    /// <summary>Seconds one Docker Engine API call may take before it fails; 30 by default.</summary>
    [ConfigurationKeyName("request_timeout")]
    [Range(1, 600)]
    public int RequestTimeoutSeconds { get; set; } = 30;
}
