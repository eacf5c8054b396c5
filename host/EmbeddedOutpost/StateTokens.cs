using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Authentik.Plugins.Host.EmbeddedOutpost;

/// <summary>
/// The <c>state</c> parameter of the authorization request: an HS256 JSON Web Token naming the
/// browser session (<c>sid</c>) and a random value that selects the pending login in that session.
/// </summary>
internal sealed class StateTokens(TimeProvider timeProvider)
{
    /// <summary>How long a login may take from start to callback.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private const string SessionClaim = "sid";
    private const string StateClaim = "state";

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public string Create(ProviderClient client, string sessionId, string stateValue)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = client.StateIssuer,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Lifetime,
            Claims = new Dictionary<string, object> { [SessionClaim] = sessionId, [StateClaim] = stateValue },
            SigningCredentials = new SigningCredentials(client.StateKey, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>Validates <paramref name="token"/>; returns its session id and state value, or <see langword="null"/> when it is invalid.</summary>
    public async Task<(string SessionId, string StateValue)?> ValidateAsync(ProviderClient client, string token)
    {
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = client.StateIssuer,
            ValidateAudience = false,
            IssuerSigningKey = client.StateKey,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromSeconds(30),
            LifetimeValidator = (notBefore, expires, _, parameters) =>
            {
                var now = timeProvider.GetUtcNow().UtcDateTime;
                return expires is not null && now < expires.Value + parameters.ClockSkew
                    && (notBefore is null || now + parameters.ClockSkew >= notBefore.Value);
            },
        });
        if (!result.IsValid
            || result.ClaimsIdentity.FindFirst(SessionClaim)?.Value is not { Length: > 0 } sessionId
            || result.ClaimsIdentity.FindFirst(StateClaim)?.Value is not { Length: > 0 } stateValue)
        {
            return null;
        }

        return (sessionId, stateValue);
    }
}
