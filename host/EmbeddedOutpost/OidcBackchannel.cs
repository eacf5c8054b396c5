using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Authentik.Plugins.Host.EmbeddedOutpost;

/// <summary>
/// Server-to-server calls to the identity provider: the code exchange, token introspection and
/// the client-credentials grant, plus ID token validation.
/// </summary>
internal sealed class OidcBackchannel(IHttpClientFactory httpClientFactory, TimeProvider timeProvider)
{
    private readonly JsonWebTokenHandler _handler = new();

    /// <summary>Exchanges an authorization code; returns the response's <c>id_token</c>, or an error text naming the reason.</summary>
    public Task<TokenResult> ExchangeCodeAsync(ProviderClient client, ProviderEndpoints endpoints, string code, string codeVerifier, CancellationToken cancellationToken) =>
        PostTokenAsync(client, endpoints, endpoints.TokenEndpoint, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = client.RedirectUri,
            ["code_verifier"] = codeVerifier,
        }, cancellationToken);

    /// <summary>authentik's client-credentials grant with a user name and password (or app password).</summary>
    public Task<TokenResult> PasswordClientCredentialsAsync(ProviderClient client, ProviderEndpoints endpoints, string username, string password, CancellationToken cancellationToken) =>
        PostTokenAsync(client, endpoints, endpoints.TokenEndpoint, new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = client.Provider.Oidc.ClientId,
            ["username"] = username,
            ["password"] = password,
            ["scope"] = string.Join(' ', client.Provider.Oidc.Scopes),
        }, cancellationToken);

    /// <summary>Introspects an access token; returns the response claims when it is active, else <see langword="null"/>.</summary>
    public async Task<JsonObject?> IntrospectAsync(ProviderClient client, ProviderEndpoints endpoints, string token, CancellationToken cancellationToken)
    {
        if (endpoints.IntrospectionEndpoint is null)
        {
            return null;
        }

        var result = await PostTokenAsync(client, endpoints, endpoints.IntrospectionEndpoint, new Dictionary<string, string> { ["token"] = token }, cancellationToken);
        return result.Body is { } body && body["active"]?.GetValueKind() == JsonValueKind.True && body["sub"] is not null ? body : null;
    }

    /// <summary>
    /// Validates an ID token's signature against the provider's keys (HS256 with the client
    /// secret), its issuer, audience, expiry and, when given, nonce.
    /// </summary>
    public async Task<IdTokenResult> ValidateIdTokenAsync(ProviderClient client, ProviderEndpoints endpoints, string idToken, string? nonce)
    {
        var keys = new List<SecurityKey>(endpoints.SigningKeys);
        var secret = Encoding.UTF8.GetBytes(client.Provider.Oidc.ClientSecret);
        if (secret.Length >= 32)
        {
            keys.Add(new SymmetricSecurityKey(secret));
        }

        var result = await _handler.ValidateTokenAsync(idToken, new TokenValidationParameters
        {
            ValidIssuers = endpoints.Issuers,
            ValidAudience = client.Provider.Oidc.ClientId,
            IssuerSigningKeys = keys,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ClockSkew = TimeSpan.FromMinutes(1),
            LifetimeValidator = (_, expires, _, parameters) =>
                expires is not null && timeProvider.GetUtcNow().UtcDateTime < expires.Value + parameters.ClockSkew,
        });
        if (!result.IsValid)
        {
            return new IdTokenResult(null, result.Exception?.GetType().Name ?? "invalid token");
        }

        var token = (JsonWebToken)result.SecurityToken;
        if (nonce is not null && (!token.TryGetPayloadValue<string>("nonce", out var actual) || !string.Equals(actual, nonce, StringComparison.Ordinal)))
        {
            return new IdTokenResult(null, "nonce mismatch");
        }

        var claims = JsonNode.Parse(Base64UrlEncoder.Decode(token.EncodedPayload))!.AsObject();
        return new IdTokenResult(claims, null);
    }

    private async Task<TokenResult> PostTokenAsync(ProviderClient client, ProviderEndpoints endpoints, string url, Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        var oidc = client.Provider.Oidc;
        var credentials = Uri.EscapeDataString(oidc.ClientId) + ":" + Uri.EscapeDataString(oidc.ClientSecret);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (endpoints.BackchannelHost is { } browserHost)
        {
            // The backend derives its issuer from Host and X-Forwarded-Proto, so it must see the browser's view.
            request.Headers.Host = browserHost.Authority;
            request.Headers.Add(ForwardedHeadersDefaults.XForwardedProtoHeaderName, browserHost.Scheme);
        }

        using var httpClient = httpClientFactory.CreateClient(ProviderClients.BackchannelClientName);
        using var response = await httpClient.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonObject? body;
        try
        {
            body = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            body = null;
        }

        if (!response.IsSuccessStatusCode || body is null)
        {
            var error = body?["error"]?.ToString() ?? "no JSON body";
            return new TokenResult(null, null, $"HTTP {(int)response.StatusCode}, error '{error}'");
        }

        return new TokenResult(body, body["id_token"]?.ToString(), null);
    }
}
