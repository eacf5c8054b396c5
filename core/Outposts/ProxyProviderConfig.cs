namespace Authentik.Plugins.Outposts;

/// <summary>An authentik proxy provider as an outpost sees it.</summary>
public sealed record ProxyProviderConfig
{
    /// <summary>Provider name, unique among the providers of an outpost.</summary>
    public required string Name { get; init; }

    /// <summary>authentik's primary key of the provider, 0 when the provider comes from a file.</summary>
    public int Pk { get; init; }

    /// <summary>Absolute http(s) URL users reach the application at.</summary>
    public required string ExternalHost { get; init; }

    /// <summary>URL of the protected application; required in <see cref="ProxyMode.Proxy"/> mode.</summary>
    public string? InternalHost { get; init; }

    /// <summary>Whether the TLS certificate of <see cref="InternalHost"/> is validated.</summary>
    public bool InternalHostSslValidation { get; init; } = true;

    /// <summary>How the provider protects its application.</summary>
    public ProxyMode Mode { get; init; } = ProxyMode.Proxy;

    /// <summary>Domain of the session cookie; in forward-domain mode every host under it is covered.</summary>
    public string? CookieDomain { get; init; }

    /// <summary>Regular expressions, one per line, for requests let through without login.</summary>
    public string? SkipPathRegex { get; init; }

    /// <summary>Whether the upstream receives HTTP Basic credentials from user attributes.</summary>
    public bool BasicAuthEnabled { get; init; }

    /// <summary>User attribute holding the Basic user name; the e-mail address when empty.</summary>
    public string? BasicAuthUserAttribute { get; init; }

    /// <summary>User attribute holding the Basic password.</summary>
    public string? BasicAuthPasswordAttribute { get; init; }

    /// <summary>
    /// Whether an <c>Authorization</c> header is checked as a credential, and an unauthenticated
    /// request carrying one gets 401 instead of a login redirect.
    /// </summary>
    public bool InterceptHeaderAuth { get; init; } = true;

    /// <summary>How long access tokens stay valid, or <see langword="null"/> when unset.</summary>
    public TimeSpan? AccessTokenValidity { get; init; }

    /// <summary>Name of the TLS certificate served for the external host, if any.</summary>
    public string? Certificate { get; init; }

    /// <summary>Slug of the application the provider is assigned to.</summary>
    public string? ApplicationSlug { get; init; }

    /// <summary>Name of the application the provider is assigned to.</summary>
    public string? ApplicationName { get; init; }

    /// <summary>Secret the outpost signs its login state and session cookies with; never logged.</summary>
    public string? CookieSecret { get; init; }

    /// <summary>The OpenID Connect client used to sign users in.</summary>
    public required OidcClientConfig Oidc { get; init; }
}
