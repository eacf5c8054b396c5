using Microsoft.Extensions.Logging;

namespace Authentik.Plugins.DockerLabels;

internal static partial class Log
{
    [LoggerMessage(3000, LogLevel.Information, "Created container {Container} of outpost {Outpost} on {Connection}.", EventName = nameof(ContainerCreated))]
    public static partial void ContainerCreated(ILogger logger, string container, string outpost, string connection);

    [LoggerMessage(3001, LogLevel.Information, "Recreated container {Container} of outpost {Outpost} on {Connection}. {Reason}", EventName = nameof(ContainerRecreated))]
    public static partial void ContainerRecreated(ILogger logger, string container, string outpost, string connection, string reason);

    [LoggerMessage(3002, LogLevel.Information, "Started container {Container} of outpost {Outpost} on {Connection}.", EventName = nameof(ContainerStarted))]
    public static partial void ContainerStarted(ILogger logger, string container, string outpost, string connection);

    [LoggerMessage(3003, LogLevel.Information, "Removed container {Container} of {Outpost} on {Connection}.", EventName = nameof(ContainerRemoved))]
    public static partial void ContainerRemoved(ILogger logger, string container, string outpost, string connection);

    // Debug, because the host logs each error of the returned plan as a warning; this entry adds the exception.
    [LoggerMessage(3004, LogLevel.Debug, "Deploying outpost {Outpost} to {Connection} failed: {Message}", EventName = nameof(OutpostFailed))]
    public static partial void OutpostFailed(ILogger logger, string outpost, string connection, string message, Exception? exception);
}
