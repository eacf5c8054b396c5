using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Yarp.ReverseProxy.Forwarder;

namespace Authentik.Plugins.Host.EmbeddedOutpost;

/// <summary>
/// Copies the request to the upstream like YARP's default transformer, keeps the original
/// <c>Host</c>, removes every client-sent identity header and adds the outpost's.
/// </summary>
internal sealed class IdentityTransformer(
    string originalHost,
    string scheme,
    string clientAddress,
    IReadOnlyList<KeyValuePair<string, string>> identityHeaders,
    bool removeAuthorization) : HttpTransformer
{
    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);

        // The base transformer copied the client's headers, so only their names need checking.
        var headers = proxyRequest.Headers;
        foreach (var name in httpContext.Request.Headers.Keys)
        {
            if (IdentityHeaders.IsIdentityHeader(name))
            {
                headers.Remove(name);
            }
        }

        if (removeAuthorization)
        {
            headers.Authorization = null;
        }

        // Each name occurs once in identityHeaders. Client-sent identity headers are gone already,
        // but a client may have sent another of these names, such as Authorization.
        foreach (var (name, value) in identityHeaders)
        {
            if (!IdentityHeaders.IsIdentityHeader(name))
            {
                headers.Remove(name);
            }

            headers.TryAddWithoutValidation(name, value);
        }

        headers.Host = originalHost;
        headers.Remove(ForwardedHeadersDefaults.XForwardedHostHeaderName);
        headers.Remove(ForwardedHeadersDefaults.XForwardedProtoHeaderName);
        headers.Remove(ForwardedHeadersDefaults.XForwardedForHeaderName);
        headers.TryAddWithoutValidation(ForwardedHeadersDefaults.XForwardedHostHeaderName, originalHost);
        headers.TryAddWithoutValidation(ForwardedHeadersDefaults.XForwardedProtoHeaderName, scheme);
        headers.TryAddWithoutValidation(ForwardedHeadersDefaults.XForwardedForHeaderName, clientAddress);
    }
}
