namespace Authentik.Plugins.KubernetesService;

/// <summary>Fixed names and label keys of the Services this plugin manages, as authentik writes them.</summary>
internal static class ServiceConstants
{
    public const string IntegrationName = "kubernetes";

    /// <summary>Component name in <c>kubernetes_disabled_components</c> and <c>kubernetes_json_patches</c>.</summary>
    public const string Component = "service";

    public const string Resource = "Service";

    public const string FieldManager = "goauthentik.io";

    public const string ManagedByValue = "goauthentik.io";

    public const string InstanceLabel = "app.kubernetes.io/instance";
    public const string ManagedByLabel = "app.kubernetes.io/managed-by";
    public const string NameLabel = "app.kubernetes.io/name";
    public const string VersionLabel = "app.kubernetes.io/version";
    public const string ComponentLabel = "app.kubernetes.io/component";
    public const string OutpostNameLabel = "goauthentik.io/outpost-name";
    public const string OutpostTypeLabel = "goauthentik.io/outpost-type";
    public const string OutpostUuidLabel = "goauthentik.io/outpost-uuid";

    /// <summary>Selector of the authentik server pods of the official Helm chart, used by the embedded outpost's Service.</summary>
    public const string ServerPodName = "authentik";
    public const string ServerPodComponent = "server";

    public const string TcpProtocol = "TCP";
}
