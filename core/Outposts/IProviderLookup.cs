namespace Authentik.Plugins.Outposts;

/// <summary>
/// Finds the proxy provider of the embedded outpost that a request host belongs to. The host keeps
/// one lookup table per outpost snapshot and swaps it as a whole when the snapshot changes.
/// </summary>
public interface IProviderLookup
{
    /// <summary>
    /// Returns the provider whose external host equals <paramref name="host"/> (host and port,
    /// compared case-insensitively), else the forward-domain provider with the longest cookie
    /// domain that <paramref name="host"/> lies under, else <see langword="null"/>.
    /// </summary>
    /// <param name="host">The effective request host, with its port when the request named one.</param>
    ProviderMatch? Find(string host);
}
