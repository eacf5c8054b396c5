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
            logging.AddFilter("System.Net.Http", LogLevel.Warning);
            logging.AddFilter("Yarp", LogLevel.Warning);
        }

        return logging;
    }
}
