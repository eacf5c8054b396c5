using Authentik.Plugins.Host.Configuration;
using Prometheus;

namespace Authentik.Plugins.Host.Metrics;

/// <summary>The metrics listener: <c>/metrics</c> on the <c>listen:metrics</c> ports only.</summary>
internal static class MetricsListenerExtensions
{
    /// <summary>The path that authentik's public ports return 404 for, because metrics are served on their own port.</summary>
    public static readonly PathString PublicMetricsPath = new("/-/metrics");

    // Meters and event sources that record on every request or connection: ASP.NET Core hosting,
    // routing and diagnostics, Kestrel, HttpClient, sockets and DNS.
    private static readonly string[] PerRequestSourcePrefixes = ["Microsoft.AspNetCore.", "Microsoft-AspNetCore-", "System.Net."];

    private const string RuntimeEventSource = "System.Runtime";

    /// <summary>
    /// Sends requests that arrive on a metrics port to Prometheus' <c>/metrics</c> handler and
    /// returns 404 for every other path there. The rest of the pipeline serves the public ports only.
    /// </summary>
    public static IApplicationBuilder UseMetricsListener(this IApplicationBuilder app, HostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);

        // From the first scrape on, prometheus-net listens to every .NET meter and to the event
        // counters of ASP.NET Core, Kestrel and System.Net at Informational level, which also turns
        // on their per-request events. With those listeners each forwarded request allocated about
        // 2.5 KB more (6.2 KB instead of 3.7 KB, measured with dotnet-counters under bench/run.sh's
        // load). authentik_main_request_duration_seconds already records request durations, so only
        // the runtime's meters and counters (GC, JIT, thread pool) are published.
        Prometheus.Metrics.ConfigureMeterAdapter(options =>
            options.InstrumentFilterPredicate = instrument => !IsPerRequestSource(instrument.Meter.Name));
        Prometheus.Metrics.ConfigureEventCounterAdapter(options =>
            options.EventSourceFilterPredicate = name => string.Equals(name, RuntimeEventSource, StringComparison.Ordinal));

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

        return app;
    }

    /// <summary>Returns 404 for <c>/-/metrics/</c> on the public ports, as authentik does.</summary>
    public static IApplicationBuilder UsePublicMetricsNotFound(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(PublicMetricsPath, StringComparison.Ordinal))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        });

    private static bool IsPerRequestSource(string name)
    {
        foreach (var prefix in PerRequestSourcePrefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
