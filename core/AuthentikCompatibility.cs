namespace Authentik.Plugins;

/// <summary>The authentik release whose behaviour and version strings this host reproduces.</summary>
public static class AuthentikCompatibility
{
    /// <summary>
    /// authentik version reported in <c>X-authentik-version</c>, in outpost image tags and in
    /// version labels of deployed objects.
    /// </summary>
    public const string Version = "2025.8.0";
}
