namespace Authentik.Plugins.Outposts;

/// <summary>The kind of platform a service connection deploys outposts to.</summary>
public enum ServiceConnectionKind
{
    /// <summary>A Docker engine, reached through its Engine API.</summary>
    Docker,

    /// <summary>A Kubernetes cluster, reached through its API server.</summary>
    Kubernetes,
}
