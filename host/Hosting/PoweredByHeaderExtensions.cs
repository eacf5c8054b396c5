using Authentik.Plugins.Host.Forwarding;
using Authentik.Plugins.Host.Routing;

namespace Authentik.Plugins.Host.Hosting;

/// <summary>Marks every response of the public ports with <c>X-Powered-By: authentik</c>, as authentik's server does.</summary>
internal static class PoweredByHeaderExtensions
{
    /// <summary>
    /// Adds <c>X-Powered-By: authentik</c> to each response when its headers are sent, unless the
    /// handling stage set its own value, such as an upstream response in proxy mode.
    /// </summary>
    public static IApplicationBuilder UsePoweredByHeader(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(
                static state =>
                {
                    var headers = ((HttpResponse)state).Headers;
                    if (!headers.ContainsKey(ForwardedHeaderNames.PoweredBy))
                    {
                        headers[ForwardedHeaderNames.PoweredBy] = BackendRequestTransformer.PoweredByValue;
                    }

                    return Task.CompletedTask;
                },
                context.Response);
            return next(context);
        });
}
