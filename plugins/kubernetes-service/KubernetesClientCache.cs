using System.Collections.Concurrent;
using System.Security.Cryptography;
using Authentik.Plugins.Outposts;
using k8s;
using k8s.Exceptions;
using YamlDotNet.Core;

namespace Authentik.Plugins.KubernetesService;

/// <summary>
/// One Kubernetes client per service connection, built from the in-cluster service account
/// (<see cref="ServiceConnectionConfig.Local"/>) or from a kubeconfig file and context.
/// </summary>
internal sealed class KubernetesClientCache : IDisposable
{
    private readonly ConcurrentDictionary<ServiceConnectionConfig, Lazy<ConnectedClient>> _clients = new();

    /// <summary>Returns the client of <paramref name="connection"/>, creating it on first use.</summary>
    /// <exception cref="ServiceReconcileException">The credentials cannot be loaded; the message names the connection and the file.</exception>
    public ConnectedClient Get(ServiceConnectionConfig connection)
    {
        ArgumentNullException.ThrowIfNull(connection);

        var lazy = _clients.GetOrAdd(connection, key => new Lazy<ConnectedClient>(() => Create(key)));
        try
        {
            return lazy.Value;
        }
        catch (ServiceReconcileException)
        {
            // A failed load is not cached, so a fixed kubeconfig is picked up by the next run.
            _clients.TryRemove(new KeyValuePair<ServiceConnectionConfig, Lazy<ConnectedClient>>(connection, lazy));
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var lazy in _clients.Values)
        {
            if (lazy.IsValueCreated)
            {
                lazy.Value.Client.Dispose();
            }
        }

        _clients.Clear();
    }

    private static ConnectedClient Create(ServiceConnectionConfig connection)
    {
        try
        {
            var configuration = connection.Local
                ? KubernetesClientConfiguration.InClusterConfig()
                : KubernetesClientConfiguration.BuildConfigFromConfigFile(
                    connection.Kubeconfig,
                    string.IsNullOrEmpty(connection.KubeconfigContext) ? null : connection.KubeconfigContext);

            // The client reads certificates and keys here, so broken PEM data fails now too.
            return new ConnectedClient(new Kubernetes(configuration), $"{connection.Name} ({configuration.Host})");
        }
        catch (Exception exception) when (exception is KubeConfigException or YamlException or IOException
            or UnauthorizedAccessException or CryptographicException or FormatException or ArgumentException)
        {
            var source = connection.Local
                ? "the in-cluster service account (is the host running in a pod with a service account token?)"
                : $"kubeconfig '{connection.Kubeconfig ?? "$KUBECONFIG or ~/.kube/config"}'"
                    + (string.IsNullOrEmpty(connection.KubeconfigContext) ? "" : $" context '{connection.KubeconfigContext}'");
            throw new ServiceReconcileException(
                $"Kubernetes connection '{connection.Name}' could not load credentials from {source}: {exception.Message}",
                exception);
        }
    }
}
