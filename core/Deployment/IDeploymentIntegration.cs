namespace Authentik.Plugins.Deployment;

/// <summary>
/// Makes a platform (a Docker engine, a Kubernetes cluster) run the objects that outposts with a
/// matching service connection need. The host calls it for <c>deploy plan</c>, <c>deploy apply</c>
/// and, in the background, whenever the outpost configuration changes.
/// </summary>
/// <remarks>
/// A failure for one outpost is reported in <see cref="DeploymentPlan.Errors"/> and does not stop
/// the other outposts. Implementations are registered as singletons.
/// </remarks>
public interface IDeploymentIntegration
{
    /// <summary>Unique integration name, for example <c>docker</c>.</summary>
    string Name { get; }

    /// <summary>Works out what would change for each outpost, without changing anything.</summary>
    /// <param name="request">The outposts and the outpost filter.</param>
    /// <param name="cancellationToken">Cancels the platform calls.</param>
    Task<DeploymentPlan> PlanAsync(DeploymentRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Makes the platform match the desired state of each outpost and returns what it changed. A
    /// second call right after the first returns only <see cref="DeploymentActionKind.Unchanged"/>
    /// and <see cref="DeploymentActionKind.Skipped"/> actions.
    /// </summary>
    /// <param name="request">The outposts and the outpost filter.</param>
    /// <param name="cancellationToken">Cancels the platform calls.</param>
    Task<DeploymentPlan> ApplyAsync(DeploymentRequest request, CancellationToken cancellationToken);
}
