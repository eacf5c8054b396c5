using Authentik.Plugins.Outposts;
using Microsoft.AspNetCore.Http;

namespace Authentik.Plugins.Routing;

/// <summary>
/// A request on its way through the routing stages, with the facts the host resolved once for all
/// stages: the effective host and the proxy provider that host belongs to.
/// </summary>
public readonly struct RoutingRequest
{
    /// <summary>Creates a routing request.</summary>
    /// <param name="httpContext">The request's context.</param>
    /// <param name="host">The effective host, see <see cref="Host"/>.</param>
    /// <param name="match">The provider the host belongs to, or <see langword="null"/>.</param>
    public RoutingRequest(HttpContext httpContext, string host, ProviderMatch? match)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ArgumentNullException.ThrowIfNull(host);

        HttpContext = httpContext;
        Host = host;
        Match = match;
    }

    /// <summary>The request's context.</summary>
    public HttpContext HttpContext { get; }

    /// <summary>
    /// The host the client asked for, with its port when the request named one: the
    /// <c>X-Forwarded-Host</c> header when the peer is a trusted proxy, else the <c>Host</c> header.
    /// </summary>
    public string Host { get; }

    /// <summary>The request path.</summary>
    public PathString Path => HttpContext.Request.Path;

    /// <summary>
    /// The proxy provider of the embedded outpost that the host belongs to, or
    /// <see langword="null"/> when no provider claims the host.
    /// </summary>
    public ProviderMatch? Match { get; }
}
