using Authentik.Plugins.Deployment;
using Authentik.Plugins.Outposts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Authentik.Plugins.KubernetesService;

/// <summary>
/// Deployment integration <c>kubernetes</c>. It gives every proxy outpost on a Kubernetes service
/// connection the Service authentik creates for it. The embedded outpost's Service selects the
/// authentik server pods. Services of outposts that no longer exist are deleted.
/// </summary>
public sealed class KubernetesServiceIntegration : IDeploymentIntegration, IDisposable
{
    private readonly KubernetesServiceOptions _options;
    private readonly ILogger _logger;
    private readonly ServiceReconciler _reconciler;
    private readonly OrphanServiceCollector _orphans;
    private readonly KubernetesClientCache _clients = new();

    /// <summary>Creates the integration.</summary>
    /// <param name="options">The plugin's settings.</param>
    /// <param name="logger">Receives one entry per change, retry and failure.</param>
    /// <param name="timeProvider">Clock for the delays between conflict retries, or <see langword="null"/> for the system clock.</param>
    public KubernetesServiceIntegration(
        IOptions<KubernetesServiceOptions> options,
        ILogger<KubernetesServiceIntegration> logger,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);

        _options = options.Value;
        _logger = logger;
        _reconciler = new ServiceReconciler(logger, timeProvider ?? TimeProvider.System, _options.ConflictAttempts);
        _orphans = new OrphanServiceCollector(logger);
    }

    /// <inheritdoc/>
    public string Name => ServiceConstants.IntegrationName;

    /// <inheritdoc/>
    public Task<DeploymentPlan> PlanAsync(DeploymentRequest request, CancellationToken cancellationToken) =>
        RunAsync(request, apply: false, cancellationToken);

    /// <inheritdoc/>
    public Task<DeploymentPlan> ApplyAsync(DeploymentRequest request, CancellationToken cancellationToken) =>
        RunAsync(request, apply: true, cancellationToken);

    /// <inheritdoc/>
    public void Dispose() => _clients.Dispose();

    private async Task<DeploymentPlan> RunAsync(DeploymentRequest request, bool apply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        var actions = new List<DeploymentAction>();
        var errors = new List<DeploymentError>();
        var outposts = request.Outposts
            .Where(outpost => outpost.ServiceConnection?.Kind == ServiceConnectionKind.Kubernetes)
            .ToList();

        foreach (var outpost in outposts.Where(request.Includes))
        {
            await ReconcileOutpostAsync(outpost, request.AuthentikVersion, apply, actions, errors, cancellationToken);
        }

        // With an outpost filter the run covers that outpost alone, so other Services stay as they are.
        if (request.OutpostFilter is null)
        {
            await CollectOrphansAsync(request, outposts, apply, actions, errors, cancellationToken);
        }

        return new DeploymentPlan(Name, actions, errors);
    }

    private async Task ReconcileOutpostAsync(
        OutpostConfig outpost,
        string authentikVersion,
        bool apply,
        List<DeploymentAction> actions,
        List<DeploymentError> errors,
        CancellationToken cancellationToken)
    {
        var skipReason = GetSkipReason(outpost);
        if (skipReason is not null)
        {
            Log.ServiceSkipped(_logger, outpost.Name, skipReason);
            actions.Add(new DeploymentAction
            {
                Outpost = outpost.Name,
                Resource = ServiceConstants.Resource,
                ObjectName = "",
                Kind = DeploymentActionKind.Skipped,
                Reason = skipReason,
            });
            return;
        }

        var connection = outpost.ServiceConnection!;
        var connectionDescription = connection.Name;
        try
        {
            var client = _clients.Get(connection);
            connectionDescription = client.Description;

            var action = await _reconciler.ReconcileAsync(outpost, client.Client, authentikVersion, apply, cancellationToken);
            actions.Add(action);
            if (action.Kind == DeploymentActionKind.Unchanged)
            {
                Log.ServiceUnchanged(_logger, action.ObjectName, outpost.Name);
            }
            else if (apply)
            {
                Log.ServiceReconciled(_logger, action.ObjectName, outpost.Name, action.Kind.ToString(), action.Reason);
            }
        }
        catch (ServiceReconcileException exception)
        {
            Log.ReconcileFailed(_logger, outpost.Name, exception);
            errors.Add(new DeploymentError(outpost.Name, connectionDescription, exception.Message));
        }
        catch (Exception exception) when (exception is not (OutOfMemoryException or OperationCanceledException))
        {
            // A failure this plugin did not foresee is still one outpost's failure, so the others go on.
            Log.ReconcileFailed(_logger, outpost.Name, exception);
            errors.Add(new DeploymentError(
                outpost.Name,
                connectionDescription,
                $"Failed to reconcile the Service of outpost '{outpost.Name}' because of an unexpected {exception.GetType().Name}: {exception.Message}"));
        }
    }

    private static string? GetSkipReason(OutpostConfig outpost)
    {
        if (!string.Equals(outpost.Type, OutpostConstants.ProxyType, StringComparison.Ordinal))
        {
            return $"outpost type '{outpost.Type}' is not supported; only proxy outposts get a Service";
        }

        if (outpost.Settings.KubernetesDisabledComponents.Contains(ServiceConstants.Component, StringComparer.Ordinal))
        {
            return "kubernetes_disabled_components contains 'service'";
        }

        return null;
    }

    private async Task CollectOrphansAsync(
        DeploymentRequest request,
        List<OutpostConfig> outposts,
        bool apply,
        List<DeploymentAction> actions,
        List<DeploymentError> errors,
        CancellationToken cancellationToken)
    {
        foreach (var group in outposts.GroupBy(outpost => outpost.ServiceConnection!))
        {
            var owners = new Dictionary<string, ServiceOwner>(StringComparer.Ordinal);
            foreach (var outpost in request.Outposts)
            {
                owners.TryAdd(ObjectNaming.FormatUuid(outpost.Uuid), new ServiceOwner(outpost.Name, GetServiceLocation(outpost, group.Key)));
            }

            ConnectedClient client;
            try
            {
                client = _clients.Get(group.Key);
            }
            catch (ServiceReconcileException exception)
            {
                // Each outpost of this connection has reported the same failure already.
                Log.ReconcileFailed(_logger, OrphanServiceCollector.NoOutpost, exception);
                continue;
            }

            var namespaces = group
                .Select(outpost => outpost.Settings.KubernetesNamespace)
                .Concat(_options.Namespaces)
                .Distinct(StringComparer.Ordinal)
                .Order(StringComparer.Ordinal);
            await _orphans.CollectAsync(client, namespaces, owners, apply, actions, errors, cancellationToken);
        }
    }

    /// <summary>
    /// Returns <c>namespace/name</c> of the outpost's Service on <paramref name="connection"/>, or
    /// <see langword="null"/> when this run leaves the outpost's Services there alone.
    /// </summary>
    private static string? GetServiceLocation(OutpostConfig outpost, ServiceConnectionConfig connection)
    {
        if (outpost.ServiceConnection != connection || GetSkipReason(outpost) is not null)
        {
            return null;
        }

        try
        {
            return $"{outpost.Settings.KubernetesNamespace}/{ObjectNaming.GetObjectName(outpost)}";
        }
        catch (FormatException)
        {
            // The outpost's own run reports the invalid template; its Services stay until it is fixed.
            return null;
        }
    }
}
