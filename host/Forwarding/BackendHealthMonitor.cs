using Authentik.Plugins.Host.Configuration;
using Microsoft.Net.Http.Headers;

namespace Authentik.Plugins.Host.Forwarding;

/// <summary>
/// Checks <c>&lt;backend:url&gt;/-/health/live/</c> with authentik's router user agent: every
/// second while the backend is down, every 5 seconds while it is up. A 2xx response within
/// 5 seconds counts as healthy.
/// </summary>
internal sealed partial class BackendHealthMonitor : BackgroundService
{
    public const string UserAgent = "goauthentik.io/router/healthcheck";
    public const string HealthPath = "-/health/live/";

    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DownInterval = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan UpInterval = TimeSpan.FromSeconds(5);

    private readonly BackendHealth _health;
    private readonly Uri _healthUrl;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<BackendHealthMonitor> _logger;

    public BackendHealthMonitor(BackendHealth health, HostSettings settings, TimeProvider timeProvider, ILogger<BackendHealthMonitor> logger)
    {
        _health = health;
        _healthUrl = new Uri(BackendForwarder.DestinationPrefix(settings.BackendUrl) + HealthPath);
        _timeProvider = timeProvider;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var handler = new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, ConnectTimeout = CheckTimeout };
        using var client = new HttpClient(handler) { Timeout = CheckTimeout };
        client.DefaultRequestHeaders.TryAddWithoutValidation(HeaderNames.UserAgent, UserAgent);

        Log.MonitorStarted(_logger, _healthUrl);
        bool? wasHealthy = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            var (isHealthy, reason) = await CheckAsync(client, stoppingToken);
            _health.Report(isHealthy);
            if (isHealthy != wasHealthy)
            {
                if (isHealthy)
                {
                    Log.BackendHealthy(_logger, _healthUrl);
                }
                else
                {
                    Log.BackendUnhealthy(_logger, _healthUrl, reason);
                }

                wasHealthy = isHealthy;
            }

            try
            {
                await Task.Delay(isHealthy ? UpInterval : DownInterval, _timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task<(bool IsHealthy, string Reason)> CheckAsync(HttpClient client, CancellationToken stoppingToken)
    {
        try
        {
            using var response = await client.GetAsync(_healthUrl, HttpCompletionOption.ResponseHeadersRead, stoppingToken);
            return response.IsSuccessStatusCode
                ? (true, "")
                : (false, $"status {(int)response.StatusCode}");
        }
        catch (HttpRequestException exception)
        {
            return (false, exception.Message);
        }
        catch (TaskCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return (false, $"no response within {CheckTimeout.TotalSeconds} seconds");
        }
        catch (OperationCanceledException)
        {
            return (false, "stopping");
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1090, LogLevel.Information, "Checking the backend's health at {Url}.", EventName = nameof(MonitorStarted))]
        public static partial void MonitorStarted(ILogger logger, Uri url);

        [LoggerMessage(1091, LogLevel.Information, "The backend at {Url} is healthy; requests are forwarded to it.", EventName = nameof(BackendHealthy))]
        public static partial void BackendHealthy(ILogger logger, Uri url);

        [LoggerMessage(1092, LogLevel.Warning, "The backend at {Url} is not healthy ({Reason}); requests get 503 'authentik starting' until it is.", EventName = nameof(BackendUnhealthy))]
        public static partial void BackendUnhealthy(ILogger logger, Uri url, string reason);
    }
}
