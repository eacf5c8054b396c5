namespace Authentik.Plugins.Outposts;

/// <summary>
/// An authentik outpost of type <c>proxy</c>: its identity, where it is deployed and the proxy
/// providers assigned to it.
/// </summary>
public sealed record OutpostConfig
{
    /// <summary>Outpost name, unique among outposts.</summary>
    public required string Name { get; init; }

    /// <summary>Outpost id; authentik writes it as 32 hex digits in labels.</summary>
    public required Guid Uuid { get; init; }

    /// <summary>Outpost type. Only <c>proxy</c> is supported.</summary>
    public string Type { get; init; } = OutpostConstants.ProxyType;

    /// <summary>
    /// authentik's <c>managed</c> marker, <see cref="OutpostConstants.EmbeddedManagedValue"/> for
    /// the embedded outpost, otherwise usually <see langword="null"/>.
    /// </summary>
    public string? Managed { get; init; }

    /// <summary>Whether this is the outpost that runs inside the host itself.</summary>
    public bool IsEmbedded => string.Equals(Managed, OutpostConstants.EmbeddedManagedValue, StringComparison.Ordinal);

    /// <summary>Where the outpost is deployed, or <see langword="null"/> when nobody deploys it.</summary>
    public ServiceConnectionConfig? ServiceConnection { get; init; }

    /// <summary>
    /// API token a deployed outpost authenticates to authentik with, passed to it as
    /// <c>AUTHENTIK_TOKEN</c>; <see langword="null"/> for the embedded outpost. authentik creates one
    /// token per managed outpost; this host has no token service, so the outpost's configuration
    /// supplies it (key <c>token</c>). Never logged or printed.
    /// </summary>
    public string? Token { get; init; }

    /// <summary>The proxy providers assigned to the outpost.</summary>
    public IReadOnlyList<ProxyProviderConfig> Providers { get; init; } = [];

    /// <summary>The outpost configuration, with authentik's defaults for keys not set.</summary>
    public OutpostSettings Settings { get; init; } = new();
}
