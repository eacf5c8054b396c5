using Authentik.Plugins.Deployment;
using Authentik.Plugins.KubernetesService.Tests.ApiServer;
using Authentik.Plugins.Outposts;
using k8s;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Authentik.Plugins.KubernetesService.Tests;

/// <summary>
/// A test API server, a kubeconfig pointing at it and a service connection using that kubeconfig.
/// Each test class gets its own, so tests of different classes never share Services.
/// </summary>
public sealed class KubernetesTestContext : IAsyncLifetime, IAsyncDisposable
{
    public static readonly Guid EmbeddedUuid = Guid.Parse("6f4ab2b5-2c6e-4d0a-9a38-7a8c5f2b1e01");

    private Kubeconfig? _kubeconfig;

    internal ServiceApiServer Server { get; private set; } = null!;

    public ServiceConnectionConfig Connection { get; private set; } = null!;

    /// <summary>A client of the test API server, for arranging and inspecting Services directly.</summary>
    public IKubernetes Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await ServiceApiServer.StartAsync();
        _kubeconfig = new Kubeconfig(Server.Address, ServiceApiServer.Token);
        Connection = new ServiceConnectionConfig
        {
            Name = "test cluster",
            Kind = ServiceConnectionKind.Kubernetes,
            Kubeconfig = _kubeconfig.Path,
            KubeconfigContext = Kubeconfig.Context,
        };
        Client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_kubeconfig.Path, Kubeconfig.Context));
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        await Server.DisposeAsync();
        _kubeconfig?.Dispose();
    }

    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    /// <summary>Deletes every Service and clears the recorded requests, so the next test starts from an empty cluster.</summary>
    public async Task ResetAsync()
    {
        var services = await Client.CoreV1.ListServiceForAllNamespacesAsync();
        foreach (var service in services.Items)
        {
            await Client.CoreV1.DeleteNamespacedServiceAsync(service.Metadata.Name, service.Metadata.NamespaceProperty);
        }

        Server.ClearRequests();
    }

    public static KubernetesServiceIntegration CreateIntegration(int conflictAttempts = 5, params string[] namespaces)
    {
        var options = new KubernetesServiceOptions { ConflictAttempts = conflictAttempts };
        foreach (var namespaceName in namespaces)
        {
            options.Namespaces.Add(namespaceName);
        }

        return new KubernetesServiceIntegration(Options.Create(options), NullLogger<KubernetesServiceIntegration>.Instance);
    }

    public OutpostConfig Embedded(OutpostSettings? settings = null) => new()
    {
        Name = OutpostConstants.EmbeddedName,
        Uuid = EmbeddedUuid,
        Managed = OutpostConstants.EmbeddedManagedValue,
        ServiceConnection = Connection,
        Settings = settings ?? new OutpostSettings(),
    };

    public OutpostConfig Managed(string name, Guid uuid, OutpostSettings? settings = null) => new()
    {
        Name = name,
        Uuid = uuid,
        ServiceConnection = Connection,
        Settings = settings ?? new OutpostSettings(),
    };

    public static DeploymentRequest Request(params OutpostConfig[] outposts) => new()
    {
        Outposts = outposts,
        AuthentikVersion = AuthentikCompatibility.Version,
    };
}
