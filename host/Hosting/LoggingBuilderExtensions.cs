using Authentik.Plugins.Host.Configuration;
using Microsoft.Extensions.Logging.Console;

namespace Authentik.Plugins.Host.Hosting;

/// <summary>Console logging at <c>log_level</c>.</summary>
internal static class LoggingBuilderExtensions
{
    /// <summary>
    /// Logs one line per event to the console at the configured level. Framework categories log
    /// per request at Information, so they are raised to Warning unless the level is debug or trace.
    /// Commands log to standard error, so that their report alone goes to standard output.
    /// </summary>
    public static ILoggingBuilder AddAuthentikLogging(this ILoggingBuilder logging, HostSettings settings, bool runsCommand)
    {
        ArgumentNullException.ThrowIfNull(settings);

        logging.ClearProviders();
        logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.UseUtcTimestamp = true;
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            console.ColorBehavior = LoggerColorBehavior.Disabled;
        });
        logging.AddConsole(console => console.LogToStandardErrorThreshold = runsCommand ? LogLevel.Trace : LogLevel.None);
        logging.SetMinimumLevel(settings.LogLevel);

        if (settings.LogLevel > LogLevel.Debug)
        {
            logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

            // This category logs only the per-request start and finish lines. While any of its
            // levels is enabled, ASP.NET Core creates an Activity for every request to carry the
            // log scope, so each forwarded request would pay for an Activity and a traceparent header.
            logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
            logging.AddFilter("System.Net.Http", LogLevel.Warning);
            logging.AddFilter("Yarp", LogLevel.Warning);

            // The generic host logs a failed start at Error with the stack trace, although
            // ServeAsync reports a listen address in use in one line. Its Critical message for a
            // background service that stops the host stays.
            logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        }

        return logging;
    }
}
