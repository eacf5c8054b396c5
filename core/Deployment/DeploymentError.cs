namespace Authentik.Plugins.Deployment;

/// <summary>A failure of a deployment run for one outpost.</summary>
/// <param name="Outpost">Name of the outpost.</param>
/// <param name="Connection">Name of the service connection, with its address where known.</param>
/// <param name="Message">What failed and what to do about it.</param>
public sealed record DeploymentError(string Outpost, string Connection, string Message);
