using Authentik.Plugins.Deployment;
using Authentik.Plugins.Outposts;

namespace Authentik.Plugins.Host.Deployment;

/// <summary>
/// Runs every registered deployment integration against the current outpost snapshot, for the
/// <c>deploy</c> command and the background reconciler.
/// </summary>
internal sealed class DeploymentRunner
{
    private readonly List<IDeploymentIntegration> _integrations;
    private readonly IOutpostConfigProvider _outposts;
    private readonly ILogger<DeploymentRunner> _logger;

    public DeploymentRunner(
        IEnumerable<IDeploymentIntegration> integrations,
        IOutpostConfigProvider outposts,
        ILogger<DeploymentRunner> logger)
    {
        _integrations = integrations.OrderBy(integration => integration.Name, StringComparer.Ordinal).ToList();
        _outposts = outposts;
        _logger = logger;
    }

    /// <summary>Names of the registered integrations, sorted.</summary>
    public IEnumerable<string> IntegrationNames => _integrations.Select(integration => integration.Name);

    /// <summary>Returns the current outpost snapshot.</summary>
    public OutpostSnapshot GetSnapshot() => _outposts.GetSnapshot();

    /// <summary>
    /// Plans or applies every integration for the outposts of <paramref name="snapshot"/>, in
    /// integration-name order. An integration that throws gets a plan with one error, so the
    /// others still run.
    /// </summary>
    /// <param name="snapshot">The outposts to deploy.</param>
    /// <param name="outpostFilter">Name of the one outpost to handle, or <see langword="null"/> for all.</param>
    /// <param name="apply">Whether to change the platforms, or only plan.</param>
    /// <param name="cancellationToken">Cancels the platform calls.</param>
    public async Task<IReadOnlyList<DeploymentPlan>> RunAsync(
        OutpostSnapshot snapshot,
        string? outpostFilter,
        bool apply,
        CancellationToken cancellationToken)
    {
        var request = new DeploymentRequest
        {
            Outposts = snapshot.Outposts,
            OutpostFilter = outpostFilter,
            AuthentikVersion = AuthentikCompatibility.Version,
        };

        var plans = new List<DeploymentPlan>(_integrations.Count);
        foreach (var integration in _integrations)
        {
            DeploymentPlan plan;
            try
            {
                plan = apply
                    ? await integration.ApplyAsync(request, cancellationToken)
                    : await integration.PlanAsync(request, cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Log.IntegrationFailed(_logger, integration.Name, exception);
                plan = new DeploymentPlan(
                    integration.Name,
                    [],
                    [new DeploymentError(outpostFilter ?? "(all outposts)", "", $"The {integration.Name} integration failed: {exception.Message}")]);
            }

            LogResult(plan, apply);
            plans.Add(plan);
        }

        return plans;
    }

    private void LogResult(DeploymentPlan plan, bool apply)
    {
        foreach (var error in plan.Errors)
        {
            Log.OutpostDeploymentFailed(_logger, plan.Integration, error.Outpost, error.Connection, error.Message);
        }

        if (!apply)
        {
            return;
        }

        foreach (var action in plan.Actions.Where(action => action.Kind is not (DeploymentActionKind.Unchanged or DeploymentActionKind.Skipped)))
        {
            Log.ObjectChanged(_logger, plan.Integration, action.Outpost, action.Resource, action.ObjectName, action.Kind);
        }
    }
}
