using Authentik.Plugins.Host.Forwarding;

namespace Authentik.Plugins.Host.Hosting;

/// <summary>The host's own health endpoints on the public ports.</summary>
internal static class HealthEndpointExtensions
{
    public static readonly PathString LivePath = new("/-/health/live/");
    public static readonly PathString ReadyPath = new("/-/health/ready/");

    /// <summary>
    /// Responds to <c>/-/health/live/</c> with 200 while the host runs, and <c>/-/health/ready/</c>
    /// with 200 once the backend is healthy, else 503.
    /// </summary>
    public static IApplicationBuilder UseHealthEndpoints(this IApplicationBuilder app)
    {
        var health = app.ApplicationServices.GetRequiredService<BackendHealth>();

        return app.Use((context, next) =>
        {
            var path = context.Request.Path;
            if (path.Equals(LivePath, StringComparison.Ordinal))
            {
                context.Response.StatusCode = StatusCodes.Status200OK;
                return Task.CompletedTask;
            }

            if (path.Equals(ReadyPath, StringComparison.Ordinal))
            {
                context.Response.StatusCode = health.IsHealthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
                return Task.CompletedTask;
            }

            return next(context);
        });
    }
}
