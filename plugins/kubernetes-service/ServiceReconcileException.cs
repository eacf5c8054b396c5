namespace Authentik.Plugins.KubernetesService;

/// <summary>A failure to plan or apply one outpost's Service; the message names the outpost and what to fix.</summary>
internal sealed class ServiceReconcileException : Exception
{
    public ServiceReconcileException(string message)
        : base(message)
    {
    }

    public ServiceReconcileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
