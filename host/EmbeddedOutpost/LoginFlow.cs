using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Authentik.Plugins.Host.EmbeddedOutpost;

/// <summary>
/// The OpenID Connect authorization-code flow with PKCE, state and nonce: login start, callback
/// and sign-out. Logins in progress live in the browser's server-side session, so a state value
/// works once and only in the browser that started it.
/// </summary>
internal sealed partial class LoginFlow(
    OutpostSessions sessions,
    StateTokens stateTokens,
    OidcBackchannel backchannel,
    ILogger<LoginFlow> logger)
{
    private const int MaxPendingLogins = 10;

    /// <summary>Returns the URL of the login start with <paramref name="target"/> as the redirect after login.</summary>
    public static string StartUrl(ProviderClient client, string target) =>
        QueryHelpers.AddQueryString(new Uri(client.ExternalHost, OutpostPaths.Start).AbsoluteUri, OutpostPaths.RedirectParameter, target);

    public async Task StartAsync(HttpContext context, ProviderClient client, string? requestedRedirect)
    {
        var target = RedirectTargets.Resolve(client, requestedRedirect);
        if (!string.IsNullOrEmpty(requestedRedirect) && !IsSameTarget(client, requestedRedirect, target))
        {
            Log.RedirectReplaced(logger, client.Provider.Name, requestedRedirect, target);
        }

        var endpoints = await GetEndpointsAsync(context, client, refresh: false);
        if (endpoints is null)
        {
            return;
        }

        var now = sessions.Now;
        var loaded = await sessions.ReadAsync(context, client);
        var sessionId = loaded?.Session.Id ?? OutpostSessions.NewId();
        var data = loaded?.Data ?? new SessionData();
        var expiresAt = now + StateTokens.Lifetime;
        if (loaded is not null && loaded.Session.ExpiresAt > expiresAt)
        {
            expiresAt = loaded.Session.ExpiresAt;
        }

        RemoveStalePendingLogins(data, now);
        var stateValue = OutpostSessions.NewId();
        var pending = new PendingLogin { Nonce = OutpostSessions.NewId(), CodeVerifier = OutpostSessions.NewId(), Redirect = target, CreatedAt = now };
        data.Pending[stateValue] = pending;
        await sessions.SaveAsync(client, sessionId, loaded?.Session.Subject, data, expiresAt, context.RequestAborted);
        if (loaded is null)
        {
            sessions.WriteCookie(context, client, sessionId, null);
        }

        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(pending.CodeVerifier)));
        var authorizeUrl = QueryHelpers.AddQueryString(endpoints.AuthorizationEndpoint, new Dictionary<string, string?>
        {
            ["client_id"] = client.Provider.Oidc.ClientId,
            ["redirect_uri"] = client.RedirectUri,
            ["response_type"] = "code",
            ["scope"] = string.Join(' ', client.Provider.Oidc.Scopes),
            ["state"] = stateTokens.Create(client, sessionId, stateValue),
            ["nonce"] = pending.Nonce,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        });
        Log.LoginStarted(logger, client.Provider.Name, target);
        context.Response.Redirect(authorizeUrl);
    }

    public async Task CallbackAsync(HttpContext context, ProviderClient client, IQueryCollection query)
    {
        var provider = client.Provider.Name;
        var state = query["state"].ToString();
        var validated = state.Length == 0 ? null : await stateTokens.ValidateAsync(client, state);
        if (validated is not { } stateClaims)
        {
            Log.StateInvalid(logger, provider);
            await RejectAsync(context, "The login state is missing, invalid or expired. Open the application again to start a new login.");
            return;
        }

        var loaded = await sessions.ReadAsync(context, client);
        if (loaded is null || !string.Equals(loaded.Session.Id, stateClaims.SessionId, StringComparison.Ordinal))
        {
            Log.StateSessionMismatch(logger, provider);
            await RejectAsync(context, "The login state was already used or belongs to another browser session. Open the application again to start a new login.");
            return;
        }

        if (!loaded.Data.Pending.Remove(stateClaims.StateValue, out var pending))
        {
            Log.StateReplayed(logger, provider);
            await RejectAsync(context, "This login was already completed or was not started in this browser. Open the application again to start a new login.");
            return;
        }

        // The state is used up before the code is exchanged, so neither can be replayed.
        await sessions.SaveAsync(client, loaded.Session.Id, loaded.Session.Subject, loaded.Data, loaded.Session.ExpiresAt, context.RequestAborted);

        var error = query["error"].ToString();
        var code = query["code"].ToString();
        if (error.Length > 0 || code.Length == 0)
        {
            Log.AuthorizationFailed(logger, provider, error.Length > 0 ? error : "no code");
            await RejectAsync(context, error.Length > 0
                ? $"The identity provider returned the error '{error}'."
                : "The callback has no authorization code.");
            return;
        }

        var identity = await RedeemCodeAsync(context, client, code, pending);
        if (identity is null)
        {
            return;
        }

        var expiresAt = identity.Claims["exp"] is { } exp ? DateTimeOffset.FromUnixTimeSeconds(exp.GetValue<long>()) : sessions.Now + StateTokens.Lifetime;
        var sessionData = new SessionData { Claims = identity.Claims, RawIdToken = identity.RawIdToken };

        // A new id after login, so an id planted in the browser before login is never signed in.
        var sessionId = OutpostSessions.NewId();
        await sessions.SaveAsync(client, sessionId, identity.Subject, sessionData, expiresAt, context.RequestAborted);
        await sessions.DeleteAsync(loaded.Session.Id, context.RequestAborted);
        sessions.WriteCookie(context, client, sessionId, expiresAt);
        Log.LoginCompleted(logger, provider, identity.Subject);
        context.Response.Redirect(pending.Redirect);
    }

    public async Task SignOutAsync(HttpContext context, ProviderClient client)
    {
        var loaded = await sessions.ReadAsync(context, client);
        if (loaded?.Identity is not { } identity)
        {
            context.Response.Redirect(StartUrl(client, RedirectTargets.Resolve(client, null)));
            return;
        }

        var deleted = await sessions.DeleteBySubjectAsync(client, identity.Subject, context.RequestAborted);
        OutpostSessions.DeleteCookie(context, client);
        Log.SignedOut(logger, client.Provider.Name, identity.Subject, deleted);

        var endpoints = await GetEndpointsAsync(context, client, refresh: false);
        if (endpoints is null)
        {
            return;
        }

        context.Response.Redirect(endpoints.EndSessionEndpoint is { } endSession && identity.RawIdToken is { } rawToken
            ? QueryHelpers.AddQueryString(endSession, "id_token_hint", rawToken)
            : RedirectTargets.Resolve(client, null));
    }

    private async Task<OutpostIdentity?> RedeemCodeAsync(HttpContext context, ProviderClient client, string code, PendingLogin pending)
    {
        var provider = client.Provider.Name;
        var endpoints = await GetEndpointsAsync(context, client, refresh: false);
        if (endpoints is null)
        {
            return null;
        }

        TokenResult tokens;
        try
        {
            tokens = await backchannel.ExchangeCodeAsync(client, endpoints, code, pending.CodeVerifier, context.RequestAborted);
        }
        catch (HttpRequestException exception)
        {
            Log.IdentityProviderUnreachable(logger, provider, exception);
            await ErrorPages.WriteAsync(context, StatusCodes.Status502BadGateway, "Identity provider unreachable", "The token endpoint of the identity provider could not be reached. Try again later.");
            return null;
        }

        if (tokens.IdToken is not { } idToken)
        {
            var reason = tokens.Error ?? "no id_token in the response";
            Log.CodeExchangeFailed(logger, provider, reason);
            await RejectAsync(context, $"The identity provider rejected the authorization code ({reason}). Open the application again to start a new login.");
            return null;
        }

        var validation = await backchannel.ValidateIdTokenAsync(client, endpoints, idToken, pending.Nonce);
        if (validation.Error == nameof(SecurityTokenSignatureKeyNotFoundException))
        {
            // The identity provider may have rotated its keys since they were fetched.
            endpoints = await GetEndpointsAsync(context, client, refresh: true);
            if (endpoints is null)
            {
                return null;
            }

            validation = await backchannel.ValidateIdTokenAsync(client, endpoints, idToken, pending.Nonce);
        }

        if (validation.Claims is not { } claims || claims["sub"] is null)
        {
            var reason = validation.Error ?? "no sub claim";
            Log.IdTokenInvalid(logger, provider, reason);
            await RejectAsync(context, $"The ID token from the identity provider is invalid ({reason}).");
            return null;
        }

        return new OutpostIdentity(claims, idToken);
    }

    private async Task<ProviderEndpoints?> GetEndpointsAsync(HttpContext context, ProviderClient client, bool refresh)
    {
        try
        {
            return await client.GetEndpointsAsync(refresh, context.RequestAborted);
        }
        catch (Exception exception) when (exception is InvalidOperationException or HttpRequestException or IOException)
        {
            Log.IdentityProviderUnreachable(logger, client.Provider.Name, exception);
            await ErrorPages.WriteAsync(context, StatusCodes.Status502BadGateway, "Identity provider unreachable",
                "The OpenID Connect configuration of the identity provider could not be read. Try again later.");
            return null;
        }
    }

    private static Task RejectAsync(HttpContext context, string detail) =>
        ErrorPages.WriteAsync(context, StatusCodes.Status400BadRequest, "Login failed", detail);

    private static void RemoveStalePendingLogins(SessionData data, DateTimeOffset now)
    {
        foreach (var (key, login) in data.Pending.ToList())
        {
            if (login.CreatedAt + StateTokens.Lifetime < now)
            {
                data.Pending.Remove(key);
            }
        }

        while (data.Pending.Count >= MaxPendingLogins)
        {
            data.Pending.Remove(data.Pending.MinBy(entry => entry.Value.CreatedAt).Key);
        }
    }

    private static bool IsSameTarget(ProviderClient client, string requested, string target) =>
        Uri.TryCreate(client.ExternalHost, requested, out var uri) && string.Equals(uri.AbsoluteUri, target, StringComparison.Ordinal);

    private static partial class Log
    {
        [LoggerMessage(1400, LogLevel.Debug, "Provider '{Provider}': login started, returning to '{Target}'.", EventName = nameof(LoginStarted))]
        public static partial void LoginStarted(ILogger logger, string provider, string target);

        [LoggerMessage(1401, LogLevel.Warning, "Provider '{Provider}': redirect target '{Requested}' is outside the provider and was replaced by '{Target}'.", EventName = nameof(RedirectReplaced))]
        public static partial void RedirectReplaced(ILogger logger, string provider, string requested, string target);

        [LoggerMessage(1402, LogLevel.Warning, "Provider '{Provider}': login callback with a missing, invalid or expired state.", EventName = nameof(StateInvalid))]
        public static partial void StateInvalid(ILogger logger, string provider);

        [LoggerMessage(1403, LogLevel.Warning, "Provider '{Provider}': login callback whose state belongs to another browser session.", EventName = nameof(StateSessionMismatch))]
        public static partial void StateSessionMismatch(ILogger logger, string provider);

        [LoggerMessage(1404, LogLevel.Warning, "Provider '{Provider}': login callback with a state that was already used or never issued to this session.", EventName = nameof(StateReplayed))]
        public static partial void StateReplayed(ILogger logger, string provider);

        [LoggerMessage(1405, LogLevel.Warning, "Provider '{Provider}': authorization failed at the identity provider: {Reason}.", EventName = nameof(AuthorizationFailed))]
        public static partial void AuthorizationFailed(ILogger logger, string provider, string reason);

        [LoggerMessage(1406, LogLevel.Warning, "Provider '{Provider}': code exchange failed: {Reason}.", EventName = nameof(CodeExchangeFailed))]
        public static partial void CodeExchangeFailed(ILogger logger, string provider, string reason);

        [LoggerMessage(1407, LogLevel.Warning, "Provider '{Provider}': ID token rejected: {Reason}.", EventName = nameof(IdTokenInvalid))]
        public static partial void IdTokenInvalid(ILogger logger, string provider, string reason);

        [LoggerMessage(1408, LogLevel.Information, "Provider '{Provider}': user '{Subject}' signed in.", EventName = nameof(LoginCompleted))]
        public static partial void LoginCompleted(ILogger logger, string provider, string subject);

        [LoggerMessage(1409, LogLevel.Information, "Provider '{Provider}': user '{Subject}' signed out, {Count} sessions ended.", EventName = nameof(SignedOut))]
        public static partial void SignedOut(ILogger logger, string provider, string subject, int count);

        [LoggerMessage(1410, LogLevel.Error, "Provider '{Provider}': the identity provider could not be reached.", EventName = nameof(IdentityProviderUnreachable))]
        public static partial void IdentityProviderUnreachable(ILogger logger, string provider, Exception exception);
    }
}
