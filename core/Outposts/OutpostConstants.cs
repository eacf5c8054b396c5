namespace Authentik.Plugins.Outposts;

/// <summary>Fixed values of authentik's outpost model.</summary>
public static class OutpostConstants
{
    /// <summary>The <c>managed</c> value authentik gives its embedded outpost.</summary>
    public const string EmbeddedManagedValue = "goauthentik.io/outposts/embedded";

    /// <summary>The name authentik gives its embedded outpost.</summary>
    public const string EmbeddedName = "authentik Embedded Outpost";

    /// <summary>The only outpost type this host runs and deploys.</summary>
    public const string ProxyType = "proxy";

    /// <summary>Path prefix of the endpoints an outpost serves on every host it handles.</summary>
    public const string PathPrefix = "/outpost.goauthentik.io";
}
