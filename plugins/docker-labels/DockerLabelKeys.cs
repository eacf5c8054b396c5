namespace Authentik.Plugins.DockerLabels;

/// <summary>Label keys the integration writes on the containers it manages.</summary>
internal static class DockerLabelKeys
{
    /// <summary>The outpost id in hex; authentik finds an outpost's container by it.</summary>
    public const string OutpostUuid = "io.goauthentik.outpost-uuid";

    /// <summary>
    /// Marks a container as managed by this host, so that containers authentik itself or another
    /// tool created with an outpost-uuid label are never changed or removed.
    /// </summary>
    public const string ManagedBy = "io.goauthentik.plugins.managed-by";

    /// <summary>Value of <see cref="ManagedBy"/>.</summary>
    public const string ManagedByValue = "authentik-plugins";
}
