namespace Authentik.Plugins.Outposts;

/// <summary>
/// The OpenID Connect client a proxy provider signs users in with. Endpoints left empty are read
/// from the issuer's discovery document.
/// </summary>
public sealed record OidcClientConfig
{
    /// <summary>Client id registered at the identity provider.</summary>
    public required string ClientId { get; init; }

    /// <summary>Client secret; never logged.</summary>
    public required string ClientSecret { get; init; }

    /// <summary>Issuer URL; its <c>/.well-known/openid-configuration</c> supplies missing endpoints.</summary>
    public string? Issuer { get; init; }

    /// <summary>Authorization endpoint the browser is sent to.</summary>
    public string? AuthorizationEndpoint { get; init; }

    /// <summary>Token endpoint the outpost exchanges codes at.</summary>
    public string? TokenEndpoint { get; init; }

    /// <summary>Userinfo endpoint.</summary>
    public string? UserinfoEndpoint { get; init; }

    /// <summary>End-session endpoint the browser is sent to on sign-out.</summary>
    public string? EndSessionEndpoint { get; init; }

    /// <summary>Token introspection endpoint, used for <c>Bearer</c> tokens.</summary>
    public string? IntrospectionEndpoint { get; init; }

    /// <summary>JSON Web Key Set the ID token signature is checked against.</summary>
    public string? JwksUri { get; init; }

    /// <summary>Scopes requested at login.</summary>
    public IReadOnlyList<string> Scopes { get; init; } = ["openid", "profile", "email", "entitlements", "ak_proxy"];
}
