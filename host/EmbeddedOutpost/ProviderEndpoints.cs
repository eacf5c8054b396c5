using Microsoft.IdentityModel.Tokens;

namespace Authentik.Plugins.Host.EmbeddedOutpost;

/// <summary>
/// The OpenID Connect endpoints of one provider as the outpost uses them: browser-facing URLs
/// already rewritten to <c>authentik_host</c> where that applies.
/// </summary>
internal sealed record ProviderEndpoints
{
    /// <summary>Issuers an ID token may name: the discovered one and, when rewritten, the browser-facing one.</summary>
    public required IReadOnlyList<string> Issuers { get; init; }

    public required string AuthorizationEndpoint { get; init; }

    public required string TokenEndpoint { get; init; }

    public string? EndSessionEndpoint { get; init; }

    public string? IntrospectionEndpoint { get; init; }

    public string? JwksUri { get; init; }

    /// <summary>The keys ID tokens are signed with, from the JSON Web Key Set.</summary>
    public required IReadOnlyCollection<SecurityKey> SigningKeys { get; init; }

    /// <summary>The <c>Host</c> header for back-channel calls, set when they go to the backend for authentik's own issuer.</summary>
    public Uri? BackchannelHost { get; init; }
}
