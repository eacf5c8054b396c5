using System.Diagnostics;
using System.Net;
using System.Net.Security;
using Yarp.ReverseProxy.Forwarder;

namespace Authentik.Plugins.Host.Forwarding;

/// <summary>
/// The HTTP client handler that forwarded requests are sent with, set up as YARP sets up its own:
/// no proxy, redirects, decompression or cookies, and trace context propagated through
/// <see cref="ReverseProxyPropagator"/>.
/// </summary>
internal static class ForwardingHandler
{
    /// <summary>Creates an invoker for forwarding to one kind of upstream.</summary>
    /// <param name="connectTimeout">Time to open a connection to the upstream.</param>
    /// <param name="validateCertificates">Whether the upstream's TLS certificate must be valid; when <see langword="false"/> any certificate is accepted.</param>
    public static HttpMessageInvoker CreateInvoker(TimeSpan connectTimeout, bool validateCertificates = true)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            ActivityHeadersPropagator = new ReverseProxyPropagator(DistributedContextPropagator.Current),
            ConnectTimeout = connectTimeout,
        };
        if (!validateCertificates)
        {
#pragma warning disable CA5359
            handler.SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = static (_, _, _, _) => true };
#pragma warning restore CA5359
        }

        return new HttpMessageInvoker(handler, disposeHandler: true);
    }
}
