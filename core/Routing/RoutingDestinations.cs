namespace Authentik.Plugins.Routing;

/// <summary>Values of the <c>dest</c> label of the host's request-duration metric.</summary>
public static class RoutingDestinations
{
    /// <summary>Files answered from disk.</summary>
    public const string Static = "static";

    /// <summary>Requests handled by the embedded outpost.</summary>
    public const string EmbeddedOutpost = "embedded_outpost";

    /// <summary>Requests forwarded to the authentik backend.</summary>
    public const string Core = "core";
}
