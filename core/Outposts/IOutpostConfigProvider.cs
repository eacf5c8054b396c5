namespace Authentik.Plugins.Outposts;

/// <summary>
/// Source of the outposts and providers the host serves and deploys. Each snapshot is complete
/// and immutable; a new snapshot replaces the old one as a whole and fires the old one's change
/// token.
/// </summary>
public interface IOutpostConfigProvider
{
    /// <summary>Returns the current snapshot.</summary>
    OutpostSnapshot GetSnapshot();
}
