using System.Net;
using System.Net.Sockets;
using Authentik.Plugins.Host.Configuration;
using Microsoft.AspNetCore.Connections;
using Authentik.Plugins.Host.Metrics;
using Authentik.Plugins.Host.Plugins;
using Authentik.Plugins.Host.Routing;
using Authentik.Plugins.Host.Security;

namespace Authentik.Plugins.Host.Hosting;

/// <summary>The steps of serving, in the order requests meet them.</summary>
internal static partial class HostApplicationExtensions
{
    /// <summary>
    /// Checks what must hold before serving: a valid configuration and a readable or generated
    /// secret key. Logs every problem and returns <see langword="false"/> when the host must not start.
    /// </summary>
    public static bool PrepareToServe(this WebApplication app)
    {
        var report = app.Services.GetRequiredService<ConfigurationReport>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HostApplicationExtensions).Namespace!);
        if (report.HasErrors)
        {
            Log.InvalidConfiguration(logger, report.Format());
            return false;
        }

        foreach (var warning in report.Warnings)
        {
            Log.ConfigurationWarning(logger, warning.ToString());
        }

        try
        {
            _ = app.Services.GetRequiredService<SecretKeyStore>().GetSecretKey();
        }
        catch (InvalidOperationException exception)
        {
            Log.SecretKeyUnavailable(logger, exception.Message);
            return false;
        }

        if (app.Services.GetRequiredService<HostSettings>().HttpsEndpoints.Count > 0)
        {
            _ = app.Services.GetRequiredService<ServerCertificateProvider>().Certificate;
        }

        // Building the pipeline creates the plugins' stages, which records constructor failures
        // before the plugin report is logged.
        _ = app.Services.GetRequiredService<RoutingPipeline>();
        app.Services.GetRequiredService<PluginActivator>().LogCatalog();
        return true;
    }

    /// <summary>
    /// Runs the host until it stops and returns the exit code. When Kestrel cannot bind a listen
    /// address, for example because another process uses the port, logs one message that names the
    /// address and its key and returns 1.
    /// </summary>
    public static async Task<int> ServeAsync(this WebApplication app)
    {
        try
        {
            await app.StartAsync();
        }
        catch (Exception exception) when (exception is SocketException or IOException { InnerException: AddressInUseException })
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HostApplicationExtensions).Namespace!);
            Log.ListenFailed(logger, DescribeBindFailure(app.Services.GetRequiredService<HostSettings>(), exception));
            return 1;
        }

        await app.WaitForShutdownAsync();
        return 0;
    }

    /// <summary>
    /// Adds the request pipeline: the metrics listener, then for the public ports the
    /// <c>X-Powered-By</c> header, request origin, health endpoints and the routing stages.
    /// </summary>
    public static WebApplication UseAuthentikRouting(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<HostSettings>();

        app.UseMetricsListener(settings);
        app.UsePoweredByHeader();
        app.UsePublicMetricsNotFound();
        app.UseMiddleware<RequestOriginMiddleware>();
        app.UseHealthEndpoints();
        app.UseAuthentikHostDiscovery();
        app.UseMiddleware<RoutingMiddleware>();

        return app;
    }

    // Kestrel reports a port in use as IOException "Failed to bind to address http://<endpoint>: ...".
    // Other socket errors name no endpoint, so the message then lists every listen address.
    private static string DescribeBindFailure(HostSettings settings, Exception exception)
    {
        var reason = exception.InnerException?.Message ?? exception.Message;
        (string Key, IReadOnlyList<IPEndPoint> Endpoints)[] listeners =
        [
            (ConfigurationKeys.ListenHttp, settings.HttpEndpoints),
            (ConfigurationKeys.ListenHttps, settings.HttpsEndpoints),
            (ConfigurationKeys.ListenMetrics, settings.MetricsEndpoints),
        ];
        foreach (var (key, endpoints) in listeners)
        {
            foreach (var endpoint in endpoints.Where(endpoint => NamesEndpoint(exception.Message, endpoint)))
            {
                var problem = new ConfigurationProblem(key, $"{endpoint} cannot be bound ({reason}); stop the process that uses the address or choose another one.");
                return problem.ToString();
            }
        }

        var addresses = string.Join(", ", listeners.Select(listener => $"{listener.Key} {string.Join(",", listener.Endpoints)}"));
        return $"a listen address cannot be bound ({reason}); check the addresses {addresses}.";
    }

    private static bool NamesEndpoint(string message, IPEndPoint endpoint)
    {
        var text = "://" + endpoint;
        var index = message.IndexOf(text, StringComparison.Ordinal);
        var end = index + text.Length;
        return index >= 0 && (end == message.Length || !char.IsAsciiDigit(message[end]));
    }

    private static partial class Log
    {
        [LoggerMessage(1000, LogLevel.Critical, "The host cannot start. {Report}", EventName = nameof(InvalidConfiguration))]
        public static partial void InvalidConfiguration(ILogger logger, string report);

        [LoggerMessage(1001, LogLevel.Warning, "Configuration warning: {Warning}", EventName = nameof(ConfigurationWarning))]
        public static partial void ConfigurationWarning(ILogger logger, string warning);

        [LoggerMessage(1002, LogLevel.Critical, "The host cannot start: {Reason}", EventName = nameof(SecretKeyUnavailable))]
        public static partial void SecretKeyUnavailable(ILogger logger, string reason);

        [LoggerMessage(1003, LogLevel.Critical, "The host cannot start: {Reason}", EventName = nameof(ListenFailed))]
        public static partial void ListenFailed(ILogger logger, string reason);
    }
}
