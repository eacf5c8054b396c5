using Authentik.Plugins.Routing;

namespace Authentik.Plugins.Host.Routing;

/// <summary>
/// The embedded outpost as the router sees it: it handles the requests the outpost stages claim,
/// that is paths under <c>/outpost.goauthentik.io</c> on a provider host, requests carrying the
/// callback or logout query signature, and every request of a <c>proxy</c>-mode provider.
/// </summary>
internal interface IEmbeddedOutpost
{
    /// <summary>Writes the response for a request whose host matched a provider (<see cref="RoutingRequest.Match"/> is set).</summary>
    /// <param name="request">The request and its matched provider.</param>
    Task HandleAsync(RoutingRequest request);
}
