namespace Authentik.Plugins.Outposts;

/// <summary>How a proxy provider protects its application.</summary>
public enum ProxyMode
{
    /// <summary>The outpost forwards authenticated requests to the provider's internal host.</summary>
    Proxy,

    /// <summary>Another reverse proxy asks the outpost about each request for one host.</summary>
    ForwardSingle,

    /// <summary>Another reverse proxy asks the outpost about each request for every host under a cookie domain.</summary>
    ForwardDomain,
}
