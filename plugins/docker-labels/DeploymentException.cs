namespace Authentik.Plugins.DockerLabels;

/// <summary>A failure of one outpost's deployment whose message is complete for the operator.</summary>
internal sealed class DeploymentException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DeploymentException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public DeploymentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
