using Authentik.Plugins.Outposts;
using Authentik.Plugins.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;

namespace Authentik.Plugins.Host.EmbeddedOutpost;

/// <summary>
/// The endpoints another reverse proxy queries for each request of a <c>forward_single</c> or
/// <c>forward_domain</c> provider: <c>/auth/nginx</c>, <c>/auth/traefik</c>, <c>/auth/caddy</c>
/// and <c>/auth/envoy</c> under <c>/outpost.goauthentik.io</c>.
/// </summary>
internal sealed partial class ForwardAuthEndpoints(
    ProviderClients clients,
    RequestAuthenticator authenticator,
    LoginFlow loginFlow,
    SkipPaths skipPaths,
    IServiceProvider services,
    ILogger<ForwardAuthEndpoints> logger)
{
    private const string OriginalUrlHeader = "X-Original-URL";
    private const string OriginalUriHeader = "X-Original-URI";
    private const string ForwardedUriHeader = "X-Forwarded-Uri";

    /// <summary>Whether <paramref name="path"/> is one of the forward-auth endpoints.</summary>
    public static bool IsForwardAuthPath(string path) =>
        path is OutpostPaths.AuthNginx or OutpostPaths.AuthTraefik or OutpostPaths.AuthCaddy
        || path.StartsWith(OutpostPaths.AuthEnvoy, StringComparison.Ordinal);

    public async Task HandleAsync(RoutingRequest request)
    {
        var context = request.HttpContext;
        var path = request.Path.Value ?? "";
        var isNginx = path == OutpostPaths.AuthNginx;
        var (forwardUrl, forwardHost, problem) = path switch
        {
            OutpostPaths.AuthNginx => ReadNginxUrl(context, request.Host),
            OutpostPaths.AuthTraefik or OutpostPaths.AuthCaddy => ReadForwardedUrl(context),
            _ => ReadEnvoyUrl(context, request.Host),
        };
        if (forwardUrl is null)
        {
            Log.ProxyMisconfigured(logger, path, problem!);
            await ErrorPages.WriteAsync(context, StatusCodes.Status500InternalServerError, "Configuration error",
                $"The reverse proxy in front of the outpost is misconfigured: {problem}");
            return;
        }

        var match = FindProvider(request, forwardHost);
        if (match is null || match.Provider.Mode == ProxyMode.Proxy)
        {
            Log.NoForwardAuthProvider(logger, forwardHost);
            await ErrorPages.WriteAsync(context, StatusCodes.Status400BadRequest, "No application",
                $"No forward auth provider handles the host '{forwardHost}'. Check the outpost settings and make sure '{forwardHost}' is the external host of a provider in forward auth mode, or lies under the cookie domain of one in forward_domain mode.");
            return;
        }

        var client = clients.Get(match.Outpost, match.Provider);
        var forwardQuery = new QueryCollection(QueryHelpers.ParseQuery(forwardUrl.Query));
        if (OutpostPaths.IsSignature(forwardQuery[OutpostPaths.CallbackSignature]))
        {
            await loginFlow.CallbackAsync(context, client, forwardQuery);
            return;
        }

        if (OutpostPaths.IsSignature(forwardQuery[OutpostPaths.LogoutSignature]))
        {
            await loginFlow.SignOutAsync(context, client);
            return;
        }

        var outcome = await authenticator.AuthenticateAsync(context, client);
        if (outcome.Identity is not null)
        {
            var endpoints = await RequestAuthenticator.TryGetEndpointsAsync(client, context.RequestAborted);
            foreach (var (name, value) in outcome.GetIdentityHeaders(client, endpoints))
            {
                context.Response.Headers.Append(name, value);
            }

            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        if (skipPaths.IsSkipped(client.Provider, forwardUrl))
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        if (outcome.HeaderRejected)
        {
            await WriteHeaderRejectedAsync(context);
            return;
        }

        if (isNginx)
        {
            // nginx turns the 401 into a redirect to the login start; outpost paths themselves pass.
            context.Response.StatusCode = forwardUrl.AbsolutePath.StartsWith(OutpostConstants.PathPrefix, StringComparison.Ordinal)
                ? StatusCodes.Status200OK
                : StatusCodes.Status401Unauthorized;
            return;
        }

        context.Response.Redirect(LoginFlow.StartUrl(client, RedirectTargets.Resolve(client, forwardUrl.AbsoluteUri)));
    }

    /// <summary>Writes the 401 page for a request whose <c>Authorization</c> header proved no identity.</summary>
    public static Task WriteHeaderRejectedAsync(HttpContext context) =>
        ErrorPages.WriteAsync(context, StatusCodes.Status401Unauthorized, "Unauthorized",
            "The Authorization header of this request is not valid. Due to 'Receive header authentication' being set, no redirect is performed.");

    private ProviderMatch? FindProvider(RoutingRequest request, string forwardHost)
    {
        if (services.GetService(typeof(IProviderLookup)) is IProviderLookup lookup)
        {
            return lookup.Find(forwardHost);
        }

        // NOTE: without a registered IProviderLookup only the request's own host is matched.
        return string.Equals(forwardHost, request.Host, StringComparison.OrdinalIgnoreCase) ? request.Match : null;
    }

    private static (Uri? Url, string Host, string? Problem) ReadNginxUrl(HttpContext context, string requestHost)
    {
        var headers = context.Request.Headers;
        var originalUrl = headers[OriginalUrlHeader].ToString();
        if (originalUrl.Length > 0)
        {
            return Uri.TryCreate(originalUrl, UriKind.Absolute, out var url) && IsHttp(url)
                ? (url, url.Authority, null)
                : (null, "", $"the {OriginalUrlHeader} header '{originalUrl}' is not an absolute http(s) URL. Set it to $scheme://$http_host$request_uri.");
        }

        var originalUri = headers[OriginalUriHeader].ToString();
        if (originalUri.StartsWith('/') && Uri.TryCreate(OriginOf(context, requestHost) + originalUri, UriKind.Absolute, out var fromPath))
        {
            return (fromPath, requestHost, null);
        }

        return (null, "", $"the request to {OutpostPaths.AuthNginx} has no {OriginalUrlHeader} or {OriginalUriHeader} header. Set {OriginalUrlHeader} to $scheme://$http_host$request_uri.");
    }

    private static (Uri? Url, string Host, string? Problem) ReadForwardedUrl(HttpContext context)
    {
        var headers = context.Request.Headers;
        var missing = new List<string>();
        var proto = Required(headers, ForwardedHeadersDefaults.XForwardedProtoHeaderName, missing);
        var host = Required(headers, ForwardedHeadersDefaults.XForwardedHostHeaderName, missing);
        var uri = Required(headers, ForwardedUriHeader, missing);
        if (missing.Count > 0)
        {
            return (null, "", $"the request has no {string.Join(", ", missing)} header. The proxy must send X-Forwarded-Proto, X-Forwarded-Host and X-Forwarded-Uri.");
        }

        var text = proto + "://" + host + uri;
        return Uri.TryCreate(text, UriKind.Absolute, out var url) && IsHttp(url) && uri.StartsWith('/')
            ? (url, host, null)
            : (null, "", $"the forwarded URL '{text}' is not a valid http(s) URL.");
    }

    private static (Uri? Url, string Host, string? Problem) ReadEnvoyUrl(HttpContext context, string requestHost)
    {
        var rest = context.Request.Path.Value![OutpostPaths.AuthEnvoy.Length..];
        var path = rest.Length == 0 ? "/" : rest;
        var text = OriginOf(context, requestHost) + path + context.Request.QueryString.Value;
        return path.StartsWith('/') && Uri.TryCreate(text, UriKind.Absolute, out var url)
            ? (url, requestHost, null)
            : (null, "", $"the path after {OutpostPaths.AuthEnvoy} must start with '/', got '{path}'.");
    }

    private static string OriginOf(HttpContext context, string host) =>
        (context.Features.Get<IRequestOriginFeature>()?.Scheme ?? context.Request.Scheme) + "://" + host;

    private static string Required(IHeaderDictionary headers, string name, List<string> missing)
    {
        var value = headers[name];
        if (StringValues.IsNullOrEmpty(value))
        {
            missing.Add(name);
            return "";
        }

        return value.ToString();
    }

    private static bool IsHttp(Uri url) => url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps;

    private static partial class Log
    {
        [LoggerMessage(1460, LogLevel.Error, "Forward auth request to '{Path}' rejected: {Problem}", EventName = nameof(ProxyMisconfigured))]
        public static partial void ProxyMisconfigured(ILogger logger, string path, string problem);

        [LoggerMessage(1461, LogLevel.Warning, "Forward auth request for host '{Host}', which no forward auth provider handles.", EventName = nameof(NoForwardAuthProvider))]
        public static partial void NoForwardAuthProvider(ILogger logger, string host);
    }
}
