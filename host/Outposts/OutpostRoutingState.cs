using Authentik.Plugins.Outposts;

namespace Authentik.Plugins.Host.Outposts;

/// <summary>A snapshot and the provider table built from it, published together so that no reader sees one without the other.</summary>
internal sealed class OutpostRoutingState
{
    /// <summary>Creates the state and the source of its snapshot's change token.</summary>
    /// <param name="outposts">The outposts of the snapshot.</param>
    /// <param name="revision">The snapshot's revision.</param>
    public OutpostRoutingState(IReadOnlyList<OutpostConfig> outposts, long revision)
    {
        ReplacedSource = new CancellationTokenSource();
        Snapshot = new OutpostSnapshot(outposts, new Microsoft.Extensions.Primitives.CancellationChangeToken(ReplacedSource.Token), revision);
        Table = ProviderHostTable.Build(Snapshot);
    }

    /// <summary>The snapshot.</summary>
    public OutpostSnapshot Snapshot { get; }

    /// <summary>The hosts of the snapshot's embedded outpost.</summary>
    public ProviderHostTable Table { get; }

    /// <summary>Cancelled when a newer state replaces this one, which fires the snapshot's change token.</summary>
    public CancellationTokenSource ReplacedSource { get; }
}
