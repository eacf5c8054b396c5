using Authentik.Plugins.Host.Configuration;
using Prometheus;

namespace Authentik.Plugins.Host.Metrics;

/// <summary>The metrics listener: <c>/metrics</c> on the <c>listen:metrics</c> ports only.</summary>
internal static class MetricsListenerExtensions
{
    /// <summary>The path that authentik's public ports return 404 for, because metrics are served on their own port.</summary>
    public static readonly PathString PublicMetricsPath = new("/-/metrics");

    /// <summary>
    /// Sends requests that arrive on a metrics port to Prometheus' <c>/metrics</c> handler and
    /// returns 404 for every other path there. Public ports return 404 for <c>/-/metrics/</c>.
    /// </summary>
    public static IApplicationBuilder UseAuthentikMetrics(this IApplicationBuilder app, HostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);

        var metricsPorts = settings.MetricsEndpoints.Select(endpoint => endpoint.Port).ToHashSet();
        app.MapWhen(
            context => metricsPorts.Contains(context.Connection.LocalPort),
            metrics =>
            {
                metrics.UseMetricServer("/metrics");
                metrics.Run(context =>
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                });
            });

        return app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(PublicMetricsPath, StringComparison.Ordinal))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        });
    }
}
