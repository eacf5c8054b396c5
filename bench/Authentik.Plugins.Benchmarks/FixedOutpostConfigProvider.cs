using Authentik.Plugins.Outposts;
using Microsoft.Extensions.FileProviders;

namespace Authentik.Plugins.Benchmarks;

/// <summary>The benchmark's outpost configuration: one embedded outpost with a generated provider list, never changing.</summary>
internal sealed class FixedOutpostConfigProvider : IOutpostConfigProvider
{
    private readonly OutpostSnapshot _snapshot;

    public FixedOutpostConfigProvider(OutpostConfig embeddedOutpost)
    {
        _snapshot = new OutpostSnapshot([embeddedOutpost], NullChangeToken.Singleton, revision: 1);
    }

    public OutpostSnapshot GetSnapshot() => _snapshot;
}
