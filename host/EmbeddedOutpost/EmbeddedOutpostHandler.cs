using Authentik.Plugins.Host.Routing;
using Authentik.Plugins.Outposts;
using Authentik.Plugins.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Authentik.Plugins.Host.EmbeddedOutpost;

/// <summary>
/// The embedded outpost: login start, callback and sign-out, the forward-auth endpoints, and
/// authenticated forwarding for <c>proxy</c>-mode providers.
/// </summary>
internal sealed partial class EmbeddedOutpostHandler(
    ProviderClients clients,
    LoginFlow loginFlow,
    RequestAuthenticator authenticator,
    ForwardAuthEndpoints forwardAuth,
    ProxyModeForwarder forwarder,
    SkipPaths skipPaths,
    ILogger<EmbeddedOutpostHandler> logger) : IEmbeddedOutpost
{
    public async Task HandleAsync(RoutingRequest request)
    {
        var context = request.HttpContext;
        try
        {
            await DispatchAsync(request);
        }
        catch (SessionStoreException exception)
        {
            // Fail closed: while the session store fails, no request is forwarded or allowed.
            Log.SessionStoreFailed(logger, request.Host, exception.InnerException ?? exception);
            await ErrorPages.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "Sessions unavailable",
                "The outpost cannot read its sessions right now, so access is denied. Try again later.");
        }
    }

    private async Task DispatchAsync(RoutingRequest request)
    {
        var context = request.HttpContext;
        var path = request.Path.Value ?? "";
        if (ForwardAuthEndpoints.IsForwardAuthPath(path))
        {
            await forwardAuth.HandleAsync(request);
            return;
        }

        if (request.Match is not { } match)
        {
            await ErrorPages.WriteAsync(context, StatusCodes.Status400BadRequest, "No application",
                $"No provider handles the host '{request.Host}'. Check the outpost settings and make sure '{request.Host}' is included.");
            return;
        }

        var client = clients.Get(match.Outpost, match.Provider);
        var query = context.Request.Query;
        if (path == OutpostPaths.Callback || OutpostPaths.IsSignature(query[OutpostPaths.CallbackSignature]))
        {
            await loginFlow.CallbackAsync(context, client, query);
        }
        else if (path == OutpostPaths.SignOut || OutpostPaths.IsSignature(query[OutpostPaths.LogoutSignature]))
        {
            await loginFlow.SignOutAsync(context, client);
        }
        else if (path == OutpostPaths.Start)
        {
            await loginFlow.StartAsync(context, client, query[OutpostPaths.RedirectParameter].ToString());
        }
        else if (path == OutpostPaths.Ping)
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        }
        else if (path == OutpostConstants.PathPrefix || path.StartsWith(OutpostConstants.PathPrefix + "/", StringComparison.Ordinal))
        {
            await ErrorPages.WriteAsync(context, StatusCodes.Status404NotFound, "Not found", $"The outpost has no endpoint '{path}'.");
        }
        else if (match.Provider.Mode == ProxyMode.Proxy)
        {
            await ProxyAsync(request, client);
        }
        else
        {
            await ErrorPages.WriteAsync(context, StatusCodes.Status404NotFound, "Not found",
                $"The provider '{match.Provider.Name}' is in forward auth mode: send requests to the reverse proxy in front of the application, not to the outpost.");
        }
    }

    private async Task ProxyAsync(RoutingRequest request, ProviderClient client)
    {
        var context = request.HttpContext;
        var outcome = await authenticator.AuthenticateAsync(context, client);
        if (outcome.Identity is not null)
        {
            var endpoints = await RequestAuthenticator.TryGetEndpointsAsync(client, context.RequestAborted);
            await forwarder.ForwardAsync(context, client, request.Host, outcome.GetIdentityHeaders(client, endpoints), outcome.FromAuthorizationHeader);
            return;
        }

        var pathAndQuery = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
        var url = new Uri(client.ExternalHost, pathAndQuery.ToString());
        if (skipPaths.IsSkipped(client.Provider, url))
        {
            await forwarder.ForwardAsync(context, client, request.Host, [], removeAuthorization: false);
        }
        else if (outcome.HeaderRejected)
        {
            await ForwardAuthEndpoints.WriteHeaderRejectedAsync(context);
        }
        else
        {
            context.Response.Redirect(LoginFlow.StartUrl(client, RedirectTargets.Resolve(client, url.AbsoluteUri)));
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1500, LogLevel.Error, "The outpost session store failed while handling a request for host '{Host}', so access was denied.", EventName = nameof(SessionStoreFailed))]
        public static partial void SessionStoreFailed(ILogger logger, string host, Exception exception);
    }
}
