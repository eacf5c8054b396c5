using Authentik.Plugins.Outposts;
using k8s.Models;

namespace Authentik.Plugins.KubernetesService;

/// <summary>
/// Builds the Service an outpost should have, before its <c>kubernetes_json_patches</c> are
/// applied: authentik's common object labels, the proxy ports and the pod selector.
/// </summary>
internal static class DesiredServiceBuilder
{
    /// <summary>Ports of a proxy outpost's Service: name, port and target port, all TCP.</summary>
    public static readonly IReadOnlyList<(string Name, int Port)> ProxyPorts =
    [
        ("http", 9000),
        ("http-metrics", 9300),
        ("https", 9443),
    ];

    /// <summary>Builds the Service for <paramref name="outpost"/>.</summary>
    /// <param name="outpost">An outpost of type <c>proxy</c>.</param>
    /// <param name="authentikVersion">Version written into the <c>app.kubernetes.io/version</c> label.</param>
    /// <exception cref="FormatException">The outpost's <c>object_naming_template</c> is invalid.</exception>
    public static V1Service Build(OutpostConfig outpost, string authentikVersion)
    {
        ArgumentNullException.ThrowIfNull(outpost);
        ArgumentException.ThrowIfNullOrEmpty(authentikVersion);

        return new V1Service
        {
            ApiVersion = V1Service.KubeApiVersion,
            Kind = V1Service.KubeKind,
            Metadata = new V1ObjectMeta
            {
                Name = ObjectNaming.GetObjectName(outpost),
                NamespaceProperty = outpost.Settings.KubernetesNamespace,
                Labels = GetObjectLabels(outpost, authentikVersion),
            },
            Spec = new V1ServiceSpec
            {
                Type = outpost.Settings.KubernetesServiceType,
                Selector = GetSelector(outpost),
                Ports = [.. ProxyPorts.Select(port => new V1ServicePort
                {
                    Name = port.Name,
                    Port = port.Port,
                    TargetPort = port.Port,
                    Protocol = ServiceConstants.TcpProtocol,
                })],
            },
        };
    }

    /// <summary>Returns the labels authentik puts on every object of an outpost.</summary>
    public static Dictionary<string, string> GetObjectLabels(OutpostConfig outpost, string authentikVersion)
    {
        var slug = ObjectNaming.Slugify(outpost.Name);

        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ServiceConstants.InstanceLabel] = slug,
            [ServiceConstants.ManagedByLabel] = ServiceConstants.ManagedByValue,
            [ServiceConstants.NameLabel] = $"authentik-{outpost.Type}",
            [ServiceConstants.VersionLabel] = authentikVersion,
            [ServiceConstants.OutpostNameLabel] = slug,
            [ServiceConstants.OutpostTypeLabel] = outpost.Type,
            [ServiceConstants.OutpostUuidLabel] = ObjectNaming.FormatUuid(outpost.Uuid),
        };
    }

    /// <summary>
    /// Returns the pods the Service selects: the authentik server pods of the official Helm chart
    /// for the embedded outpost, otherwise the pods of the outpost's own Deployment.
    /// </summary>
    public static Dictionary<string, string> GetSelector(OutpostConfig outpost)
    {
        if (outpost.IsEmbedded)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [ServiceConstants.NameLabel] = ServiceConstants.ServerPodName,
                [ServiceConstants.ComponentLabel] = ServiceConstants.ServerPodComponent,
            };
        }

        return new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [ServiceConstants.NameLabel] = $"authentik-outpost-{outpost.Type}",
            [ServiceConstants.ManagedByLabel] = ServiceConstants.ManagedByValue,
            [ServiceConstants.OutpostUuidLabel] = ObjectNaming.FormatUuid(outpost.Uuid),
            [ServiceConstants.OutpostNameLabel] = ObjectNaming.Slugify(outpost.Name),
            [ServiceConstants.OutpostTypeLabel] = outpost.Type,
        };
    }
}
