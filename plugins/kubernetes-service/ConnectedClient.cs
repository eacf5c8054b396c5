using k8s;

namespace Authentik.Plugins.KubernetesService;

/// <summary>A Kubernetes client with the connection name and API server address that errors show.</summary>
/// <param name="Client">The client.</param>
/// <param name="Description">Connection name with the API server URL, for example <c>cluster (https://10.0.0.1:443)</c>.</param>
internal sealed record ConnectedClient(IKubernetes Client, string Description);
