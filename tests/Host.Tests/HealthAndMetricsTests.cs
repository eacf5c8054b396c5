using System.Net;

namespace Authentik.Plugins.Host.Tests;

public sealed class HealthAndMetricsTests : IClassFixture<HostWithBackendFixture>
{
    private readonly HostWithBackendFixture _fixture;

    public HealthAndMetricsTests(HostWithBackendFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task Live_Https_Returns200()
    {
        using var response = await _fixture.Client.GetAsync(new Uri(_fixture.Host.HttpsUri, "/-/health/live/"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task PublicMetricsPath_PublicPorts_Returns404()
    {
        using var http = await _fixture.Client.GetAsync(new Uri(_fixture.Host.HttpUri, "/-/metrics/"));
        using var https = await _fixture.Client.GetAsync(new Uri(_fixture.Host.HttpsUri, "/-/metrics/"));

        Assert.Equal(HttpStatusCode.NotFound, http.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, https.StatusCode);
        Assert.DoesNotContain(_fixture.Backend.Requests, request => request.PathAndQuery.StartsWith("/-/metrics", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Metrics_AfterCoreRequest_ExposesDurationHistogram()
    {
        using var core = await _fixture.Client.GetAsync(new Uri(_fixture.Host.HttpUri, "/counted"));

        using var response = await _fixture.Client.GetAsync(new Uri(_fixture.Host.MetricsUri, "/metrics"));
        var metrics = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("# TYPE authentik_main_request_duration_seconds histogram", metrics, StringComparison.Ordinal);
        Assert.Contains("authentik_main_request_duration_seconds_bucket{dest=\"core\",le=\"+Inf\"}", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MetricsPort_OtherPaths_Return404WithoutRouting()
    {
        using var response = await _fixture.Client.GetAsync(new Uri(_fixture.Host.MetricsUri, "/not-metrics"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain(_fixture.Backend.Requests, request => request.PathAndQuery == "/not-metrics");
    }
}
