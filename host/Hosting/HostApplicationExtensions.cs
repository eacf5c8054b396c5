using Authentik.Plugins.Host.Configuration;
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

    /// <summary>Adds the request pipeline: metrics, request origin, health endpoints, then the routing stages.</summary>
    public static WebApplication UseAuthentikRouting(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<HostSettings>();

        app.UseAuthentikMetrics(settings);
        app.UseMiddleware<RequestOriginMiddleware>();
        app.UseHealthEndpoints();
        app.UseAuthentikHostDiscovery();
        app.UseMiddleware<RoutingMiddleware>();

        return app;
    }

    private static partial class Log
    {
        [LoggerMessage(1000, LogLevel.Critical, "The host cannot start. {Report}", EventName = nameof(InvalidConfiguration))]
        public static partial void InvalidConfiguration(ILogger logger, string report);

        [LoggerMessage(1001, LogLevel.Warning, "Configuration warning: {Warning}", EventName = nameof(ConfigurationWarning))]
        public static partial void ConfigurationWarning(ILogger logger, string warning);

        [LoggerMessage(1002, LogLevel.Critical, "The host cannot start: {Reason}", EventName = nameof(SecretKeyUnavailable))]
        public static partial void SecretKeyUnavailable(ILogger logger, string reason);
    }
}
