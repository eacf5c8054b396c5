using System.Net;
using Authentik.Plugins.Host.Configuration;
using Authentik.Plugins.Routing;
using Microsoft.Extensions.Primitives;

namespace Authentik.Plugins.Host.Routing;

/// <summary>
/// Resolves <see cref="IRequestOriginFeature"/> for each request. <c>X-Forwarded-For</c>,
/// <c>-Proto</c> and <c>-Host</c> count only when the connection's peer is inside
/// <c>listen:trusted_proxy_cidrs</c>. From any other peer the forwarding headers are removed and
/// replaced with the values of the connection itself, so no later stage or backend can trust them.
/// </summary>
internal sealed class RequestOriginMiddleware
{
    // Headers through which a client could claim another address, scheme, host or client certificate.
    private static readonly string[] UntrustedHeaders =
    [
        ForwardedHeaderNames.ForwardedFor,
        ForwardedHeaderNames.ForwardedProto,
        ForwardedHeaderNames.ForwardedHost,
        ForwardedHeaderNames.Forwarded,
        ForwardedHeaderNames.ForwardedScheme,
        ForwardedHeaderNames.RealIp,
        ForwardedHeaderNames.ForwardedClientCert,
        ForwardedHeaderNames.ForwardedTlsClientCert,
        ForwardedHeaderNames.SslClientCert,
    ];

    private readonly RequestDelegate _next;
    private readonly IPNetwork[] _trustedNetworks;

    public RequestOriginMiddleware(RequestDelegate next, HostSettings settings)
    {
        _next = next;
        _trustedNetworks = [.. settings.TrustedProxyNetworks];
    }

    public Task InvokeAsync(HttpContext context)
    {
        var peer = context.Connection.RemoteIpAddress is { } remote
            ? (remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote)
            : IPAddress.None;
        var request = context.Request;
        var connectionScheme = context.Request.IsHttps ? Uri.UriSchemeHttps : Uri.UriSchemeHttp;
        var hostHeader = request.Host.Value ?? "";

        RequestOriginFeature origin;
        if (IsTrusted(peer))
        {
            origin = new RequestOriginFeature(
                peer,
                FirstAddress(request.Headers[ForwardedHeaderNames.ForwardedFor]) ?? peer,
                ForwardedScheme(request.Headers[ForwardedHeaderNames.ForwardedProto]) ?? connectionScheme,
                FirstItem(request.Headers[ForwardedHeaderNames.ForwardedHost]) ?? hostHeader,
                isTrustedProxy: true);
        }
        else
        {
            origin = new RequestOriginFeature(peer, peer, connectionScheme, hostHeader, isTrustedProxy: false);
            foreach (var header in UntrustedHeaders)
            {
                request.Headers.Remove(header);
            }

            request.Headers[ForwardedHeaderNames.ForwardedFor] = peer.ToString();
            request.Headers[ForwardedHeaderNames.ForwardedProto] = connectionScheme;
            request.Headers[ForwardedHeaderNames.ForwardedHost] = hostHeader;
        }

        context.Features.Set<IRequestOriginFeature>(origin);
        return _next(context);
    }

    private bool IsTrusted(IPAddress peer)
    {
        foreach (var network in _trustedNetworks)
        {
            if (network.Contains(peer))
            {
                return true;
            }
        }

        return false;
    }

    private static string? FirstItem(StringValues values)
    {
        var first = values.Count > 0 ? values[0] : null;
        if (string.IsNullOrEmpty(first))
        {
            return null;
        }

        var comma = first.IndexOf(',', StringComparison.Ordinal);
        var item = (comma < 0 ? first : first[..comma]).Trim();
        return item.Length == 0 ? null : item;
    }

    private static IPAddress? FirstAddress(StringValues values) =>
        FirstItem(values) is { } item && IPAddress.TryParse(item, out var address) ? address : null;

    private static string? ForwardedScheme(StringValues values) =>
        FirstItem(values) switch
        {
            { } scheme when scheme.Equals(Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase) => Uri.UriSchemeHttps,
            { } scheme when scheme.Equals(Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase) => Uri.UriSchemeHttp,
            _ => null,
        };
}
