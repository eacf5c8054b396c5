using Prometheus;

namespace Authentik.Plugins.Host.Metrics;

/// <summary>authentik's request-duration histogram, <c>authentik_main_request_duration_seconds{dest}</c>.</summary>
internal sealed class RequestDurationMetrics
{
    public const string MetricName = "authentik_main_request_duration_seconds";

    private readonly Histogram _histogram = Prometheus.Metrics.CreateHistogram(
        MetricName,
        "Duration of requests by the destination that handled them.",
        new HistogramConfiguration { LabelNames = ["dest"] });

    /// <summary>Returns the histogram of one destination; callers keep it, so recording allocates nothing.</summary>
    public Histogram.Child ForDestination(string destination) => _histogram.WithLabels(destination);
}
