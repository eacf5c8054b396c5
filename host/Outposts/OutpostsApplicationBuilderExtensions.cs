using Authentik.Plugins.Host.Outposts;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds the outposts' middleware to the host's pipeline.</summary>
internal static class OutpostsApplicationBuilderExtensions
{
    /// <summary>
    /// Adds the middleware that sets an unset <c>authentik_host</c> of the embedded outpost from
    /// the first successful admin-dashboard request. Place it after the middleware that sets
    /// <see cref="Authentik.Plugins.Routing.IRequestOriginFeature"/> and before the router.
    /// </summary>
    /// <param name="app">The host's pipeline.</param>
    public static IApplicationBuilder UseAuthentikHostDiscovery(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        return app.UseMiddleware<AuthentikHostDiscoveryMiddleware>();
    }
}
