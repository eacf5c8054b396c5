using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Authentik.Plugins.KubernetesService.Tests;

/// <summary>Checks that the test API server rejects what the real one rejects, so the reconciler tests can fail.</summary>
public sealed class ServiceApiServerTests : IClassFixture<KubernetesTestContext>, IAsyncLifetime
{
    private readonly KubernetesTestContext _context;

    public ServiceApiServerTests(KubernetesTestContext context)
    {
        _context = context;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _context.ResetAsync();

    [Fact]
    public async Task Create_InvalidService_Returns422WithEveryProblem()
    {
        var service = Service("web");
        service.Spec.Type = "Cluster";
        service.Spec.Ports = [
            new V1ServicePort { Name = "HTTP_1", Port = 80, Protocol = "HTTP" },
            new V1ServicePort { Port = 70000, NodePort = 30001 },
        ];

        var exception = await Assert.ThrowsAsync<HttpOperationException>(() => _context.Client.CoreV1.CreateNamespacedServiceAsync(service, "default"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, exception.Response.StatusCode);
        var status = KubernetesJson.Deserialize<V1Status>(exception.Response.Content);
        Assert.Equal(
            "Service \"web\" is invalid: spec.type: Unsupported value: \"Cluster\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\", "
            + "spec.ports[0].name: Invalid value: \"HTTP_1\": must be no more than 15 characters, contain only lowercase alphanumeric characters or '-', contain at least one letter and not start, end or repeat '-', "
            + "spec.ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\", "
            + "spec.ports[1].name: Required value, "
            + "spec.ports[1].port: Invalid value: 70000: must be between 1 and 65535, inclusive",
            status.Message);
    }

    [Fact]
    public async Task Create_InvalidName_Returns422()
    {
        var exception = await Assert.ThrowsAsync<HttpOperationException>(() => _context.Client.CoreV1.CreateNamespacedServiceAsync(Service("9-outpost"), "default"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, exception.Response.StatusCode);
    }

    [Fact]
    public async Task Create_NodePortOnClusterIp_Returns422()
    {
        var service = Service("web");
        service.Spec.Ports[0].NodePort = 30080;

        var exception = await Assert.ThrowsAsync<HttpOperationException>(() => _context.Client.CoreV1.CreateNamespacedServiceAsync(service, "default"));

        Assert.Equal(
            "Service \"web\" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'",
            KubernetesJson.Deserialize<V1Status>(exception.Response.Content).Message);
    }

    [Fact]
    public async Task Create_Existing_Returns409AlreadyExists()
    {
        await _context.Client.CoreV1.CreateNamespacedServiceAsync(Service("web"), "default");

        var exception = await Assert.ThrowsAsync<HttpOperationException>(() => _context.Client.CoreV1.CreateNamespacedServiceAsync(Service("web"), "default"));

        Assert.Equal(HttpStatusCode.Conflict, exception.Response.StatusCode);
        Assert.Equal("AlreadyExists", KubernetesJson.Deserialize<V1Status>(exception.Response.Content).Reason);
    }

    [Fact]
    public async Task Replace_StaleOrMissingResourceVersion_IsRejected()
    {
        var created = await _context.Client.CoreV1.CreateNamespacedServiceAsync(Service("web"), "default");
        var stale = KubernetesJson.Deserialize<V1Service>(KubernetesJson.Serialize(created));
        created.Metadata.Labels = new Dictionary<string, string> { ["a"] = "b" };
        await _context.Client.CoreV1.ReplaceNamespacedServiceAsync(created, "web", "default");
        var unversioned = Service("web");

        var conflict = await Assert.ThrowsAsync<HttpOperationException>(() => _context.Client.CoreV1.ReplaceNamespacedServiceAsync(stale, "web", "default"));
        var invalid = await Assert.ThrowsAsync<HttpOperationException>(() => _context.Client.CoreV1.ReplaceNamespacedServiceAsync(unversioned, "web", "default"));

        Assert.Equal(HttpStatusCode.Conflict, conflict.Response.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.Response.StatusCode);
    }

    [Fact]
    public async Task Replace_ChangedClusterIp_Returns422()
    {
        var created = await _context.Client.CoreV1.CreateNamespacedServiceAsync(Service("web"), "default");
        created.Spec.ClusterIP = "10.96.1.1";
        created.Spec.ClusterIPs = ["10.96.1.1"];

        var exception = await Assert.ThrowsAsync<HttpOperationException>(() => _context.Client.CoreV1.ReplaceNamespacedServiceAsync(created, "web", "default"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, exception.Response.StatusCode);
    }

    [Fact]
    public async Task Read_Missing_Returns404()
    {
        var exception = await Assert.ThrowsAsync<HttpOperationException>(() => _context.Client.CoreV1.ReadNamespacedServiceAsync("absent", "default"));

        Assert.Equal(HttpStatusCode.NotFound, exception.Response.StatusCode);
        Assert.Equal("services \"absent\" not found", KubernetesJson.Deserialize<V1Status>(exception.Response.Content).Message);
    }

    [Fact]
    public async Task Delete_StaleUidPrecondition_Returns409()
    {
        await _context.Client.CoreV1.CreateNamespacedServiceAsync(Service("web"), "default");
        var options = new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = Guid.NewGuid().ToString() } };

        var exception = await Assert.ThrowsAsync<HttpOperationException>(() => _context.Client.CoreV1.DeleteNamespacedServiceAsync("web", "default", options));

        Assert.Equal(HttpStatusCode.Conflict, exception.Response.StatusCode);
        Assert.Equal("web", (await _context.Client.CoreV1.ReadNamespacedServiceAsync("web", "default")).Metadata.Name);
    }

    [Fact]
    public async Task Patch_StrategicMergePatch_Returns415()
    {
        await _context.Client.CoreV1.CreateNamespacedServiceAsync(Service("web"), "default");

        var exception = await Assert.ThrowsAsync<HttpOperationException>(() => _context.Client.CoreV1.PatchNamespacedServiceAsync(
            new V1Patch("""{"metadata":{"labels":{"a":"b"}}}""", V1Patch.PatchType.StrategicMergePatch), "web", "default"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, exception.Response.StatusCode);
    }

    [Fact]
    public async Task Request_WithoutToken_Returns401()
    {
        using var anonymous = new Kubernetes(new KubernetesClientConfiguration { Host = _context.Server.Address.ToString() });

        var exception = await Assert.ThrowsAsync<HttpOperationException>(() => anonymous.CoreV1.ReadNamespacedServiceAsync("web", "default"));

        Assert.Equal(HttpStatusCode.Unauthorized, exception.Response.StatusCode);
    }

    private static V1Service Service(string name) => new()
    {
        ApiVersion = "v1",
        Kind = "Service",
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Name = "http", Port = 80 }] },
    };
}
