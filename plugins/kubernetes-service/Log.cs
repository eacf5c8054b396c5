using Microsoft.Extensions.Logging;

namespace Authentik.Plugins.KubernetesService;

/// <summary>Log messages of the Kubernetes Service integration, event ids 4000 to 4099.</summary>
internal static partial class Log
{
    [LoggerMessage(4000, LogLevel.Information, "Service {Service} for outpost {Outpost}: {Kind}, because {Reason}.", EventName = nameof(ServiceReconciled))]
    public static partial void ServiceReconciled(ILogger logger, string service, string outpost, string kind, string reason);

    [LoggerMessage(4001, LogLevel.Debug, "Service {Service} for outpost {Outpost} is unchanged.", EventName = nameof(ServiceUnchanged))]
    public static partial void ServiceUnchanged(ILogger logger, string service, string outpost);

    [LoggerMessage(4002, LogLevel.Debug, "Service of outpost {Outpost} skipped: {Reason}.", EventName = nameof(ServiceSkipped))]
    public static partial void ServiceSkipped(ILogger logger, string outpost, string reason);

    [LoggerMessage(4003, LogLevel.Information, "Deleted Service {Name} in namespace {Namespace} for outpost {Outpost} to create it again, because {Reason}.", EventName = nameof(ServiceDeletedForRecreate))]
    public static partial void ServiceDeletedForRecreate(ILogger logger, string name, string @namespace, string outpost, string reason);

    [LoggerMessage(4004, LogLevel.Information, "Deleted Service {Name} in namespace {Namespace} of outpost id {OutpostUuid}, because {Reason}.", EventName = nameof(ServiceRemoved))]
    public static partial void ServiceRemoved(ILogger logger, string name, string @namespace, string outpostUuid, string reason);

    [LoggerMessage(4005, LogLevel.Warning, "Service {Name} in namespace {Namespace} for outpost {Outpost} changed while it was written (attempt {Attempt} of {MaxAttempts}); reading it again in {Delay}.", EventName = nameof(ConflictRetry))]
    public static partial void ConflictRetry(ILogger logger, string name, string @namespace, string outpost, int attempt, int maxAttempts, TimeSpan delay);

    [LoggerMessage(4006, LogLevel.Error, "Service of outpost {Outpost} could not be reconciled.", EventName = nameof(ReconcileFailed))]
    public static partial void ReconcileFailed(ILogger logger, string outpost, Exception exception);
}
