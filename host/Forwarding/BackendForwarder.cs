using System.Globalization;
using Authentik.Plugins.Host.Configuration;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Forwarder;

namespace Authentik.Plugins.Host.Forwarding;

/// <summary>
/// Forwards requests to the authentik backend with YARP's <see cref="IHttpForwarder"/>: 503
/// "authentik starting" while the backend is not healthy, 413 for bodies over 32 MiB, and 502 with
/// the reason when the backend fails before the response has started.
/// </summary>
internal sealed partial class BackendForwarder : IDisposable
{
    /// <summary>authentik's limit on request bodies forwarded to the backend: 32 MiB.</summary>
    public const long MaxRequestBodySize = 32 * 1024 * 1024;

    /// <summary>Time to open a connection to the backend.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);


    private readonly IHttpForwarder _forwarder;
    private readonly BackendHealth _health;
    private readonly ILogger<BackendForwarder> _logger;
    private readonly HttpMessageInvoker _invoker;
    private readonly BackendRequestTransformer _transformer = new();
    private readonly string _destinationPrefix;
    private readonly ForwarderRequestConfig _requestConfig;

    public BackendForwarder(IHttpForwarder forwarder, BackendHealth health, HostSettings settings, ILogger<BackendForwarder> logger)
    {
        _forwarder = forwarder;
        _health = health;
        _logger = logger;
        _destinationPrefix = DestinationPrefix(settings.BackendUrl);
        _requestConfig = new ForwarderRequestConfig { ActivityTimeout = settings.BackendTimeout };
        _invoker = ForwardingHandler.CreateInvoker(ConnectTimeout);
    }

    /// <summary>Returns the backend URL with a trailing slash, which request paths are appended to.</summary>
    public static string DestinationPrefix(Uri backendUrl)
    {
        ArgumentNullException.ThrowIfNull(backendUrl);

        var url = backendUrl.AbsoluteUri;
        return url.EndsWith('/') ? url : url + "/";
    }

    public async Task ForwardAsync(HttpContext context)
    {
        if (!_health.IsHealthy)
        {
            await BackendErrorResponse.WriteStartingAsync(context);
            return;
        }

        if (context.Request.ContentLength > MaxRequestBodySize)
        {
            await WriteBodyTooLargeAsync(context);
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = MaxRequestBodySize;
        }

        var error = await _forwarder.SendAsync(context, _destinationPrefix, _invoker, _requestConfig, _transformer);
        if (error == ForwarderError.None)
        {
            return;
        }

        var exception = context.GetForwarderErrorFeature()?.Exception;
        if (IsBodyTooLarge(exception) && !context.Response.HasStarted)
        {
            await WriteBodyTooLargeAsync(context);
            return;
        }

        var reason = DescribeFailure(error, exception, _requestConfig.ActivityTimeout!.Value);
        if (IsClientFailure(error))
        {
            // The client disconnected or sent an invalid body, so YARP's status stays and no error body is written.
            Log.ClientFailed(_logger, context.Request.Path, error, reason);
            return;
        }

        Log.ForwardingFailed(_logger, context.Request.Path, error, reason, context.Response.HasStarted);
        if (!context.Response.HasStarted)
        {
            await BackendErrorResponse.WriteAsync(context, StatusCodes.Status502BadGateway, reason);
        }
    }

    public void Dispose() => _invoker.Dispose();

    private static Task WriteBodyTooLargeAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(
            string.Create(CultureInfo.InvariantCulture, $"request body too large: the limit is {MaxRequestBodySize} bytes"),
            context.RequestAborted);
    }

    private static bool IsBodyTooLarge(Exception? exception) =>
        exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => true,
            AggregateException aggregate => aggregate.InnerExceptions.Any(IsBodyTooLarge),
            { InnerException: { } inner } => IsBodyTooLarge(inner),
            _ => false,
        };

    private static bool IsClientFailure(ForwarderError error) =>
        error is ForwarderError.RequestCanceled
            or ForwarderError.RequestBodyCanceled
            or ForwarderError.RequestBodyClient
            or ForwarderError.ResponseBodyCanceled
            or ForwarderError.ResponseBodyClient
            or ForwarderError.UpgradeRequestCanceled
            or ForwarderError.UpgradeRequestClient
            or ForwarderError.UpgradeResponseCanceled
            or ForwarderError.UpgradeResponseClient;

    private static string DescribeFailure(ForwarderError error, Exception? exception, TimeSpan timeout) =>
        error switch
        {
            ForwarderError.RequestTimedOut => $"no response within {timeout.TotalSeconds} seconds",
            _ when exception is null => error.ToString(),
            _ when exception.InnerException is { } inner => $"{exception.Message} {inner.Message}",
            _ => exception.Message,
        };

    private static partial class Log
    {
        [LoggerMessage(1095, LogLevel.Warning, "Forwarding {Path} to the backend failed with {Error}: {Reason}. Response started: {ResponseStarted}.", EventName = nameof(ForwardingFailed))]
        public static partial void ForwardingFailed(ILogger logger, PathString path, ForwarderError error, string reason, bool responseStarted);

        [LoggerMessage(1096, LogLevel.Debug, "Forwarding {Path} stopped on the client's side with {Error}: {Reason}.", EventName = nameof(ClientFailed))]
        public static partial void ClientFailed(ILogger logger, PathString path, ForwarderError error, string reason);
    }
}
