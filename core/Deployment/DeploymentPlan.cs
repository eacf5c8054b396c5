namespace Authentik.Plugins.Deployment;

/// <summary>What one integration would change (plan) or changed (apply), and what failed.</summary>
/// <param name="Integration">Name of the integration.</param>
/// <param name="Actions">One entry per object and outpost, in the order they were handled.</param>
/// <param name="Errors">Failures, each naming its outpost and connection.</param>
public sealed record DeploymentPlan(
    string Integration,
    IReadOnlyList<DeploymentAction> Actions,
    IReadOnlyList<DeploymentError> Errors)
{
    /// <summary>Whether the run changes, or changed, anything on the platform.</summary>
    public bool HasChanges => Actions.Any(action => action.Kind is not (DeploymentActionKind.Unchanged or DeploymentActionKind.Skipped));
}
