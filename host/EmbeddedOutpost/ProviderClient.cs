using System.Security.Cryptography;
using System.Text;
using Authentik.Plugins.Outposts;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Authentik.Plugins.Host.EmbeddedOutpost;

/// <summary>
/// What the outpost keeps per provider: the cookie name, the callback URL, the state signing key
/// and the discovery document with its JSON Web Key Set, refreshed by a
/// <see cref="ConfigurationManager{T}"/>.
/// </summary>
internal sealed class ProviderClient
{
    private readonly ConfigurationManager<OpenIdConnectConfiguration>? _configurationManager;
    private readonly Uri? _browserBase;
    private readonly Uri? _backendBase;
    private DiscoveredEndpoints? _endpoints;

    public ProviderClient(OutpostConfig outpost, ProxyProviderConfig provider, EmbeddedOutpostOptions options, HttpClient backchannel)
    {
        Outpost = outpost;
        Provider = provider;
        ExternalHost = new Uri(provider.ExternalHost.TrimEnd('/'), UriKind.Absolute);
        CookieName = "authentik_proxy_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(provider.Oidc.ClientId)))[..8];
        RedirectUri = new Uri(ExternalHost, OutpostPaths.Callback + "?" + OutpostPaths.CallbackSignature + "=true").AbsoluteUri;
        StateIssuer = "goauthentik.io/outpost/" + provider.Oidc.ClientId;
        // authentik signs the state with the provider's cookie_secret; without one the key comes from the host's secret key.
        var stateSecret = string.IsNullOrEmpty(provider.CookieSecret) ? options.SecretKey : provider.CookieSecret;
        StateKey = new SymmetricSecurityKey(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(stateSecret),
            Encoding.UTF8.GetBytes("authentik-plugins/outpost-state/" + provider.Oidc.ClientId)));

        // Like authentik, only the scheme, host and port of internal_host are used. The request path is kept.
        if (Uri.TryCreate(provider.InternalHost, UriKind.Absolute, out var internalHost))
        {
            InternalHostOrigin = internalHost.GetLeftPart(UriPartial.Authority);
        }

        if (outpost.IsEmbedded
            && Uri.TryCreate(outpost.Settings.AuthentikHost, UriKind.Absolute, out var browserBase)
            && Uri.TryCreate(options.BackendUrl, UriKind.Absolute, out var backendBase))
        {
            _browserBase = browserBase;
            _backendBase = backendBase;
        }

        if (!string.IsNullOrEmpty(provider.Oidc.Issuer))
        {
            var discovery = provider.Oidc.Issuer.TrimEnd('/') + "/.well-known/openid-configuration";
            _configurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                discovery,
                new OpenIdConnectConfigurationRetriever(),
                new HttpDocumentRetriever(backchannel) { RequireHttps = false })
            {
                AutomaticRefreshInterval = TimeSpan.FromHours(1),
                RefreshInterval = TimeSpan.FromSeconds(30),
            };
        }
    }

    public OutpostConfig Outpost { get; }

    public ProxyProviderConfig Provider { get; }

    /// <summary>The provider's external host without a trailing slash.</summary>
    public Uri ExternalHost { get; }

    /// <summary>Scheme, host and port of <c>internal_host</c>, or <see langword="null"/> when it is missing or not an absolute URL.</summary>
    public string? InternalHostOrigin { get; }

    /// <summary><c>authentik_proxy_</c> and the first 8 hex digits of SHA-256 of the client id.</summary>
    public string CookieName { get; }

    /// <summary>The callback URL registered at the identity provider.</summary>
    public string RedirectUri { get; }

    /// <summary>Issuer of the signed login state, <c>goauthentik.io/outpost/</c> and the client id.</summary>
    public string StateIssuer { get; }

    /// <summary>HMAC-SHA256 key of the login state, derived from the provider's cookie secret (else the host's secret key) and the client id.</summary>
    public SymmetricSecurityKey StateKey { get; }

    /// <summary>Whether the session cookie gets the <c>Secure</c> attribute.</summary>
    public bool SecureCookie => ExternalHost.Scheme == Uri.UriSchemeHttps;

    /// <summary>Reads the provider's endpoints, from discovery where the configuration leaves them empty.</summary>
    /// <param name="refresh">Whether to fetch discovery and keys again first, for example after an unknown key id.</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    public async Task<ProviderEndpoints> GetEndpointsAsync(bool refresh, CancellationToken cancellationToken)
    {
        var oidc = Provider.Oidc;
        OpenIdConnectConfiguration? discovered = null;
        if (_configurationManager is not null)
        {
            if (refresh)
            {
                _configurationManager.RequestRefresh();
            }

            discovered = await _configurationManager.GetConfigurationAsync(cancellationToken);
        }

        // The configuration manager returns the same document object until it fetches a new one.
        if (Volatile.Read(ref _endpoints) is { } cached && ReferenceEquals(cached.Source, discovered))
        {
            return cached.Endpoints;
        }

        var issuer = discovered?.Issuer ?? oidc.Issuer ?? "";
        var authorization = Pick(oidc.AuthorizationEndpoint, discovered?.AuthorizationEndpoint, "authorization_endpoint");
        var token = Pick(oidc.TokenEndpoint, discovered?.TokenEndpoint, "token_endpoint");
        var endSession = oidc.EndSessionEndpoint ?? discovered?.EndSessionEndpoint;
        var introspection = oidc.IntrospectionEndpoint ?? discovered?.IntrospectionEndpoint;
        var jwks = oidc.JwksUri ?? discovered?.JwksUri;

        // authentik's own issuer is reached through the backend, but browsers must use authentik_host.
        var rewrite = _browserBase is not null && _backendBase is not null && IsUnder(token, _backendBase);
        var issuers = new List<string> { issuer };
        if (rewrite)
        {
            authorization = Rebase(authorization, _browserBase!);
            endSession = endSession is null ? null : Rebase(endSession, _browserBase!);
            if (issuer.Length > 0)
            {
                issuers.Add(Rebase(issuer, _browserBase!));
            }
        }

        var endpoints = new ProviderEndpoints
        {
            Issuers = issuers,
            AuthorizationEndpoint = authorization,
            TokenEndpoint = token,
            EndSessionEndpoint = endSession,
            IntrospectionEndpoint = introspection,
            JwksUri = jwks,
            SigningKeys = discovered?.SigningKeys.ToList() ?? [],
            BackchannelHost = rewrite ? _browserBase : null,
        };
        Volatile.Write(ref _endpoints, new DiscoveredEndpoints(discovered, endpoints));
        return endpoints;
    }

    private string Pick(string? configured, string? discovered, string name) =>
        configured ?? discovered ?? throw new InvalidOperationException(
            $"Provider '{Provider.Name}' has no {name}: set the issuer so discovery supplies it, or set the endpoint.");

    private static bool IsUnder(string url, Uri baseUri) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && string.Equals(uri.Authority, baseUri.Authority, StringComparison.OrdinalIgnoreCase);

    private static string Rebase(string url, Uri baseUri)
    {
        var builder = new UriBuilder(url) { Scheme = baseUri.Scheme, Host = baseUri.Host, Port = baseUri.Port };
        return builder.Uri.AbsoluteUri;
    }

    private sealed record DiscoveredEndpoints(OpenIdConnectConfiguration? Source, ProviderEndpoints Endpoints);
}
