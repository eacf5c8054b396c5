using System.Collections.Concurrent;
using Authentik.Plugins.Outposts;
using Microsoft.Extensions.Options;

namespace Authentik.Plugins.Host.EmbeddedOutpost;

/// <summary>
/// One <see cref="ProviderClient"/> per provider configuration, so discovery and keys are fetched
/// once and not on every request.
/// </summary>
internal sealed class ProviderClients(IOptions<EmbeddedOutpostOptions> options, IHttpClientFactory httpClientFactory)
{
    /// <summary>Name of the HTTP client for calls to identity providers.</summary>
    public const string BackchannelClientName = "authentik-outpost-backchannel";

    private readonly ConcurrentDictionary<string, ProviderClient> _clients = new(StringComparer.Ordinal);

    public ProviderClient Get(OutpostConfig outpost, ProxyProviderConfig provider)
    {
        var oidc = provider.Oidc;
        var key = string.Join('\n', outpost.Name, outpost.Settings.AuthentikHost, provider.Name, provider.ExternalHost,
            oidc.ClientId, oidc.ClientSecret, provider.CookieSecret, oidc.Issuer, oidc.AuthorizationEndpoint, oidc.TokenEndpoint, oidc.EndSessionEndpoint,
            oidc.IntrospectionEndpoint, oidc.JwksUri);

        // NOTE: entries of replaced configurations stay until the host restarts; each is a few objects.
        return _clients.GetOrAdd(key, _ => new ProviderClient(outpost, provider, options.Value, httpClientFactory.CreateClient(BackchannelClientName)));
    }
}
