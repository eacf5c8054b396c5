using Authentik.Plugins.State;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Authentik.Plugins.Host.Outposts;

/// <summary>
/// Lays the <c>authentik_host</c> values of the local state over the source's outposts: once at
/// start, then every <c>outposts:state_poll_interval</c> (5 seconds by default), so that a value
/// written by the <c>outposts set</c> command reaches a running host without a restart.
/// </summary>
internal sealed partial class OutpostStateSynchronizer : BackgroundService
{
    private readonly ILocalStateStore _state;
    private readonly OutpostSnapshotStore _store;
    private readonly OutpostsOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<OutpostStateSynchronizer> _logger;
    private readonly HashSet<string> _reportedInvalid = new(StringComparer.Ordinal);

    /// <summary>Creates the synchronizer.</summary>
    /// <param name="state">The local state.</param>
    /// <param name="store">Where the values are published.</param>
    /// <param name="options">The poll interval.</param>
    /// <param name="timeProvider">Clock for the poll timer.</param>
    /// <param name="logger">Logs changed and invalid values and read failures.</param>
    public OutpostStateSynchronizer(
        ILocalStateStore state,
        OutpostSnapshotStore store,
        IOptions<OutpostsOptions> options,
        TimeProvider timeProvider,
        ILogger<OutpostStateSynchronizer> logger)
    {
        _state = state;
        _store = store;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <inheritdoc />
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await SynchronizeAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>Reads the values from the local state and publishes them when they changed.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task SynchronizeAsync(CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, string> stored;
        try
        {
            stored = await _state.GetAllAsync(OutpostStateKeys.AuthentikHostScope, cancellationToken);
        }
        catch (Exception exception) when (exception is SqliteException or IOException or UnauthorizedAccessException)
        {
            Log.StateReadFailed(_logger, exception);
            return;
        }

        var valid = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (outpost, value) in stored)
        {
            if (AuthentikHostUrl.IsValid(value))
            {
                valid[outpost] = value;
            }
            else if (_reportedInvalid.Add(outpost + "\n" + value))
            {
                Log.InvalidStoredValue(_logger, outpost, value);
            }
        }

        var previous = _store.AuthentikHostOverrides;
        if (!_store.PublishAuthentikHosts(valid))
        {
            return;
        }

        foreach (var (outpost, value) in valid)
        {
            if (!previous.TryGetValue(outpost, out var old) || old != value)
            {
                Log.AuthentikHostApplied(_logger, outpost, value);
            }
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.StatePollInterval, _timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await SynchronizeAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1250, EventName = nameof(AuthentikHostApplied), Level = LogLevel.Information,
            Message = "Outpost '{OutpostName}' uses authentik_host {AuthentikHost} from the local state.")]
        public static partial void AuthentikHostApplied(ILogger logger, string outpostName, string authentikHost);

        [LoggerMessage(EventId = 1251, EventName = nameof(InvalidStoredValue), Level = LogLevel.Warning,
            Message = "The local state holds authentik_host '{AuthentikHost}' for outpost '{OutpostName}', which is not a full http(s) URL; it is ignored. Set a valid value with the outposts set command.")]
        public static partial void InvalidStoredValue(ILogger logger, string outpostName, string authentikHost);

        [LoggerMessage(EventId = 1252, EventName = nameof(StateReadFailed), Level = LogLevel.Error,
            Message = "Reading authentik_host values from the local state failed; the previous values stay in use.")]
        public static partial void StateReadFailed(ILogger logger, Exception exception);
    }
}
