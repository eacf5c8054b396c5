using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;

namespace Authentik.Plugins.KubernetesService;

/// <summary>
/// Settings of the <c>kubernetes-service</c> plugin, bound from <c>plugins:kubernetes-service</c>
/// (environment: <c>AUTHENTIK_PLUGINS__KUBERNETES_SERVICE__&lt;KEY&gt;</c>).
/// </summary>
public sealed class KubernetesServiceOptions
{
    /// <summary>
    /// How many times a Service write is tried when the API returns 409 Conflict, each time after a
    /// fresh read. Default 5, allowed 1 to 50.
    /// </summary>
    [ConfigurationKeyName("conflict_attempts")]
    [Range(1, 50, ErrorMessage = "plugins:kubernetes-service:conflict_attempts (AUTHENTIK_PLUGINS__KUBERNETES_SERVICE__CONFLICT_ATTEMPTS) must be between 1 and 50: it is how many times a Service write is tried after a 409 Conflict.")]
    public int ConflictAttempts { get; set; } = 5;

    /// <summary>
    /// Namespaces searched for Services of outposts that no longer exist, in addition to the
    /// <c>kubernetes_namespace</c> of every current outpost. Empty by default.
    /// </summary>
    [ConfigurationKeyName("namespaces")]
    public IList<string> Namespaces { get; } = [];
}
