using Authentik.Plugins.Outposts;
using Microsoft.Extensions.Primitives;

namespace Authentik.Plugins.DockerLabels.Tests;

/// <summary>Outpost source whose snapshot the test replaces, firing the old snapshot's change token.</summary>
internal sealed class TestOutpostProvider : IOutpostConfigProvider, IDisposable
{
    private readonly Lock _gate = new();
    private OutpostSnapshot _snapshot;
    private CancellationTokenSource _changed = new();

    public TestOutpostProvider(params OutpostConfig[] outposts)
    {
        _snapshot = new OutpostSnapshot(outposts, new CancellationChangeToken(_changed.Token), revision: 1);
    }

    public OutpostSnapshot GetSnapshot()
    {
        lock (_gate)
        {
            return _snapshot;
        }
    }

    public void Publish(params OutpostConfig[] outposts)
    {
        CancellationTokenSource previous;
        lock (_gate)
        {
            previous = _changed;
            _changed = new CancellationTokenSource();
            _snapshot = new OutpostSnapshot(outposts, new CancellationChangeToken(_changed.Token), _snapshot.Revision + 1);
        }

        previous.Cancel();
        previous.Dispose();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _changed.Dispose();
        }
    }
}
