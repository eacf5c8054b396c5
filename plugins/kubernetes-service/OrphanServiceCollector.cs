using System.Net;
using Authentik.Plugins.Deployment;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Authentik.Plugins.KubernetesService;

/// <summary>
/// Finds, and with apply deletes, proxy outpost Services that no outpost owns any more: their
/// <c>goauthentik.io/outpost-uuid</c> label names no outpost in the request, or names an outpost
/// whose Service now has another name or namespace. Only Services labelled
/// <c>app.kubernetes.io/managed-by=goauthentik.io</c> and <c>goauthentik.io/outpost-type=proxy</c>
/// are considered, and only in the namespaces passed in.
/// </summary>
internal sealed class OrphanServiceCollector
{
    /// <summary>Outpost name of errors that concern no single known outpost.</summary>
    public const string NoOutpost = "(outposts that no longer exist)";

    private static readonly string Selector =
        $"{ServiceConstants.ManagedByLabel}={ServiceConstants.ManagedByValue},{ServiceConstants.OutpostTypeLabel}=proxy,{ServiceConstants.OutpostUuidLabel}";

    private readonly ILogger _logger;

    public OrphanServiceCollector(ILogger logger)
    {
        _logger = logger;
    }

    /// <summary>Adds a <see cref="DeploymentActionKind.Remove"/> action per orphaned Service, and an error per failed call.</summary>
    public async Task CollectAsync(
        ConnectedClient connection,
        IEnumerable<string> namespaces,
        IReadOnlyDictionary<string, ServiceOwner> owners,
        bool apply,
        List<DeploymentAction> actions,
        List<DeploymentError> errors,
        CancellationToken cancellationToken)
    {
        foreach (var namespaceName in namespaces)
        {
            V1ServiceList services;
            try
            {
                services = await connection.Client.CoreV1.ListNamespacedServiceAsync(
                    namespaceName, labelSelector: Selector, cancellationToken: cancellationToken);
            }
            catch (Exception exception) when (KubernetesApiError.IsApiFailure(exception, cancellationToken))
            {
                var error = KubernetesApiError.Describe(
                    exception,
                    $"Failed to list the outpost Services in namespace '{namespaceName}' with label selector '{Selector}'");
                errors.Add(new DeploymentError(NoOutpost, connection.Description, error.Message));
                Log.ReconcileFailed(_logger, NoOutpost, error);
                continue;
            }

            foreach (var service in services.Items)
            {
                var labels = service.Metadata.Labels;
                var uuid = labels[ServiceConstants.OutpostUuidLabel];
                var location = $"{namespaceName}/{service.Metadata.Name}";
                string outpost;
                string reason;
                if (!owners.TryGetValue(uuid, out var owner))
                {
                    outpost = labels.TryGetValue(ServiceConstants.OutpostNameLabel, out var slug) ? slug : uuid;
                    reason = $"no outpost with id {uuid} exists any more";
                }
                else if (owner.Location is null || owner.Location == location)
                {
                    continue;
                }
                else
                {
                    outpost = owner.Outpost;
                    reason = $"outpost '{owner.Outpost}' now uses Service '{owner.Location}'";
                }

                try
                {
                    if (apply)
                    {
                        await DeleteAsync(connection, service, outpost, cancellationToken);
                        Log.ServiceRemoved(_logger, service.Metadata.Name, namespaceName, uuid, reason);
                    }

                    actions.Add(new DeploymentAction
                    {
                        Outpost = outpost,
                        Resource = ServiceConstants.Resource,
                        ObjectName = location,
                        Kind = DeploymentActionKind.Remove,
                        Reason = reason,
                        Labels = new Dictionary<string, string>(labels, StringComparer.Ordinal),
                    });
                }
                catch (ServiceReconcileException exception)
                {
                    errors.Add(new DeploymentError(outpost, connection.Description, exception.Message));
                    Log.ReconcileFailed(_logger, outpost, exception);
                }
            }
        }
    }

    private static async Task DeleteAsync(ConnectedClient connection, V1Service service, string outpost, CancellationToken cancellationToken)
    {
        var options = new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = service.Metadata.Uid } };
        try
        {
            await connection.Client.CoreV1.DeleteNamespacedServiceAsync(
                service.Metadata.Name, service.Metadata.NamespaceProperty, options, cancellationToken: cancellationToken);
        }
        catch (Exception exception) when (KubernetesApiError.HasStatus(exception, HttpStatusCode.NotFound))
        {
            // Someone else deleted it first, which is the outcome this call wanted.
        }
        catch (Exception exception) when (KubernetesApiError.IsApiFailure(exception, cancellationToken))
        {
            throw KubernetesApiError.Describe(exception, "delete", outpost, service.Metadata.NamespaceProperty, service.Metadata.Name);
        }
    }
}
