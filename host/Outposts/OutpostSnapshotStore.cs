using Authentik.Plugins.Outposts;
using Microsoft.Extensions.Logging;

namespace Authentik.Plugins.Host.Outposts;

/// <summary>
/// Holds the current outposts and their provider table. A source publishes complete outpost lists;
/// <c>authentik_host</c> values from the local state are laid over them. Each change builds a new
/// <see cref="OutpostRoutingState"/>, swaps it in with one atomic exchange and then fires the old
/// snapshot's change token, so a request sees either the old or the new state, never a mix.
/// </summary>
internal sealed partial class OutpostSnapshotStore : IOutpostConfigProvider, IProviderLookup
{
    private readonly Lock _publishLock = new();
    private readonly ILogger<OutpostSnapshotStore> _logger;
    private IReadOnlyList<OutpostConfig> _sourceOutposts;
    private IReadOnlyDictionary<string, string> _authentikHosts = new Dictionary<string, string>();
    private OutpostRoutingState _current;
    private long _revision;

    /// <summary>Creates the store with the default embedded outpost and no providers.</summary>
    /// <param name="logger">Logs each published revision.</param>
    public OutpostSnapshotStore(ILogger<OutpostSnapshotStore> logger)
    {
        _logger = logger;
        _sourceOutposts = [OutpostReader.CreateDefaultEmbedded()];
        _current = new OutpostRoutingState(_sourceOutposts, 0);
    }

    /// <summary>The current snapshot and provider table.</summary>
    public OutpostRoutingState Current => Volatile.Read(ref _current);

    /// <summary>The <c>authentik_host</c> values from the local state, by outpost name.</summary>
    public IReadOnlyDictionary<string, string> AuthentikHostOverrides => Volatile.Read(ref _authentikHosts);

    /// <inheritdoc />
    public OutpostSnapshot GetSnapshot() => Current.Snapshot;

    /// <inheritdoc />
    public ProviderMatch? Find(string host) => Current.Table.Find(host);

    /// <summary>Replaces the outposts from the source and publishes a new snapshot.</summary>
    /// <param name="outposts">The complete, validated list of outposts.</param>
    public void PublishOutposts(IReadOnlyList<OutpostConfig> outposts)
    {
        ArgumentNullException.ThrowIfNull(outposts);

        lock (_publishLock)
        {
            _sourceOutposts = outposts;
            PublishLocked();
        }
    }

    /// <summary>
    /// Replaces the <c>authentik_host</c> values from the local state and publishes a new snapshot
    /// when they changed. A value overrides the source's value for the outpost of that name.
    /// </summary>
    /// <param name="authentikHosts">Valid <c>authentik_host</c> values by outpost name.</param>
    /// <returns>Whether the values differed from the previous ones.</returns>
    public bool PublishAuthentikHosts(IReadOnlyDictionary<string, string> authentikHosts)
    {
        ArgumentNullException.ThrowIfNull(authentikHosts);

        lock (_publishLock)
        {
            if (authentikHosts.Count == _authentikHosts.Count &&
                authentikHosts.All(pair => _authentikHosts.TryGetValue(pair.Key, out var value) && value == pair.Value))
            {
                return false;
            }

            Volatile.Write(ref _authentikHosts, new Dictionary<string, string>(authentikHosts, StringComparer.Ordinal));
            PublishLocked();
            return true;
        }
    }

    private void PublishLocked()
    {
        var outposts = _sourceOutposts
            .Select(outpost => _authentikHosts.TryGetValue(outpost.Name, out var host)
                ? outpost with { Settings = outpost.Settings with { AuthentikHost = host } }
                : outpost)
            .ToArray();
        var next = new OutpostRoutingState(outposts, ++_revision);
        var previous = Interlocked.Exchange(ref _current, next);

        var embedded = next.Snapshot.Embedded;
        Log.SnapshotPublished(_logger, next.Snapshot.Revision, outposts.Length, embedded?.Providers.Count ?? 0, next.Table.HostCount, next.Table.CookieDomainCount);
        try
        {
            previous.ReplacedSource.Cancel();
        }
        catch (AggregateException exception)
        {
            Log.ChangeCallbackFailed(_logger, previous.Snapshot.Revision, exception);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1300, EventName = nameof(SnapshotPublished), Level = LogLevel.Information,
            Message = "Outpost configuration revision {Revision} is active: {OutpostCount} outposts, {ProviderCount} providers on the embedded outpost ({HostCount} hosts, {CookieDomainCount} cookie domains).")]
        public static partial void SnapshotPublished(ILogger logger, long revision, int outpostCount, int providerCount, int hostCount, int cookieDomainCount);

        [LoggerMessage(EventId = 1301, EventName = nameof(ChangeCallbackFailed), Level = LogLevel.Error,
            Message = "A change callback of outpost configuration revision {Revision} failed.")]
        public static partial void ChangeCallbackFailed(ILogger logger, long revision, Exception exception);
    }
}
