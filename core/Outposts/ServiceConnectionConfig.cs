namespace Authentik.Plugins.Outposts;

/// <summary>A connection to the platform that runs an outpost's objects.</summary>
public sealed record ServiceConnectionConfig
{
    /// <summary>Connection name, shown in plans and errors.</summary>
    public required string Name { get; init; }

    /// <summary>The platform kind.</summary>
    public required ServiceConnectionKind Kind { get; init; }

    /// <summary>
    /// Whether the connection uses the local platform: the local Docker socket, or the
    /// in-cluster service account of the pod the host runs in.
    /// </summary>
    public bool Local { get; init; }

    /// <summary>
    /// Docker: the engine URL, <c>unix:///var/run/docker.sock</c> or <c>tcp://host:2376</c>.
    /// Kubernetes: unused.
    /// </summary>
    public string? Url { get; init; }

    /// <summary>Docker over TCP: PEM file of the CA that signed the engine's certificate.</summary>
    public string? TlsCaFile { get; init; }

    /// <summary>Docker over TCP: PEM file with the client certificate and its key.</summary>
    public string? TlsCertificateFile { get; init; }

    /// <summary>Kubernetes: path of a kubeconfig file; unused when <see cref="Local"/> is set.</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>Kubernetes: the kubeconfig context to use, or its current context when empty.</summary>
    public string? KubeconfigContext { get; init; }
}
