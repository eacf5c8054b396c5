namespace Authentik.Plugins.Host.Outposts;

/// <summary>Where outpost values live in the local state.</summary>
internal static class OutpostStateKeys
{
    /// <summary>Scope of the <c>authentik_host</c> values; the key is the outpost's name.</summary>
    public const string AuthentikHostScope = "outposts.authentik_host";
}
