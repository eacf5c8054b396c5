namespace Authentik.Plugins.Routing;

/// <summary>
/// Names of the host's built-in routing stages and of the first-party static-files stage, in
/// authentik's routing order.
/// </summary>
public static class RoutingStageNames
{
    /// <summary>
    /// Paths under <c>/static</c>, <c>/media</c> and <c>/help</c>, answered from disk. Supplied by
    /// the static-files plugin, which places it before <see cref="OutpostPaths"/>.
    /// </summary>
    public const string Static = "static";

    /// <summary>Paths under <c>/outpost.goauthentik.io</c>, handled by the embedded outpost.</summary>
    public const string OutpostPaths = "outpost_paths";

    /// <summary>Hosts of the providers assigned to the embedded outpost.</summary>
    public const string ProviderHosts = "provider_hosts";

    /// <summary>Everything else, forwarded to the authentik backend. Always the last stage.</summary>
    public const string Core = "core";
}
