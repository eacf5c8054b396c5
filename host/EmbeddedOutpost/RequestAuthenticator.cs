using Microsoft.AspNetCore.Http;

namespace Authentik.Plugins.Host.EmbeddedOutpost;

/// <summary>Finds the user of a request: the session cookie first, then the <c>Authorization</c> header when the provider intercepts it.</summary>
internal sealed class RequestAuthenticator(OutpostSessions sessions, HeaderAuthenticator headerAuthenticator)
{
    private static readonly AuthenticationOutcome Anonymous = new(null, false, false);

    public async Task<AuthenticationOutcome> AuthenticateAsync(HttpContext context, ProviderClient client)
    {
        if (await sessions.ReadSignedInAsync(context, client) is { } session)
        {
            return new AuthenticationOutcome(session.Identity, false, false, session);
        }

        var authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.Length == 0 || !client.Provider.InterceptHeaderAuth)
        {
            return Anonymous;
        }

        var fromHeader = await headerAuthenticator.AuthenticateAsync(client, authorization, context.RequestAborted);
        return fromHeader is null ? new AuthenticationOutcome(null, true, false) : new AuthenticationOutcome(fromHeader, false, true);
    }

    /// <summary>Returns the provider's endpoints for the identity headers, or <see langword="null"/> when discovery is unavailable.</summary>
    public static async Task<ProviderEndpoints?> TryGetEndpointsAsync(ProviderClient client, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetEndpointsAsync(refresh: false, cancellationToken);
        }
        catch (Exception exception) when (exception is InvalidOperationException or HttpRequestException or IOException)
        {
            return null;
        }
    }
}
