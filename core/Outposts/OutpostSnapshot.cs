using Microsoft.Extensions.Primitives;

namespace Authentik.Plugins.Outposts;

/// <summary>One complete, immutable view of every outpost and its providers.</summary>
public sealed class OutpostSnapshot
{
    /// <summary>Creates a snapshot.</summary>
    /// <param name="outposts">Every outpost, the embedded one included when it exists.</param>
    /// <param name="changeToken">Token fired when a newer snapshot replaces this one.</param>
    /// <param name="revision">Number that grows with each new snapshot of one provider.</param>
    public OutpostSnapshot(IReadOnlyList<OutpostConfig> outposts, IChangeToken changeToken, long revision)
    {
        ArgumentNullException.ThrowIfNull(outposts);
        ArgumentNullException.ThrowIfNull(changeToken);

        Outposts = outposts;
        ChangeToken = changeToken;
        Revision = revision;
        Embedded = outposts.FirstOrDefault(outpost => outpost.IsEmbedded);
    }

    /// <summary>Every outpost, the embedded one included when it exists.</summary>
    public IReadOnlyList<OutpostConfig> Outposts { get; }

    /// <summary>The embedded outpost, or <see langword="null"/> when there is none.</summary>
    public OutpostConfig? Embedded { get; }

    /// <summary>Token fired when a newer snapshot replaces this one.</summary>
    public IChangeToken ChangeToken { get; }

    /// <summary>Number that grows with each new snapshot of one provider.</summary>
    public long Revision { get; }
}
