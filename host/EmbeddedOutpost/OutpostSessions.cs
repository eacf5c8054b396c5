using System.Security.Cryptography;
using System.Text.Json;
using Authentik.Plugins.Host.Outposts;
using Authentik.Plugins.State;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Authentik.Plugins.Host.EmbeddedOutpost;

/// <summary>
/// Reads and writes outpost sessions and their cookies. The cookie holds only a random
/// 256-bit session id; every failure of the store surfaces as <see cref="SessionStoreException"/>.
/// Signed-in sessions are kept in a <see cref="SignedInSessionCache"/>, which every write and
/// delete through this class updates.
/// </summary>
internal sealed class OutpostSessions(IOutpostSessionStore store, SignedInSessionCache cache, IOptions<OutpostsOptions> options, TimeProvider timeProvider)
{
    private readonly TimeSpan _cacheDuration = options.Value.SessionCacheDuration;

    public DateTimeOffset Now => timeProvider.GetUtcNow();

    public static string NewId() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// Returns the signed-in session named by the request's cookie for <paramref name="client"/>,
    /// from the cache while its entry lasts, else from the store.
    /// </summary>
    public async ValueTask<CachedSession?> ReadSignedInAsync(HttpContext context, ProviderClient client)
    {
        if (!TryGetSessionId(context, client, out var id))
        {
            return null;
        }

        var now = Now;
        // An entry lasts no longer than its session, so a live entry is never an expired session.
        if (cache.Get(id, now) is { } cached)
        {
            return BelongsTo(cached.Outpost, cached.Provider, client) ? cached : null;
        }

        var version = cache.Version;
        var loaded = await ReadAsync(context, client);
        if (loaded?.Identity is not { } identity || loaded.Session.Subject is not { } subject)
        {
            return null;
        }

        var expiresAt = loaded.Session.ExpiresAt;
        var cachedUntil = now + _cacheDuration < expiresAt ? now + _cacheDuration : expiresAt;
        var session = new CachedSession(loaded.Session.Outpost, loaded.Session.Provider, subject, identity, cachedUntil);
        if (_cacheDuration > TimeSpan.Zero)
        {
            cache.TryAdd(id, session, version, now);
        }

        return session;
    }

    /// <summary>Returns the live session named by the request's cookie for <paramref name="client"/>, deleting it when it has expired.</summary>
    public async Task<LoadedSession?> ReadAsync(HttpContext context, ProviderClient client)
    {
        if (!TryGetSessionId(context, client, out var id))
        {
            return null;
        }

        var session = await RunAsync(() => store.GetAsync(id, context.RequestAborted));
        if (session is null || !BelongsTo(session.Outpost, session.Provider, client))
        {
            return null;
        }

        if (session.ExpiresAt <= Now)
        {
            await DeleteAsync(id, context.RequestAborted);
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
        try
        {
            await RunAsync(async () =>
            {
                await store.SetAsync(session, cancellationToken);
                return true;
            });
        }
        finally
        {
            cache.Remove(id);
        }
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            return await RunAsync(() => store.DeleteAsync(id, cancellationToken));
        }
        finally
        {
            cache.Remove(id);
        }
    }

    public async Task<int> DeleteBySubjectAsync(ProviderClient client, string subject, CancellationToken cancellationToken)
    {
        try
        {
            return await RunAsync(() => store.DeleteBySubjectAsync(client.Outpost.Name, subject, cancellationToken));
        }
        finally
        {
            cache.RemoveSubject(client.Outpost.Name, subject);
        }
    }

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

    private static bool TryGetSessionId(HttpContext context, ProviderClient client, out string id)
    {
        if (context.Request.Cookies.TryGetValue(client.CookieName, out var value) && !string.IsNullOrEmpty(value))
        {
            id = value;
            return true;
        }

        id = "";
        return false;
    }

    private static bool BelongsTo(string outpost, string provider, ProviderClient client) =>
        string.Equals(outpost, client.Outpost.Name, StringComparison.Ordinal)
        && string.Equals(provider, client.Provider.Name, StringComparison.Ordinal);

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
