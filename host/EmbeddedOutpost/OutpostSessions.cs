using System.Security.Cryptography;
using System.Text.Json;
using Authentik.Plugins.State;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace Authentik.Plugins.Host.EmbeddedOutpost;

/// <summary>
/// Reads and writes outpost sessions and their cookies. The cookie holds only a random
/// 256-bit session id; every failure of the store surfaces as <see cref="SessionStoreException"/>.
/// </summary>
internal sealed class OutpostSessions(IOutpostSessionStore store, TimeProvider timeProvider)
{
    public DateTimeOffset Now => timeProvider.GetUtcNow();

    public static string NewId() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    /// <summary>Returns the live session named by the request's cookie for <paramref name="client"/>, deleting it when it has expired.</summary>
    public async Task<LoadedSession?> ReadAsync(HttpContext context, ProviderClient client)
    {
        if (!context.Request.Cookies.TryGetValue(client.CookieName, out var id) || string.IsNullOrEmpty(id))
        {
            return null;
        }

        var session = await RunAsync(() => store.GetAsync(id, context.RequestAborted));
        if (session is null
            || !string.Equals(session.Outpost, client.Outpost.Name, StringComparison.Ordinal)
            || !string.Equals(session.Provider, client.Provider.Name, StringComparison.Ordinal))
        {
            return null;
        }

        if (session.ExpiresAt <= Now)
        {
            await RunAsync(() => store.DeleteAsync(id, context.RequestAborted));
            return null;
        }

        SessionData? data;
        try
        {
            data = JsonSerializer.Deserialize<SessionData>(session.Data);
        }
        catch (JsonException)
        {
            // A session whose content cannot be read is treated as missing.
            data = null;
        }

        return data is null ? null : new LoadedSession(session, data);
    }

    public async Task SaveAsync(ProviderClient client, string id, string? subject, SessionData data, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var session = new OutpostSession
        {
            Id = id,
            Outpost = client.Outpost.Name,
            Provider = client.Provider.Name,
            Subject = subject,
            Data = JsonSerializer.Serialize(data),
            ExpiresAt = expiresAt,
        };
        await RunAsync(async () =>
        {
            await store.SetAsync(session, cancellationToken);
            return true;
        });
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken) =>
        await RunAsync(() => store.DeleteAsync(id, cancellationToken));

    public async Task<int> DeleteBySubjectAsync(ProviderClient client, string subject, CancellationToken cancellationToken) =>
        await RunAsync(() => store.DeleteBySubjectAsync(client.Outpost.Name, subject, cancellationToken));

    /// <summary>Sets the session cookie; without <paramref name="expiresAt"/> it lasts until the browser closes.</summary>
    public void WriteCookie(HttpContext context, ProviderClient client, string id, DateTimeOffset? expiresAt)
    {
        var options = CookieOptions(client);
        if (expiresAt is { } expires)
        {
            options.MaxAge = expires - Now;
        }

        context.Response.Cookies.Append(client.CookieName, id, options);
    }

    public static void DeleteCookie(HttpContext context, ProviderClient client) =>
        context.Response.Cookies.Delete(client.CookieName, CookieOptions(client));

    private static CookieOptions CookieOptions(ProviderClient client) => new()
    {
        HttpOnly = true,
        Secure = client.SecureCookie,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        Domain = string.IsNullOrEmpty(client.Provider.CookieDomain) ? null : client.Provider.CookieDomain,
    };

    private static async Task<T> RunAsync<T>(Func<ValueTask<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new SessionStoreException("The outpost session store failed.", exception);
        }
    }
}
