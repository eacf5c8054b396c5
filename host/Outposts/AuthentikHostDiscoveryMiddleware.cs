using Authentik.Plugins.Routing;
using Authentik.Plugins.State;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Authentik.Plugins.Host.Outposts;

/// <summary>
/// Sets the embedded outpost's <c>authentik_host</c> from the first admin-dashboard request while
/// the value is empty or not a full http(s) URL, as authentik's admin dashboard does on a fresh
/// install. The value is the request's origin, <c>scheme://host[:port]</c>, from
/// <see cref="IRequestOriginFeature"/> (which believes forwarded headers only from trusted proxies),
/// or from the connection and the <c>Host</c> header when the feature is absent. It is stored in
/// the local state, so it survives restarts, and never replaces a valid value.
/// </summary>
/// <remarks>
/// Only a <c>GET</c> of the dashboard page itself that the backend returns with status 200 counts.
/// authentik redirects visitors who are not signed in to its login flow, so an anonymous request
/// with a forged <c>Host</c> header cannot set the value; neither can the dashboard's public assets.
/// </remarks>
internal sealed partial class AuthentikHostDiscoveryMiddleware
{
    private readonly RequestDelegate _next;
    private readonly OutpostSnapshotStore _store;
    private readonly ILocalStateStore _state;
    private readonly ILogger<AuthentikHostDiscoveryMiddleware> _logger;
    private readonly PathString _adminPath;
    private int _storing;

    /// <summary>Creates the middleware.</summary>
    /// <param name="next">The rest of the pipeline, which responds to the dashboard request.</param>
    /// <param name="store">The current outposts, and where the learned value is published.</param>
    /// <param name="state">Where the learned value is stored.</param>
    /// <param name="options">The admin dashboard's path.</param>
    /// <param name="logger">Logs the learned value once.</param>
    public AuthentikHostDiscoveryMiddleware(
        RequestDelegate next,
        OutpostSnapshotStore store,
        ILocalStateStore state,
        IOptions<OutpostsOptions> options,
        ILogger<AuthentikHostDiscoveryMiddleware> logger)
    {
        _next = next;
        _store = store;
        _state = state;
        _logger = logger;
        _adminPath = new PathString(options.Value.AdminPath.TrimEnd('/'));
    }

    /// <summary>Passes the request on and, for a successful dashboard request while the value is unset, stores its origin.</summary>
    /// <param name="context">The request.</param>
    public async Task InvokeAsync(HttpContext context)
    {
        if (!IsDashboardRequest(context.Request) || HasValidAuthentikHost())
        {
            await _next(context);
            return;
        }

        await _next(context);
        if (context.Response.StatusCode == StatusCodes.Status200OK)
        {
            await StoreOriginAsync(context);
        }
    }

    private bool IsDashboardRequest(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method))
        {
            return false;
        }

        var path = request.Path.Value ?? "";
        var admin = _adminPath.Value ?? "";
        return path.Length >= admin.Length &&
            path.Length <= admin.Length + 1 &&
            path.StartsWith(admin, StringComparison.OrdinalIgnoreCase) &&
            (path.Length == admin.Length || path[^1] == '/');
    }

    private bool HasValidAuthentikHost() =>
        _store.Current.Snapshot.Embedded is not { } embedded || AuthentikHostUrl.IsValid(embedded.Settings.AuthentikHost);

    private async Task StoreOriginAsync(HttpContext context)
    {
        var origin = context.Features.Get<IRequestOriginFeature>() is { } feature
            ? $"{feature.Scheme}://{feature.Host}"
            : $"{context.Request.Scheme}://{context.Request.Host.Value}";
        if (!AuthentikHostUrl.IsValid(origin))
        {
            Log.OriginRejected(_logger, origin);
            return;
        }

        // Concurrent first requests store one value; the others leave it.
        if (Interlocked.CompareExchange(ref _storing, 1, 0) != 0)
        {
            return;
        }

        try
        {
            if (HasValidAuthentikHost() || _store.Current.Snapshot.Embedded is not { } embedded)
            {
                return;
            }

            origin = AuthentikHostUrl.Normalize(origin);
            await _state.SetAsync(OutpostStateKeys.AuthentikHostScope, embedded.Name, origin, CancellationToken.None);
            var values = new Dictionary<string, string>(_store.AuthentikHostOverrides, StringComparer.Ordinal)
            {
                [embedded.Name] = origin,
            };
            _store.PublishAuthentikHosts(values);
            Log.AuthentikHostDiscovered(_logger, embedded.Name, origin);
        }
        catch (Exception exception) when (exception is SqliteException or IOException or UnauthorizedAccessException)
        {
            Log.StoreFailed(_logger, origin, exception);
        }
        finally
        {
            Volatile.Write(ref _storing, 0);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1270, EventName = nameof(AuthentikHostDiscovered), Level = LogLevel.Information,
            Message = "Outpost '{OutpostName}' had no valid authentik_host; set it to {AuthentikHost}, the origin of the first admin dashboard request, and stored it in the local state.")]
        public static partial void AuthentikHostDiscovered(ILogger logger, string outpostName, string authentikHost);

        [LoggerMessage(EventId = 1271, EventName = nameof(OriginRejected), Level = LogLevel.Debug,
            Message = "The admin dashboard request's origin '{Origin}' is not a full http(s) URL; authentik_host stays unset.")]
        public static partial void OriginRejected(ILogger logger, string origin);

        [LoggerMessage(EventId = 1272, EventName = nameof(StoreFailed), Level = LogLevel.Error,
            Message = "Storing authentik_host {AuthentikHost} in the local state failed; the next admin dashboard request tries again.")]
        public static partial void StoreFailed(ILogger logger, string authentikHost, Exception exception);
    }
}
