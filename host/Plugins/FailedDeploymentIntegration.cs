using Authentik.Plugins.Deployment;

namespace Authentik.Plugins.Host.Plugins;

/// <summary>
/// Stands in for a plugin's deployment integration whose constructor threw, so that plans and
/// applies report the failure instead of breaking every other integration.
/// </summary>
internal sealed class FailedDeploymentIntegration : IDeploymentIntegration
{
    private readonly string _message;

    public FailedDeploymentIntegration(string name, string message)
    {
        Name = name;
        _message = message;
    }

    public string Name { get; }

    public Task<DeploymentPlan> PlanAsync(DeploymentRequest request, CancellationToken cancellationToken) => Task.FromResult(CreateFailedPlan());

    public Task<DeploymentPlan> ApplyAsync(DeploymentRequest request, CancellationToken cancellationToken) => Task.FromResult(CreateFailedPlan());

    private DeploymentPlan CreateFailedPlan() =>
        new(Name, [], [new DeploymentError("(all outposts)", Name, _message)]);
}
