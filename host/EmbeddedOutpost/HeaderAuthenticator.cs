using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;

namespace Authentik.Plugins.Host.EmbeddedOutpost;

/// <summary>
/// Signs a request in from its <c>Authorization</c> header: a <c>Bearer</c> token through token
/// introspection, HTTP Basic credentials through authentik's client-credentials grant. Successful
/// results are cached for 60 seconds per provider and header value.
/// </summary>
internal sealed partial class HeaderAuthenticator(OidcBackchannel backchannel, IMemoryCache cache, ILogger<HeaderAuthenticator> logger)
{
    private static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(60);

    /// <summary>Returns the identity the header proves, or <see langword="null"/> when it proves none.</summary>
    public async Task<OutpostIdentity?> AuthenticateAsync(ProviderClient client, string authorization, CancellationToken cancellationToken)
    {
        var cacheKey = "authentik-outpost-header\n" + client.Provider.Name + "\n" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(authorization)));
        if (cache.TryGetValue(cacheKey, out OutpostIdentity? cached))
        {
            return cached;
        }

        if (!AuthenticationHeaderValue.TryParse(authorization, out var header) || string.IsNullOrEmpty(header.Parameter))
        {
            return null;
        }

        OutpostIdentity? identity;
        try
        {
            identity = await AuthenticateAsync(client, header, cancellationToken);
        }
        catch (Exception exception) when (exception is HttpRequestException or InvalidOperationException or IOException)
        {
            Log.HeaderAuthenticationFailed(logger, client.Provider.Name, header.Scheme, exception);
            return null;
        }

        if (identity is not null)
        {
            cache.Set(cacheKey, identity, CacheDuration);
        }

        return identity;
    }

    private async Task<OutpostIdentity?> AuthenticateAsync(ProviderClient client, AuthenticationHeaderValue header, CancellationToken cancellationToken)
    {
        var endpoints = await client.GetEndpointsAsync(refresh: false, cancellationToken);
        if (string.Equals(header.Scheme, "Bearer", StringComparison.OrdinalIgnoreCase))
        {
            var claims = await backchannel.IntrospectAsync(client, endpoints, header.Parameter!, cancellationToken);
            return claims is null ? null : new OutpostIdentity(claims, null);
        }

        if (!string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter!));
        }
        catch (FormatException)
        {
            return null;
        }

        var separator = decoded.IndexOf(':', StringComparison.Ordinal);
        if (separator < 0)
        {
            return null;
        }

        // NOTE: only rejected credentials are tested; the test identity provider has no password grant of this kind.
        var tokens = await backchannel.PasswordClientCredentialsAsync(client, endpoints, decoded[..separator], decoded[(separator + 1)..], cancellationToken);
        if (tokens.IdToken is null)
        {
            return null;
        }

        var validation = await backchannel.ValidateIdTokenAsync(client, endpoints, tokens.IdToken, nonce: null);
        return validation.Claims is { } idClaims && idClaims["sub"] is not null ? new OutpostIdentity(idClaims, tokens.IdToken) : null;
    }

    private static partial class Log
    {
        [LoggerMessage(1420, LogLevel.Warning, "Provider '{Provider}': checking the {Scheme} Authorization header at the identity provider failed.", EventName = nameof(HeaderAuthenticationFailed))]
        public static partial void HeaderAuthenticationFailed(ILogger logger, string provider, string scheme, Exception exception);
    }
}
