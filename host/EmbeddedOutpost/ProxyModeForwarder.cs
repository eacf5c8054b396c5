using System.Net;
using Authentik.Plugins.Host.Forwarding;
using Authentik.Plugins.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace Authentik.Plugins.Host.EmbeddedOutpost;

/// <summary>
/// Forwards requests of <c>proxy</c>-mode providers to their <c>internal_host</c> through YARP's
/// <see cref="IHttpForwarder"/>; WebSocket upgrades pass through it as well.
/// </summary>
internal sealed partial class ProxyModeForwarder : IDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(15);

    private static readonly ForwarderRequestConfig RequestConfig = new() { ActivityTimeout = TimeSpan.FromSeconds(100) };

    private readonly IHttpForwarder _forwarder;
    private readonly ILogger<ProxyModeForwarder> _logger;
    private readonly HttpMessageInvoker _validating;
    private readonly HttpMessageInvoker _notValidating;

    public ProxyModeForwarder(IHttpForwarder forwarder, ILogger<ProxyModeForwarder> logger)
    {
        _forwarder = forwarder;
        _logger = logger;
        _validating = ForwardingHandler.CreateInvoker(ConnectTimeout);

        // Providers with internal_host_ssl_validation off accept any upstream certificate.
        _notValidating = ForwardingHandler.CreateInvoker(ConnectTimeout, validateCertificates: false);
    }

    public async Task ForwardAsync(HttpContext context, ProviderClient client, string host, IReadOnlyList<KeyValuePair<string, string>> identityHeaders, bool removeAuthorization)
    {
        var provider = client.Provider;
        if (client.InternalHostOrigin is not { } internalHost)
        {
            Log.InternalHostInvalid(_logger, provider.Name, provider.InternalHost ?? "");
            await ErrorPages.WriteAsync(context, StatusCodes.Status502BadGateway, "Bad gateway", $"The provider '{provider.Name}' has no valid internal host to forward to.");
            return;
        }

        var origin = context.Features.Get<IRequestOriginFeature>();
        var transformer = new IdentityTransformer(
            host,
            origin?.Scheme ?? context.Request.Scheme,
            (origin?.ClientAddress ?? context.Connection.RemoteIpAddress ?? IPAddress.None).ToString(),
            identityHeaders,
            removeAuthorization);
        var invoker = provider.InternalHostSslValidation ? _validating : _notValidating;

        var error = await _forwarder.SendAsync(context, internalHost, invoker, RequestConfig, transformer);
        if (error == ForwarderError.None)
        {
            return;
        }

        var exception = context.Features.Get<IForwarderErrorFeature>()?.Exception;
        Log.UpstreamFailed(_logger, provider.Name, internalHost, error, exception);
        await ErrorPages.WriteAsync(context, StatusCodes.Status502BadGateway, "Bad gateway", "The application behind this address could not be reached. Try again later.");
    }

    public void Dispose()
    {
        _validating.Dispose();
        _notValidating.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(1440, LogLevel.Error, "Provider '{Provider}' is in proxy mode but its internal host '{InternalHost}' is missing or not an absolute URL.", EventName = nameof(InternalHostInvalid))]
        public static partial void InternalHostInvalid(ILogger logger, string provider, string internalHost);

        [LoggerMessage(1441, LogLevel.Warning, "Provider '{Provider}': forwarding to '{InternalHost}' failed with {Error}.", EventName = nameof(UpstreamFailed))]
        public static partial void UpstreamFailed(ILogger logger, string provider, string internalHost, ForwarderError error, Exception? exception);
    }
}
