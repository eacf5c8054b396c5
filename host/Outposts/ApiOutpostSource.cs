using System.Text.Json;
using Authentik.Plugins.Outposts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Authentik.Plugins.Host.Outposts;

/// <summary>
/// Reads the embedded outpost and its providers from the authentik backend and refreshes them
/// every <c>refresh_interval</c> (at least 30 seconds). While the backend is unreachable or
/// rejects the secret key, requests are retried with a doubling delay. A response with errors is
/// logged error by error and the last valid snapshot stays in use.
/// </summary>
internal sealed partial class ApiOutpostSource : BackgroundService
{
    private readonly AuthentikApiOutpostClient _client;
    private readonly OutpostSnapshotStore _store;
    private readonly OutpostsOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<ApiOutpostSource> _logger;
    private int _fetchCount;
    private string? _lastFingerprint;

    /// <summary>Creates the source.</summary>
    /// <param name="client">The authentik API client.</param>
    /// <param name="store">Where valid outposts are published.</param>
    /// <param name="options">Timeouts and retry delays.</param>
    /// <param name="timeProvider">Clock for the waits.</param>
    /// <param name="logger">Logs refreshes, retries and errors.</param>
    public ApiOutpostSource(
        AuthentikApiOutpostClient client,
        OutpostSnapshotStore store,
        IOptions<OutpostsOptions> options,
        TimeProvider timeProvider,
        ILogger<ApiOutpostSource> logger)
    {
        _client = client;
        _store = store;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>Number of completed fetches, valid or not; lets tests wait for a refresh.</summary>
    public int FetchCount => Volatile.Read(ref _fetchCount);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var retryDelay = _options.ApiRetryDelay;
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                wait = await RefreshOnceAsync(stoppingToken);
                retryDelay = _options.ApiRetryDelay;
                failures = 0;
            }
            catch (AuthentikApiException exception)
            {
                failures++;
                wait = retryDelay;
                if (exception.IsSecretKeyRejected)
                {
                    Log.SecretKeyRejected(_logger, _client.BaseAddress, (int)exception.StatusCode!.Value, wait, exception.Message);
                }
                else
                {
                    Log.BackendUnavailable(_logger, _client.BaseAddress, failures, wait, exception.Message);
                }

                retryDelay = TimeSpan.FromTicks(Math.Min(retryDelay.Ticks * 2, _options.ApiRetryMaxDelay.Ticks));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await Task.Delay(wait, _timeProvider, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Reads the outpost and its providers once and publishes them when they are valid and changed.
    /// Returns the time until the next refresh: the outpost's <c>refresh_interval</c>, at least 30 seconds.
    /// </summary>
    /// <param name="cancellationToken">Cancels the requests.</param>
    /// <exception cref="AuthentikApiException">The backend is unreachable, rejected the secret key or returned something other than the documented JSON.</exception>
    public async Task<TimeSpan> RefreshOnceAsync(CancellationToken cancellationToken)
    {
        var result = await _client.FetchAsync(cancellationToken);
        Apply(result);
        Interlocked.Increment(ref _fetchCount);
        return GetRefreshInterval(result);
    }

    private void Apply(OutpostLoadResult result)
    {
        foreach (var warning in result.Report.Warnings)
        {
            Log.ConfigurationWarning(_logger, warning.Subject, warning.Key, warning.Message);
        }

        if (!result.Report.IsValid)
        {
            foreach (var error in result.Report.Errors)
            {
                Log.ConfigurationError(_logger, error.Subject, error.Key, error.Message);
            }

            Log.AnswerRejected(_logger, result.Report.Errors.Count, _store.Current.Snapshot.Revision);
            return;
        }

        // Records compare their lists by reference, so the serialized form shows whether a
        // response changed anything. An unchanged response publishes no new revision.
        var providerCount = result.Outposts.Sum(outpost => outpost.Providers.Count);
        var fingerprint = JsonSerializer.Serialize(result.Outposts);
        if (fingerprint == _lastFingerprint)
        {
            Log.ConfigurationUnchanged(_logger, providerCount);
            return;
        }

        _lastFingerprint = fingerprint;
        _store.PublishOutposts(result.Outposts);
        Log.ConfigurationFetched(_logger, result.Outposts[0].Name, providerCount);
    }

    private static TimeSpan GetRefreshInterval(OutpostLoadResult result)
    {
        var configured = result.Outposts.Count > 0 && RefreshInterval.TryParse(result.Outposts[0].Settings.RefreshInterval, out var interval)
            ? interval
            : RefreshInterval.Default;
        return RefreshInterval.ToPollingInterval(configured);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1220, EventName = nameof(ConfigurationFetched), Level = LogLevel.Information,
            Message = "Read outpost '{OutpostName}' with {ProviderCount} proxy providers from the authentik API.")]
        public static partial void ConfigurationFetched(ILogger logger, string outpostName, int providerCount);

        [LoggerMessage(EventId = 1221, EventName = nameof(SecretKeyRejected), Level = LogLevel.Error,
            Message = "The authentik backend at {BackendUrl} rejected the secret key with status {StatusCode}: this host and the backend use different secret keys; set the same AUTHENTIK_SECRET_KEY on both. Retrying in {RetryDelay}. {Detail}")]
        public static partial void SecretKeyRejected(ILogger logger, Uri backendUrl, int statusCode, TimeSpan retryDelay, string detail);

        [LoggerMessage(EventId = 1222, EventName = nameof(BackendUnavailable), Level = LogLevel.Warning,
            Message = "Reading the outpost configuration from the authentik backend at {BackendUrl} failed (attempt {Attempt}); retrying in {RetryDelay}. {Detail}")]
        public static partial void BackendUnavailable(ILogger logger, Uri backendUrl, int attempt, TimeSpan retryDelay, string detail);

        [LoggerMessage(EventId = 1223, EventName = nameof(ConfigurationWarning), Level = LogLevel.Warning,
            Message = "{Subject}, key {Key}: {Problem}")]
        public static partial void ConfigurationWarning(ILogger logger, string subject, string key, string problem);

        [LoggerMessage(EventId = 1224, EventName = nameof(ConfigurationError), Level = LogLevel.Error,
            Message = "{Subject}, key {Key}: {Problem}")]
        public static partial void ConfigurationError(ILogger logger, string subject, string key, string problem);

        [LoggerMessage(EventId = 1225, EventName = nameof(AnswerRejected), Level = LogLevel.Error,
            Message = "The outpost configuration from the authentik API has {ErrorCount} errors and was not applied; outpost configuration revision {Revision} stays active.")]
        public static partial void AnswerRejected(ILogger logger, int errorCount, long revision);

        [LoggerMessage(EventId = 1226, EventName = nameof(ConfigurationUnchanged), Level = LogLevel.Debug,
            Message = "The outpost configuration from the authentik API is unchanged ({ProviderCount} proxy providers).")]
        public static partial void ConfigurationUnchanged(ILogger logger, int providerCount);
    }
}
