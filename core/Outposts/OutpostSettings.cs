using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Authentik.Plugins.Outposts;

/// <summary>
/// Every key of authentik's outpost configuration, with authentik's defaults. The JSON names are
/// the keys authentik's API and configuration files use.
/// </summary>
public sealed record OutpostSettings
{
    /// <summary>Log level of a deployed outpost: <c>trace</c>, <c>debug</c>, <c>info</c>, <c>warning</c> or <c>error</c>. Has no effect on the embedded outpost.</summary>
    [JsonPropertyName("log_level")]
    public string LogLevel { get; init; } = "info";

    /// <summary>How often the configuration is refreshed, in authentik's <c>hours=1;minutes=2;seconds=3</c> form.</summary>
    [JsonPropertyName("refresh_interval")]
    public string RefreshInterval { get; init; } = "minutes=5";

    /// <summary>Full URL of authentik, <c>scheme://host[:port]</c>; browser-facing login URLs of the embedded outpost use it.</summary>
    [JsonPropertyName("authentik_host")]
    public string AuthentikHost { get; init; } = "";

    /// <summary>Whether a deployed outpost skips TLS validation towards <see cref="AuthentikHost"/>.</summary>
    [JsonPropertyName("authentik_host_insecure")]
    public bool AuthentikHostInsecure { get; init; }

    /// <summary>URL browsers reach authentik at, when it differs from <see cref="AuthentikHost"/>. Has no effect on the embedded outpost.</summary>
    [JsonPropertyName("authentik_host_browser")]
    public string AuthentikHostBrowser { get; init; } = "";

    /// <summary>Name of the objects created for the outpost; <c>%(name)s</c> is the slugified outpost name and <c>%(uuid)s</c> its id in hex.</summary>
    [JsonPropertyName("object_naming_template")]
    public string ObjectNamingTemplate { get; init; } = "ak-outpost-%(name)s";

    /// <summary>Container image of a deployed outpost, or <see langword="null"/> for the default proxy image.</summary>
    [JsonPropertyName("container_image")]
    public string? ContainerImage { get; init; }

    /// <summary>Docker network of a deployed outpost's container.</summary>
    [JsonPropertyName("docker_network")]
    public string? DockerNetwork { get; init; }

    /// <summary>Whether a deployed outpost's container publishes ports 9000 and 9443.</summary>
    [JsonPropertyName("docker_map_ports")]
    public bool DockerMapPorts { get; init; } = true;

    /// <summary>Extra labels of a deployed outpost's container; generated Traefik labels win over keys of the same name.</summary>
    [JsonPropertyName("docker_labels")]
    public IReadOnlyDictionary<string, string>? DockerLabels { get; init; }

    /// <summary>Replica count of a deployed outpost on Kubernetes.</summary>
    [JsonPropertyName("kubernetes_replicas")]
    public int KubernetesReplicas { get; init; } = 1;

    /// <summary>Namespace of the outpost's Kubernetes objects.</summary>
    [JsonPropertyName("kubernetes_namespace")]
    public string KubernetesNamespace { get; init; } = "default";

    /// <summary>Annotations added to the outpost's Ingress.</summary>
    [JsonPropertyName("kubernetes_ingress_annotations")]
    public IReadOnlyDictionary<string, string> KubernetesIngressAnnotations { get; init; } = new Dictionary<string, string>();

    /// <summary>TLS secret of the outpost's Ingress; empty disables TLS on it.</summary>
    [JsonPropertyName("kubernetes_ingress_secret_name")]
    public string KubernetesIngressSecretName { get; init; } = "authentik-outpost-tls";

    /// <summary>Ingress class of the outpost's Ingress, or the cluster default when <see langword="null"/>.</summary>
    [JsonPropertyName("kubernetes_ingress_class_name")]
    public string? KubernetesIngressClassName { get; init; }

    /// <summary>Path type of the outpost's Ingress rules, or <c>Prefix</c> when <see langword="null"/>.</summary>
    [JsonPropertyName("kubernetes_ingress_path_type")]
    public string? KubernetesIngressPathType { get; init; }

    /// <summary>Annotations added to the outpost's HTTPRoute.</summary>
    [JsonPropertyName("kubernetes_httproute_annotations")]
    public IReadOnlyDictionary<string, string> KubernetesHttpRouteAnnotations { get; init; } = new Dictionary<string, string>();

    /// <summary>Gateways the outpost's HTTPRoute attaches to; no HTTPRoute is created while empty.</summary>
    [JsonPropertyName("kubernetes_httproute_parent_refs")]
    public JsonArray KubernetesHttpRouteParentRefs { get; init; } = [];

    /// <summary>Type of the outpost's Service: <c>ClusterIP</c>, <c>NodePort</c> or <c>LoadBalancer</c>.</summary>
    [JsonPropertyName("kubernetes_service_type")]
    public string KubernetesServiceType { get; init; } = "ClusterIP";

    /// <summary>Kubernetes components that are not reconciled, for example <c>service</c> or <c>ingress</c>.</summary>
    [JsonPropertyName("kubernetes_disabled_components")]
    public IReadOnlyList<string> KubernetesDisabledComponents { get; init; } = [];

    /// <summary>Image pull secrets of a deployed outpost's pods.</summary>
    [JsonPropertyName("kubernetes_image_pull_secrets")]
    public IReadOnlyList<string> KubernetesImagePullSecrets { get; init; } = [];

    /// <summary>RFC 6902 JSON Patch operations per component name, applied to each object before it is sent.</summary>
    [JsonPropertyName("kubernetes_json_patches")]
    public IReadOnlyDictionary<string, JsonArray>? KubernetesJsonPatches { get; init; }

    /// <summary>Whether strict X.509 checks of the Kubernetes API server's certificate are relaxed.</summary>
    [JsonPropertyName("kubernetes_disable_x509_strict")]
    public bool KubernetesDisableX509Strict { get; init; }
}
