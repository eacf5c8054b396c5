using Authentik.Plugins.Deployment;

namespace Authentik.Plugins.Host.Deployment;

internal static partial class Log
{
    [LoggerMessage(1600, LogLevel.Debug, "Reconciling outpost deployments of snapshot revision {Revision}.", EventName = nameof(ReconcileStarting))]
    public static partial void ReconcileStarting(ILogger logger, long revision);

    [LoggerMessage(1601, LogLevel.Warning, "Deployment {Integration} of outpost {Outpost} on {Connection} failed: {Message}", EventName = nameof(OutpostDeploymentFailed))]
    public static partial void OutpostDeploymentFailed(ILogger logger, string integration, string outpost, string connection, string message);

    [LoggerMessage(1602, LogLevel.Information, "Deployment {Integration} of outpost {Outpost}: {Kind} {Resource} {ObjectName}.", EventName = nameof(ObjectChanged))]
    public static partial void ObjectChanged(ILogger logger, string integration, string outpost, string resource, string objectName, DeploymentActionKind kind);

    [LoggerMessage(1603, LogLevel.Error, "Deployment integration {Integration} failed.", EventName = nameof(IntegrationFailed))]
    public static partial void IntegrationFailed(ILogger logger, string integration, Exception exception);

    [LoggerMessage(1604, LogLevel.Information, "Reconciled outpost deployments of snapshot revision {Revision}: {ChangeCount} changes, {ErrorCount} errors.", EventName = nameof(ReconcileFinished))]
    public static partial void ReconcileFinished(ILogger logger, long revision, int changeCount, int errorCount);

    [LoggerMessage(1605, LogLevel.Error, "Reconciling outpost deployments of snapshot revision {Revision} failed; the next outpost change retries.", EventName = nameof(ReconcileFailed))]
    public static partial void ReconcileFailed(ILogger logger, long revision, Exception exception);
}
