using System.Net;
using Authentik.Plugins.Deployment;
using Authentik.Plugins.Outposts;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Authentik.Plugins.KubernetesService;

/// <summary>
/// Plans or applies one outpost's Service: create when missing, update in place (PUT with the
/// live <c>resourceVersion</c>) when labels, selector, type, port numbers or the JSON patch
/// differ, delete and create when ports differ in name, protocol or target port. A 409 Conflict
/// is retried after a fresh read, up to the configured number of attempts.
/// </summary>
internal sealed class ServiceReconciler
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(2);

    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly int _maxAttempts;

    public ServiceReconciler(ILogger logger, TimeProvider timeProvider, int maxAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);

        _logger = logger;
        _timeProvider = timeProvider;
        _maxAttempts = maxAttempts;
    }

    /// <summary>Works out, and with <paramref name="apply"/> carries out, what the outpost's Service needs.</summary>
    /// <exception cref="ServiceReconcileException">The Service cannot be built, read or written.</exception>
    public async Task<DeploymentAction> ReconcileAsync(
        OutpostConfig outpost,
        IKubernetes client,
        string authentikVersion,
        bool apply,
        CancellationToken cancellationToken)
    {
        var target = ServiceTarget.Build(outpost, authentikVersion);
        string? recreateReason = null;

        for (var attempt = 1; ; attempt++)
        {
            var live = await ReadAsync(client, target, cancellationToken);
            if (live is null)
            {
                var reason = recreateReason ?? "the Service does not exist";
                var kind = recreateReason is null ? DeploymentActionKind.Create : DeploymentActionKind.Recreate;
                if (!apply || await TryCreateAsync(client, target, cancellationToken))
                {
                    return target.ToAction(kind, reason, target.Patched);
                }
            }
            else if (live.Metadata.DeletionTimestamp is not null)
            {
                if (!apply)
                {
                    return target.ToAction(DeploymentActionKind.Create, "the Service is being deleted and is created again once it is gone", target.Patched);
                }
            }
            else
            {
                var drift = ServiceDrift.Compare(live, target.Desired, target.Patched, target.Patch);
                if (drift.RecreateReason is { } reason)
                {
                    if (!apply)
                    {
                        return target.ToAction(DeploymentActionKind.Recreate, reason, target.Patched);
                    }

                    if (await TryDeleteAsync(client, target, live, cancellationToken))
                    {
                        recreateReason = reason;
                        Log.ServiceDeletedForRecreate(_logger, target.Name, target.Namespace, outpost.Name, reason);
                        continue;
                    }
                }
                else if (drift.UpdatedFields.Count > 0)
                {
                    var updateReason = $"{string.Join(", ", drift.UpdatedFields)} differ from the desired Service";
                    if (!apply || await TryReplaceAsync(client, target, drift.UpdateBody, cancellationToken))
                    {
                        return target.ToAction(DeploymentActionKind.Update, updateReason, drift.UpdateBody);
                    }
                }
                else
                {
                    return target.ToAction(DeploymentActionKind.Unchanged, "the Service matches the desired labels, selector, type, ports and JSON patch", target.Patched);
                }
            }

            if (attempt >= _maxAttempts)
            {
                throw new ServiceReconcileException(
                    $"Failed to reconcile Service '{target.Name}' in namespace '{target.Namespace}' for outpost '{outpost.Name}': the Kubernetes API returned 409 Conflict or the Service was still being deleted on all {_maxAttempts} attempts; another client keeps changing it.");
            }

            // The shift is capped so that 50 attempts cannot overflow; 100 ms << 5 already exceeds the 2 s maximum.
            var delay = TimeSpan.FromTicks(Math.Min(MaxRetryDelay.Ticks, FirstRetryDelay.Ticks << Math.Min(attempt - 1, 5)));
            Log.ConflictRetry(_logger, target.Name, target.Namespace, outpost.Name, attempt, _maxAttempts, delay);
            await Task.Delay(delay, _timeProvider, cancellationToken);
        }
    }

    private static async Task<V1Service?> ReadAsync(IKubernetes client, ServiceTarget target, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CoreV1.ReadNamespacedServiceAsync(target.Name, target.Namespace, cancellationToken: cancellationToken);
        }
        catch (Exception exception) when (KubernetesApiError.HasStatus(exception, HttpStatusCode.NotFound))
        {
            return null;
        }
        catch (Exception exception) when (KubernetesApiError.IsApiFailure(exception, cancellationToken))
        {
            throw KubernetesApiError.Describe(exception, "read", target.Outpost, target.Namespace, target.Name);
        }
    }

    private static Task<bool> TryCreateAsync(IKubernetes client, ServiceTarget target, CancellationToken cancellationToken) =>
        TryWriteAsync(
            target,
            "create",
            () => client.CoreV1.CreateNamespacedServiceAsync(
                target.Patched,
                target.Namespace,
                fieldManager: ServiceConstants.FieldManager,
                cancellationToken: cancellationToken),
            cancellationToken);

    private static Task<bool> TryReplaceAsync(IKubernetes client, ServiceTarget target, V1Service body, CancellationToken cancellationToken) =>
        TryWriteAsync(
            target,
            "update",
            () => client.CoreV1.ReplaceNamespacedServiceAsync(
                body,
                target.Name,
                target.Namespace,
                fieldManager: ServiceConstants.FieldManager,
                cancellationToken: cancellationToken),
            cancellationToken);

    /// <summary>Sends a create or update; returns <see langword="false"/> on 409 Conflict, so the caller reads again.</summary>
    private static async Task<bool> TryWriteAsync(ServiceTarget target, string verb, Func<Task<V1Service>> write, CancellationToken cancellationToken)
    {
        try
        {
            await write();

            return true;
        }
        catch (Exception exception) when (KubernetesApiError.HasStatus(exception, HttpStatusCode.Conflict))
        {
            return false;
        }
        catch (Exception exception) when (KubernetesApiError.IsApiFailure(exception, cancellationToken))
        {
            throw KubernetesApiError.Describe(exception, verb, target.Outpost, target.Namespace, target.Name);
        }
    }

    /// <summary>
    /// Deletes the live Service on condition that it is still the object that was compared (same
    /// uid and resourceVersion); returns <see langword="false"/> when it changed in between.
    /// </summary>
    private static async Task<bool> TryDeleteAsync(IKubernetes client, ServiceTarget target, V1Service live, CancellationToken cancellationToken)
    {
        var options = new V1DeleteOptions
        {
            Preconditions = new V1Preconditions { ResourceVersion = live.Metadata.ResourceVersion, Uid = live.Metadata.Uid },
        };
        try
        {
            await client.CoreV1.DeleteNamespacedServiceAsync(target.Name, target.Namespace, options, cancellationToken: cancellationToken);

            return true;
        }
        catch (Exception exception) when (KubernetesApiError.HasStatus(exception, HttpStatusCode.NotFound))
        {
            return true;
        }
        catch (Exception exception) when (KubernetesApiError.HasStatus(exception, HttpStatusCode.Conflict))
        {
            return false;
        }
        catch (Exception exception) when (KubernetesApiError.IsApiFailure(exception, cancellationToken))
        {
            throw KubernetesApiError.Describe(exception, "delete", target.Outpost, target.Namespace, target.Name);
        }
    }
}
