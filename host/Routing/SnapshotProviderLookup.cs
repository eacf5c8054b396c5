using System.Collections.Frozen;
using Authentik.Plugins.Outposts;

namespace Authentik.Plugins.Host.Routing;

/// <summary>
/// Finds the provider of the embedded outpost for a host with a table built from the current
/// <see cref="OutpostSnapshot"/> and rebuilt whenever the provider returns a new snapshot.
/// A lookup costs one dictionary probe per label of the host, whatever the number of providers.
/// </summary>
internal sealed partial class SnapshotProviderLookup : IProviderLookup
{
    private readonly IOutpostConfigProvider _configProvider;
    private readonly ILogger<SnapshotProviderLookup> _logger;
    private volatile ProviderTable? _table;

    public SnapshotProviderLookup(IOutpostConfigProvider configProvider, ILogger<SnapshotProviderLookup> logger)
    {
        _configProvider = configProvider;
        _logger = logger;
    }

    public ProviderMatch? Find(string host)
    {
        ArgumentNullException.ThrowIfNull(host);

        var snapshot = _configProvider.GetSnapshot();
        var table = _table;
        if (table is null || !ReferenceEquals(table.Snapshot, snapshot))
        {
            table = ProviderTable.Build(snapshot, _logger);
            _table = table;
        }

        return table.Find(host);
    }

    /// <summary>Immutable lookup table of one snapshot.</summary>
    private sealed class ProviderTable
    {
        private readonly FrozenDictionary<string, ProviderMatch>.AlternateLookup<ReadOnlySpan<char>> _externalHosts;
        private readonly FrozenDictionary<string, ProviderMatch>.AlternateLookup<ReadOnlySpan<char>> _cookieDomains;

        private ProviderTable(
            OutpostSnapshot snapshot,
            FrozenDictionary<string, ProviderMatch> externalHosts,
            FrozenDictionary<string, ProviderMatch> cookieDomains)
        {
            Snapshot = snapshot;
            _externalHosts = externalHosts.GetAlternateLookup<ReadOnlySpan<char>>();
            _cookieDomains = cookieDomains.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public OutpostSnapshot Snapshot { get; }

        public static ProviderTable Build(OutpostSnapshot snapshot, ILogger logger)
        {
            var externalHosts = new Dictionary<string, ProviderMatch>(StringComparer.OrdinalIgnoreCase);
            var cookieDomains = new Dictionary<string, ProviderMatch>(StringComparer.OrdinalIgnoreCase);
            if (snapshot.Embedded is { } outpost)
            {
                foreach (var provider in outpost.Providers)
                {
                    Add(outpost, provider, externalHosts, cookieDomains, logger);
                }
            }

            return new ProviderTable(
                snapshot,
                externalHosts.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase),
                cookieDomains.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase));
        }

        /// <summary>
        /// Returns the provider whose external host is <paramref name="host"/>, else the
        /// forward-domain provider with the longest cookie domain that the host (without port)
        /// equals or lies under on a label boundary.
        /// </summary>
        public ProviderMatch? Find(string host)
        {
            if (_externalHosts.TryGetValue(host, out var match))
            {
                return match;
            }

            if (_cookieDomains.Dictionary.Count == 0)
            {
                return null;
            }

            var name = StripPort(host.AsSpan());
            while (name.Length > 0)
            {
                if (_cookieDomains.TryGetValue(name, out match))
                {
                    return match;
                }

                var dot = name.IndexOf('.');
                if (dot < 0)
                {
                    break;
                }

                name = name[(dot + 1)..];
            }

            return null;
        }

        private static void Add(
            OutpostConfig outpost,
            ProxyProviderConfig provider,
            Dictionary<string, ProviderMatch> externalHosts,
            Dictionary<string, ProviderMatch> cookieDomains,
            ILogger logger)
        {
            if (!Uri.TryCreate(provider.ExternalHost, UriKind.Absolute, out var externalHost)
                || (externalHost.Scheme != Uri.UriSchemeHttp && externalHost.Scheme != Uri.UriSchemeHttps))
            {
                Log.InvalidExternalHost(logger, provider.Name, provider.ExternalHost);
                return;
            }

            var match = new ProviderMatch(outpost, provider);
            if (!externalHosts.TryAdd(externalHost.Authority, match))
            {
                Log.DuplicateExternalHost(logger, provider.Name, externalHost.Authority, externalHosts[externalHost.Authority].Provider.Name);
            }

            var domain = provider.CookieDomain?.Trim().TrimStart('.');
            if (provider.Mode == ProxyMode.ForwardDomain && !string.IsNullOrEmpty(domain))
            {
                // The first provider registered for a cookie domain keeps it.
                cookieDomains.TryAdd(domain, match);
            }
        }

        private static ReadOnlySpan<char> StripPort(ReadOnlySpan<char> host)
        {
            if (host.StartsWith("["))
            {
                return host;
            }

            var colon = host.LastIndexOf(':');
            return colon < 0 ? host : host[..colon];
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1070, LogLevel.Warning, "Provider '{Provider}' is ignored: its external host '{ExternalHost}' is not an absolute http or https URL.", EventName = nameof(InvalidExternalHost))]
        public static partial void InvalidExternalHost(ILogger logger, string provider, string externalHost);

        [LoggerMessage(1071, LogLevel.Warning, "Provider '{Provider}' has the external host '{Host}' of provider '{Existing}', which keeps it.", EventName = nameof(DuplicateExternalHost))]
        public static partial void DuplicateExternalHost(ILogger logger, string provider, string host, string existing);
    }
}
