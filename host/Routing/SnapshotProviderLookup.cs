using Authentik.Plugins.Host.Outposts;
using Authentik.Plugins.Outposts;

namespace Authentik.Plugins.Host.Routing;

/// <summary>
/// Finds the provider of the embedded outpost for a host with the <see cref="ProviderHostTable"/>
/// of the current <see cref="OutpostSnapshot"/>, rebuilt whenever the source returns a new
/// snapshot. The host registers it for outpost sources that keep no table of their own, such as
/// one a plugin supplies.
/// </summary>
internal sealed class SnapshotProviderLookup : IProviderLookup
{
    private readonly IOutpostConfigProvider _configProvider;
    private volatile SnapshotTable? _table;

    public SnapshotProviderLookup(IOutpostConfigProvider configProvider)
    {
        _configProvider = configProvider;
    }

    public ProviderMatch? Find(string host)
    {
        ArgumentNullException.ThrowIfNull(host);

        var snapshot = _configProvider.GetSnapshot();
        var table = _table;
        if (table is null || !ReferenceEquals(table.Snapshot, snapshot))
        {
            table = new SnapshotTable(snapshot, ProviderHostTable.Build(snapshot));
            _table = table;
        }

        return table.Hosts.Find(host);
    }

    private sealed record SnapshotTable(OutpostSnapshot Snapshot, ProviderHostTable Hosts);
}
