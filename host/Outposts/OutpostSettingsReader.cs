using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Authentik.Plugins.Outposts;

namespace Authentik.Plugins.Host.Outposts;

/// <summary>Maps an outpost's <c>config</c> object to <see cref="OutpostSettings"/>.</summary>
internal static class OutpostSettingsReader
{
    /// <summary>
    /// Keys that authentik documents as applying to deployed outposts only, or that the embedded
    /// outpost does not read: it takes log level, TLS validation and browser URL from the host.
    /// </summary>
    public static readonly IReadOnlyList<string> NonEmbeddedKeys =
    [
        "log_level",
        "authentik_host_insecure",
        "authentik_host_browser",
        "container_image",
        "docker_network",
        "docker_map_ports",
        "docker_labels",
        "kubernetes_replicas",
        "kubernetes_image_pull_secrets",
    ];

    private static readonly FrozenSet<string> KnownKeys = FrozenSet.ToFrozenSet(
    [
        "log_level", "refresh_interval", "authentik_host", "authentik_host_insecure", "authentik_host_browser",
        "object_naming_template", "container_image", "docker_network", "docker_map_ports", "docker_labels",
        "kubernetes_replicas", "kubernetes_namespace", "kubernetes_ingress_annotations", "kubernetes_ingress_secret_name",
        "kubernetes_ingress_class_name", "kubernetes_ingress_path_type", "kubernetes_httproute_annotations",
        "kubernetes_httproute_parent_refs", "kubernetes_service_type", "kubernetes_disabled_components",
        "kubernetes_image_pull_secrets", "kubernetes_json_patches", "kubernetes_disable_x509_strict",
    ]);

    /// <summary>Returns the settings in <paramref name="config"/>, with authentik's default for each key not set.</summary>
    /// <param name="config">The <c>config</c> object, or <see langword="null"/> when the outpost has none.</param>
    /// <param name="subject">The outpost, for problems.</param>
    /// <param name="isEmbedded">Whether the outpost is the embedded one, on which <see cref="NonEmbeddedKeys"/> have no effect.</param>
    /// <param name="strictKeys">
    /// Whether unknown keys and keys without effect get warnings. Files are checked this way;
    /// authentik's API returns every key with its default, so its responses are not.
    /// </param>
    /// <param name="problems">Where problems are added.</param>
    public static OutpostSettings Read(JsonObject? config, string subject, bool isEmbedded, bool strictKeys, ICollection<OutpostProblem> problems)
    {
        var defaults = new OutpostSettings();
        if (config is null)
        {
            return defaults;
        }

        var reader = new JsonFieldReader(config, subject, problems);
        if (strictKeys)
        {
            reader.WarnAboutUnknownKeys(KnownKeys);
        }

        if (isEmbedded && strictKeys)
        {
            foreach (var key in NonEmbeddedKeys.Where(reader.Has))
            {
                reader.AddWarning(key, $"{key} has no effect on the embedded outpost, which runs inside this host; remove it.");
            }
        }

        return new OutpostSettings
        {
            LogLevel = reader.ReadString("log_level") ?? defaults.LogLevel,
            RefreshInterval = reader.ReadString("refresh_interval") ?? defaults.RefreshInterval,
            AuthentikHost = reader.ReadString("authentik_host") ?? defaults.AuthentikHost,
            AuthentikHostInsecure = reader.ReadBoolean("authentik_host_insecure", defaults.AuthentikHostInsecure),
            AuthentikHostBrowser = reader.ReadString("authentik_host_browser") ?? defaults.AuthentikHostBrowser,
            ObjectNamingTemplate = reader.ReadString("object_naming_template") ?? defaults.ObjectNamingTemplate,
            ContainerImage = reader.ReadString("container_image"),
            DockerNetwork = reader.ReadString("docker_network"),
            DockerMapPorts = reader.ReadBoolean("docker_map_ports", defaults.DockerMapPorts),
            DockerLabels = reader.ReadStringMap("docker_labels"),
            KubernetesReplicas = reader.ReadInt32("kubernetes_replicas", defaults.KubernetesReplicas),
            KubernetesNamespace = reader.ReadString("kubernetes_namespace") ?? defaults.KubernetesNamespace,
            KubernetesIngressAnnotations = reader.ReadStringMap("kubernetes_ingress_annotations") ?? defaults.KubernetesIngressAnnotations,
            KubernetesIngressSecretName = ReadIngressSecretName(config, reader, defaults),
            KubernetesIngressClassName = reader.ReadString("kubernetes_ingress_class_name"),
            KubernetesIngressPathType = reader.ReadString("kubernetes_ingress_path_type"),
            KubernetesHttpRouteAnnotations = reader.ReadStringMap("kubernetes_httproute_annotations") ?? defaults.KubernetesHttpRouteAnnotations,
            KubernetesHttpRouteParentRefs = reader.ReadArray("kubernetes_httproute_parent_refs") ?? [],
            KubernetesServiceType = reader.ReadString("kubernetes_service_type") ?? defaults.KubernetesServiceType,
            KubernetesDisabledComponents = reader.ReadStringList("kubernetes_disabled_components") ?? defaults.KubernetesDisabledComponents,
            KubernetesImagePullSecrets = reader.ReadStringList("kubernetes_image_pull_secrets") ?? defaults.KubernetesImagePullSecrets,
            KubernetesJsonPatches = ReadJsonPatches(reader),
            KubernetesDisableX509Strict = reader.ReadBoolean("kubernetes_disable_x509_strict", defaults.KubernetesDisableX509Strict),
        };
    }

    // An empty kubernetes_ingress_secret_name is meaningful (it disables TLS on the Ingress), so
    // only an absent key takes the default.
    private static string ReadIngressSecretName(JsonObject config, JsonFieldReader reader, OutpostSettings defaults)
    {
        const string Key = "kubernetes_ingress_secret_name";
        if (reader.ReadString(Key) is { } name)
        {
            return name;
        }

        return config.TryGetPropertyValue(Key, out var node) && node is not null ? "" : defaults.KubernetesIngressSecretName;
    }

    private static Dictionary<string, JsonArray>? ReadJsonPatches(JsonFieldReader reader)
    {
        const string Key = "kubernetes_json_patches";
        if (reader.ReadObject(Key) is not { } patches)
        {
            return null;
        }

        var result = new Dictionary<string, JsonArray>(StringComparer.Ordinal);
        foreach (var (component, operations) in patches)
        {
            if (operations is JsonArray list)
            {
                result[component] = (JsonArray)list.DeepClone();
            }
            else
            {
                reader.AddError(Key, $"{Key} entry '{component}' is not a list of JSON Patch operations; write it as a list of op/path/value maps.");
            }
        }

        return result;
    }
}
