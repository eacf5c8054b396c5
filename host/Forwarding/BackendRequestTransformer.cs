using Authentik.Plugins.Host.Routing;
using Authentik.Plugins.Routing;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Forwarder;

namespace Authentik.Plugins.Host.Forwarding;

/// <summary>
/// Shapes requests to and responses from the authentik backend like authentik's router: the
/// original <c>Host</c> is kept, <c>X-Forwarded-For</c> gets the peer appended (it replaces the
/// header from an untrusted peer), <c>X-Forwarded-Proto</c> and <c>-Host</c> carry the resolved
/// origin; responses get <c>X-Powered-By: authentik</c> and lose <c>Server</c>.
/// </summary>
internal sealed class BackendRequestTransformer : HttpTransformer
{
    public const string PoweredByValue = "authentik";

    public override async ValueTask TransformRequestAsync(
        HttpContext httpContext,
        HttpRequestMessage proxyRequest,
        string destinationPrefix,
        CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);

        var origin = httpContext.Features.GetRequiredFeature<IRequestOriginFeature>();
        var peer = origin is RequestOriginFeature resolved ? resolved.PeerAddress.ToString() : origin.ClientAddress.ToString();
        var headers = proxyRequest.Headers;

        if (origin.Host.Length > 0)
        {
            headers.Host = origin.Host;
        }

        var forwardedFor = origin.IsTrustedProxy ? httpContext.Request.Headers[ForwardedHeaderNames.ForwardedFor].ToString() : "";
        headers.Remove(ForwardedHeaderNames.ForwardedFor);
        headers.TryAddWithoutValidation(ForwardedHeaderNames.ForwardedFor, forwardedFor.Length > 0 ? $"{forwardedFor}, {peer}" : peer);

        headers.Remove(ForwardedHeaderNames.ForwardedProto);
        headers.TryAddWithoutValidation(ForwardedHeaderNames.ForwardedProto, origin.Scheme);

        headers.Remove(ForwardedHeaderNames.ForwardedHost);
        if (origin.Host.Length > 0)
        {
            headers.TryAddWithoutValidation(ForwardedHeaderNames.ForwardedHost, origin.Host);
        }
    }

    public override async ValueTask<bool> TransformResponseAsync(
        HttpContext httpContext,
        HttpResponseMessage? proxyResponse,
        CancellationToken cancellationToken)
    {
        var copyBody = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);

        var headers = httpContext.Response.Headers;
        headers.Remove(HeaderNames.Server);
        headers[ForwardedHeaderNames.PoweredBy] = PoweredByValue;

        return copyBody;
    }
}
