using Authentik.Plugins.Outposts;
using Microsoft.Extensions.FileProviders;

namespace Authentik.Plugins.Host.Routing;

/// <summary>
/// The outpost configuration while no other source is installed: authentik's embedded outpost
/// with no providers, which never changes.
/// </summary>
internal sealed class EmbeddedOnlyOutpostConfigProvider : IOutpostConfigProvider
{
    // A fixed id, so objects named after the outpost keep their names across restarts.
    private static readonly Guid EmbeddedUuid = new("6f1c3f0e-3c2a-4f6e-9d8b-2a1d5e7c9b40");

    private readonly OutpostSnapshot _snapshot = new(
        [
            new OutpostConfig
            {
                Name = OutpostConstants.EmbeddedName,
                Uuid = EmbeddedUuid,
                Managed = OutpostConstants.EmbeddedManagedValue,
            },
        ],
        NullChangeToken.Singleton,
        revision: 1);

    public OutpostSnapshot GetSnapshot() => _snapshot;
}
