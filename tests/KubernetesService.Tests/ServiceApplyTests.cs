using System.Net;
using Authentik.Plugins.Deployment;
using Authentik.Plugins.Outposts;
using Authentik.Plugins.KubernetesService.Tests.ApiServer;
using Authentik.Plugins.TestSupport;
using k8s;
using k8s.Models;

namespace Authentik.Plugins.KubernetesService.Tests;

public sealed class ServiceApplyTests(KubernetesTestContext context) : KubernetesIntegrationTests(context)
{
    private const string EmbeddedName = "ak-outpost-authentik-embedded-outpost";

    [Fact]
    public async Task Apply_MissingService_CreatesEmbeddedService()
    {
        var plan = await Integration.ApplyAsync(KubernetesTestContext.Request(Context.Embedded()), CancellationToken.None);

        Assert.Empty(plan.Errors);
        var action = Assert.Single(plan.Actions);
        Assert.Equal(DeploymentActionKind.Create, action.Kind);
        Assert.Equal("the Service does not exist", action.Reason);
        Assert.Equal($"default/{EmbeddedName}", action.ObjectName);

        var service = await ReadAsync(EmbeddedName);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["app.kubernetes.io/instance"] = "authentik-embedded-outpost",
                ["app.kubernetes.io/managed-by"] = "goauthentik.io",
                ["app.kubernetes.io/name"] = "authentik-proxy",
                ["app.kubernetes.io/version"] = AuthentikCompatibility.Version,
                ["goauthentik.io/outpost-name"] = "authentik-embedded-outpost",
                ["goauthentik.io/outpost-type"] = "proxy",
                ["goauthentik.io/outpost-uuid"] = "6f4ab2b52c6e4d0a9a387a8c5f2b1e01",
            },
            service.Metadata.Labels);
        Assert.Equal(
            new Dictionary<string, string> { ["app.kubernetes.io/name"] = "authentik", ["app.kubernetes.io/component"] = "server" },
            service.Spec.Selector);
        Assert.Equal("ClusterIP", service.Spec.Type);
        Assert.Equal(
            ["http 9000->9000/TCP", "http-metrics 9300->9300/TCP", "https 9443->9443/TCP"],
            service.Spec.Ports.Select(port => $"{port.Name} {port.Port}->{port.TargetPort.Value}/{port.Protocol}"));
        var write = Assert.Single(Context.Server.Writes);
        Assert.Equal("POST /api/v1/namespaces/default/services?fieldManager=goauthentik.io -> 201", write.ToString());
    }

    [Fact]
    public async Task Apply_SecondRun_ChangesNothing()
    {
        var request = KubernetesTestContext.Request(Context.Embedded(), Context.Managed("Proxy A", Guid.NewGuid()));
        await Integration.ApplyAsync(request, CancellationToken.None);
        Context.Server.ClearRequests();

        var plan = await Integration.ApplyAsync(request, CancellationToken.None);

        Assert.Empty(plan.Errors);
        Assert.All(plan.Actions, action => Assert.Equal(DeploymentActionKind.Unchanged, action.Kind));
        Assert.Equal(2, plan.Actions.Count);
        Assert.False(plan.HasChanges);
        Assert.Empty(Context.Server.Writes);
    }

    [Fact]
    public async Task Apply_ManagedOutpost_SelectsItsOwnPods()
    {
        var uuid = Guid.Parse("11111111-2222-3333-4444-555555555555");

        await Integration.ApplyAsync(KubernetesTestContext.Request(Context.Managed("Proxy A", uuid)), CancellationToken.None);

        var service = await ReadAsync("ak-outpost-proxy-a");
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["app.kubernetes.io/name"] = "authentik-outpost-proxy",
                ["app.kubernetes.io/managed-by"] = "goauthentik.io",
                ["goauthentik.io/outpost-uuid"] = "11111111222233334444555555555555",
                ["goauthentik.io/outpost-name"] = "proxy-a",
                ["goauthentik.io/outpost-type"] = "proxy",
            },
            service.Spec.Selector);
    }

    [Fact]
    public async Task Apply_LabelsAndSelectorChanged_UpdatesInPlace()
    {
        var request = KubernetesTestContext.Request(Context.Embedded());
        await Integration.ApplyAsync(request, CancellationToken.None);
        var created = await ReadAsync(EmbeddedName);
        await MergePatchAsync(EmbeddedName, """
            {"metadata":{"labels":{"goauthentik.io/outpost-type":null,"team":"platform"}},"spec":{"selector":{"extra":"x"}}}
            """);
        Context.Server.ClearRequests();

        var plan = await Integration.ApplyAsync(request, CancellationToken.None);

        Assert.Empty(plan.Errors);
        var action = Assert.Single(plan.Actions);
        Assert.Equal(DeploymentActionKind.Update, action.Kind);
        Assert.Equal("metadata.labels, spec.selector differ from the desired Service", action.Reason);
        var write = Assert.Single(Context.Server.Writes);
        Assert.Equal($"PUT /api/v1/namespaces/default/services/{EmbeddedName}?fieldManager=goauthentik.io -> 200", write.ToString());
        var updated = await ReadAsync(EmbeddedName);
        Assert.Equal("proxy", updated.Metadata.Labels["goauthentik.io/outpost-type"]);
        Assert.Equal("platform", updated.Metadata.Labels["team"]);
        Assert.False(updated.Spec.Selector.ContainsKey("extra"));
        Assert.Equal(created.Metadata.Uid, updated.Metadata.Uid);
        Assert.Equal(created.Spec.ClusterIP, updated.Spec.ClusterIP);
        Assert.Equal("goauthentik.io", Assert.Single(updated.Metadata.ManagedFields).Manager);
    }

    [Fact]
    public async Task Apply_ServiceTypeChanged_UpdatesAndKeepsNodePorts()
    {
        await Integration.ApplyAsync(KubernetesTestContext.Request(Context.Embedded()), CancellationToken.None);
        var nodePortRequest = KubernetesTestContext.Request(Context.Embedded(new OutpostSettings { KubernetesServiceType = "NodePort" }));

        var toNodePort = await Integration.ApplyAsync(nodePortRequest, CancellationToken.None);
        var allocated = (await ReadAsync(EmbeddedName)).Spec.Ports.Select(port => port.NodePort).ToList();
        var again = await Integration.ApplyAsync(nodePortRequest, CancellationToken.None);
        var nodePortsAfterSecondApply = (await ReadAsync(EmbeddedName)).Spec.Ports.Select(port => port.NodePort).ToList();
        var toClusterIp = await Integration.ApplyAsync(KubernetesTestContext.Request(Context.Embedded()), CancellationToken.None);

        Assert.Empty(toNodePort.Errors);
        Assert.Equal("spec.type differ from the desired Service", Assert.Single(toNodePort.Actions).Reason);
        Assert.All(allocated, nodePort => Assert.InRange(nodePort!.Value, 30000, 32767));
        Assert.Equal(DeploymentActionKind.Unchanged, Assert.Single(again.Actions).Kind);
        Assert.Equal(allocated, nodePortsAfterSecondApply);
        Assert.Empty(toClusterIp.Errors);
        Assert.Equal(DeploymentActionKind.Update, Assert.Single(toClusterIp.Actions).Kind);
        Assert.All((await ReadAsync(EmbeddedName)).Spec.Ports, port => Assert.Null(port.NodePort));
    }

    [Fact]
    public async Task Apply_PortNumberChanged_UpdatesInPlace()
    {
        var request = KubernetesTestContext.Request(Context.Embedded());
        await Integration.ApplyAsync(request, CancellationToken.None);
        await JsonPatchAsync(EmbeddedName, """[{"op":"replace","path":"/spec/ports/0/port","value":80}]""");

        var plan = await Integration.ApplyAsync(request, CancellationToken.None);

        Assert.Equal("spec.ports differ from the desired Service", Assert.Single(plan.Actions).Reason);
        Assert.Equal(9000, (await ReadAsync(EmbeddedName)).Spec.Ports[0].Port);
    }

    [Fact]
    public async Task Apply_TargetPortChanged_DeletesAndCreates()
    {
        var request = KubernetesTestContext.Request(Context.Embedded());
        await Integration.ApplyAsync(request, CancellationToken.None);
        var created = await ReadAsync(EmbeddedName);
        await JsonPatchAsync(EmbeddedName, """[{"op":"replace","path":"/spec/ports/1/targetPort","value":8000}]""");
        Context.Server.ClearRequests();

        var plan = await Integration.ApplyAsync(request, CancellationToken.None);

        Assert.Empty(plan.Errors);
        var action = Assert.Single(plan.Actions);
        Assert.Equal(DeploymentActionKind.Recreate, action.Kind);
        Assert.Equal(
            "ports differ in name, protocol or target port: live [http-metrics/TCP->8000, http/TCP->9000, https/TCP->9443], desired [http-metrics/TCP->9300, http/TCP->9000, https/TCP->9443]",
            action.Reason);
        Assert.Equal(
            [$"DELETE /api/v1/namespaces/default/services/{EmbeddedName} -> 200", "POST /api/v1/namespaces/default/services?fieldManager=goauthentik.io -> 201"],
            Context.Server.Writes.Select(write => write.ToString()));
        var recreated = await ReadAsync(EmbeddedName);
        Assert.NotEqual(created.Metadata.Uid, recreated.Metadata.Uid);
        Assert.Equal("9300", recreated.Spec.Ports[1].TargetPort.Value);
    }

    [Fact]
    public async Task Apply_OutpostDeleted_RemovesItsServiceOnly()
    {
        var proxyA = Context.Managed("Proxy A", Guid.NewGuid());
        await Integration.ApplyAsync(KubernetesTestContext.Request(Context.Embedded(), proxyA), CancellationToken.None);
        await CreateForeignServiceAsync("default", "unmanaged", new Dictionary<string, string> { ["app"] = "other" });
        await CreateForeignServiceAsync("default", "ldap", new Dictionary<string, string>
        {
            ["app.kubernetes.io/managed-by"] = "goauthentik.io",
            ["goauthentik.io/outpost-type"] = "ldap",
            ["goauthentik.io/outpost-uuid"] = "00000000000000000000000000000001",
        });
        Context.Server.ClearRequests();

        var plan = await Integration.ApplyAsync(KubernetesTestContext.Request(Context.Embedded()), CancellationToken.None);

        Assert.Empty(plan.Errors);
        Assert.Equal(
            ["Unchanged default/ak-outpost-authentik-embedded-outpost", "Remove default/ak-outpost-proxy-a"],
            plan.Actions.Select(action => $"{action.Kind} {action.ObjectName}"));
        Assert.Equal($"no outpost with id {proxyA.Uuid:N} exists any more", plan.Actions[1].Reason);
        Assert.Equal("proxy-a", plan.Actions[1].Outpost);
        var remaining = await Context.Client.CoreV1.ListNamespacedServiceAsync("default");
        Assert.Equal([EmbeddedName, "ldap", "unmanaged"], remaining.Items.Select(service => service.Metadata.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Apply_OutpostDeletedInConfiguredNamespace_RemovesService()
    {
        using var integration = KubernetesTestContext.CreateIntegration(5, "outposts");
        var deleted = Context.Managed("Gone", Guid.NewGuid(), new OutpostSettings { KubernetesNamespace = "outposts" });
        await integration.ApplyAsync(KubernetesTestContext.Request(Context.Embedded(), deleted), CancellationToken.None);

        var withoutOption = await Integration.ApplyAsync(KubernetesTestContext.Request(Context.Embedded()), CancellationToken.None);
        var withOption = await integration.ApplyAsync(KubernetesTestContext.Request(Context.Embedded()), CancellationToken.None);

        Assert.DoesNotContain(withoutOption.Actions, action => action.Kind == DeploymentActionKind.Remove);
        Assert.Equal("outposts/ak-outpost-gone", Assert.Single(withOption.Actions, action => action.Kind == DeploymentActionKind.Remove).ObjectName);
        Assert.Empty((await Context.Client.CoreV1.ListNamespacedServiceAsync("outposts")).Items);
    }

    [Fact]
    public async Task Apply_NamespaceChanged_MovesService()
    {
        var uuid = Guid.NewGuid();
        await Integration.ApplyAsync(KubernetesTestContext.Request(Context.Embedded(), Context.Managed("Mover", uuid)), CancellationToken.None);
        var moved = Context.Managed("Mover", uuid, new OutpostSettings { KubernetesNamespace = "moved" });

        var plan = await Integration.ApplyAsync(KubernetesTestContext.Request(Context.Embedded(), moved), CancellationToken.None);

        Assert.Empty(plan.Errors);
        Assert.Equal(
            [
                $"Unchanged default/{EmbeddedName}: the Service matches the desired labels, selector, type, ports and JSON patch",
                "Create moved/ak-outpost-mover: the Service does not exist",
                "Remove default/ak-outpost-mover: outpost 'Mover' now uses Service 'moved/ak-outpost-mover'",
            ],
            plan.Actions.Select(action => $"{action.Kind} {action.ObjectName}: {action.Reason}"));
        Assert.Equal([EmbeddedName], (await Context.Client.CoreV1.ListNamespacedServiceAsync("default")).Items.Select(service => service.Metadata.Name));
        Assert.Equal(["ak-outpost-mover"], (await Context.Client.CoreV1.ListNamespacedServiceAsync("moved")).Items.Select(service => service.Metadata.Name));
    }

    [Fact]
    public async Task Apply_DisabledServiceOfExistingOutpost_IsKept()
    {
        var uuid = Guid.NewGuid();
        await Integration.ApplyAsync(KubernetesTestContext.Request(Context.Managed("Keeper", uuid)), CancellationToken.None);
        var disabled = Context.Managed("Keeper", uuid, new OutpostSettings { KubernetesDisabledComponents = ["service"] });

        var plan = await Integration.ApplyAsync(KubernetesTestContext.Request(disabled), CancellationToken.None);

        Assert.Equal(DeploymentActionKind.Skipped, Assert.Single(plan.Actions).Kind);
        Assert.Equal("ak-outpost-keeper", (await ReadAsync("ak-outpost-keeper")).Metadata.Name);
    }

    [Fact]
    public async Task Apply_StaleResourceVersion_RetriesWithFreshRead()
    {
        var request = KubernetesTestContext.Request(Context.Embedded());
        await Integration.ApplyAsync(request, CancellationToken.None);
        await MergePatchAsync(EmbeddedName, """{"metadata":{"labels":{"app.kubernetes.io/version":"old"}}}""");
        Context.Server.Store.ChangeAfterReads("default", EmbeddedName, 1);
        Context.Server.ClearRequests();

        var plan = await Integration.ApplyAsync(request, CancellationToken.None);

        Assert.Empty(plan.Errors);
        Assert.Equal(DeploymentActionKind.Update, Assert.Single(plan.Actions).Kind);
        Assert.Equal(
            [
                $"GET /api/v1/namespaces/default/services/{EmbeddedName} -> 200",
                $"PUT /api/v1/namespaces/default/services/{EmbeddedName}?fieldManager=goauthentik.io -> 409",
                $"GET /api/v1/namespaces/default/services/{EmbeddedName} -> 200",
                $"PUT /api/v1/namespaces/default/services/{EmbeddedName}?fieldManager=goauthentik.io -> 200",
            ],
            Context.Server.Requests.Where(item => item.Path.EndsWith(EmbeddedName, StringComparison.Ordinal)).Select(item => item.ToString()));
        Assert.Equal(AuthentikCompatibility.Version, (await ReadAsync(EmbeddedName)).Metadata.Labels["app.kubernetes.io/version"]);
    }

    [Fact]
    public async Task Apply_CreatedByOtherClientMeanwhile_UpdatesAfterConflict()
    {
        var other = DesiredServiceBuilder.Build(Context.Embedded(), "other-version");
        Context.Server.Store.CreateAfterMissingRead("default", EmbeddedName, ServiceDocument.ToJson(other));

        var plan = await Integration.ApplyAsync(KubernetesTestContext.Request(Context.Embedded()), CancellationToken.None);

        Assert.Empty(plan.Errors);
        var action = Assert.Single(plan.Actions);
        Assert.Equal("Update: metadata.labels differ from the desired Service", $"{action.Kind}: {action.Reason}");
        Assert.Equal(
            [
                $"GET /api/v1/namespaces/default/services/{EmbeddedName} -> 404",
                "POST /api/v1/namespaces/default/services?fieldManager=goauthentik.io -> 409",
                $"GET /api/v1/namespaces/default/services/{EmbeddedName} -> 200",
                $"PUT /api/v1/namespaces/default/services/{EmbeddedName}?fieldManager=goauthentik.io -> 200",
            ],
            Context.Server.Requests.Where(item => !item.Query.Contains("labelSelector", StringComparison.Ordinal)).Select(item => item.ToString()));
        Assert.Equal(AuthentikCompatibility.Version, (await ReadAsync(EmbeddedName)).Metadata.Labels["app.kubernetes.io/version"]);
    }

    [Fact]
    public async Task Apply_UnreachableApiServer_ReportsOutpostAndAddress()
    {
        var port = LoopbackPorts.GetFreePort();
        using var kubeconfig = new Kubeconfig(new Uri($"http://127.0.0.1:{port}"), ServiceApiServer.Token);
        var connection = new ServiceConnectionConfig { Name = "down", Kind = ServiceConnectionKind.Kubernetes, Kubeconfig = kubeconfig.Path };
        var outpost = Context.Embedded() with { ServiceConnection = connection };

        var plan = await Integration.ApplyAsync(KubernetesTestContext.Request(outpost) with { OutpostFilter = outpost.Name }, CancellationToken.None);

        var error = Assert.Single(plan.Errors);
        Assert.Equal($"down (http://127.0.0.1:{port})", error.Connection);
        Assert.StartsWith(
            $"Failed to read Service '{EmbeddedName}' in namespace 'default' for outpost 'authentik Embedded Outpost': the Kubernetes API server could not be reached: ",
            error.Message,
            StringComparison.Ordinal);
        Assert.Empty(plan.Actions);
    }

    [Fact]
    public async Task Apply_ConflictOnEveryAttempt_ReportsErrorAfterLimit()
    {
        using var integration = KubernetesTestContext.CreateIntegration(conflictAttempts: 3);
        var request = KubernetesTestContext.Request(Context.Embedded());
        await integration.ApplyAsync(request, CancellationToken.None);
        await MergePatchAsync(EmbeddedName, """{"metadata":{"labels":{"app.kubernetes.io/version":"old"}}}""");
        Context.Server.Store.ChangeAfterReads("default", EmbeddedName, 100);
        Context.Server.ClearRequests();

        var plan = await integration.ApplyAsync(request, CancellationToken.None);

        Assert.DoesNotContain(plan.Actions, action => action.Outpost == OutpostConstants.EmbeddedName);
        var error = Assert.Single(plan.Errors);
        Assert.Equal(OutpostConstants.EmbeddedName, error.Outpost);
        Assert.Equal($"test cluster ({Context.Server.Address.GetLeftPart(UriPartial.Authority)})", error.Connection);
        Assert.Equal(
            $"Failed to reconcile Service '{EmbeddedName}' in namespace 'default' for outpost 'authentik Embedded Outpost': the Kubernetes API returned 409 Conflict or the Service was still being deleted on all 3 attempts; another client keeps changing it.",
            error.Message);
        Assert.Equal(3, Context.Server.Writes.Count(write => write.Status == HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task Apply_DisabledComponent_SkipsWithoutCalls()
    {
        var outpost = Context.Embedded(new OutpostSettings { KubernetesDisabledComponents = ["deployment", "service"] });

        var plan = await Integration.ApplyAsync(KubernetesTestContext.Request(outpost) with { OutpostFilter = outpost.Name }, CancellationToken.None);

        var action = Assert.Single(plan.Actions);
        Assert.Equal(DeploymentActionKind.Skipped, action.Kind);
        Assert.Equal("kubernetes_disabled_components contains 'service'", action.Reason);
        Assert.Null(action.Document);
        Assert.Empty(Context.Server.Requests);
    }

    [Fact]
    public async Task Apply_InvalidServiceType_ReportsApiErrorAndReconcilesOthers()
    {
        var broken = Context.Managed("Broken", Guid.NewGuid(), new OutpostSettings { KubernetesServiceType = "Cluster" });

        var plan = await Integration.ApplyAsync(KubernetesTestContext.Request(broken, Context.Embedded()), CancellationToken.None);

        var error = Assert.Single(plan.Errors);
        Assert.Equal("Broken", error.Outpost);
        Assert.Equal(
            "Failed to create Service 'ak-outpost-broken' in namespace 'default' for outpost 'Broken': the Kubernetes API returned 422 UnprocessableEntity: Service \"ak-outpost-broken\" is invalid: spec.type: Unsupported value: \"Cluster\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"",
            error.Message);
        Assert.Equal(DeploymentActionKind.Create, Assert.Single(plan.Actions).Kind);
        Assert.Equal(EmbeddedName, (await ReadAsync(EmbeddedName)).Metadata.Name);
    }

    [Fact]
    public async Task Apply_ForbiddenNamespace_ReportsStatusAndReconcilesOthers()
    {
        Context.Server.ForbidNamespace("locked");
        var locked = Context.Managed("Locked", Guid.NewGuid(), new OutpostSettings { KubernetesNamespace = "locked" });

        var plan = await Integration.ApplyAsync(KubernetesTestContext.Request(locked, Context.Embedded()), CancellationToken.None);

        Assert.Equal(
            [
                "Locked: Failed to read Service 'ak-outpost-locked' in namespace 'locked' for outpost 'Locked': the Kubernetes API returned 403 Forbidden: services is forbidden: User \"system:serviceaccount:authentik:authentik\" cannot get resource \"services\" in API group \"\" in the namespace \"locked\"",
                "(outposts that no longer exist): Failed to list the outpost Services in namespace 'locked' with label selector 'app.kubernetes.io/managed-by=goauthentik.io,goauthentik.io/outpost-type=proxy,goauthentik.io/outpost-uuid': the Kubernetes API returned 403 Forbidden: services is forbidden: User \"system:serviceaccount:authentik:authentik\" cannot get resource \"services\" in API group \"\" in the namespace \"locked\"",
            ],
            plan.Errors.Select(error => $"{error.Outpost}: {error.Message}"));
        Assert.Equal(DeploymentActionKind.Create, Assert.Single(plan.Actions).Kind);
    }

    [Theory]
    [InlineData("clusters: [unclosed")]
    [InlineData("apiVersion: v1\nkind: Config\n")]
    public async Task Apply_BrokenKubeconfig_ReportsConnectionAndFile(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"kubeconfig-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(path, content);
        try
        {
            var connection = new ServiceConnectionConfig { Name = "broken", Kind = ServiceConnectionKind.Kubernetes, Kubeconfig = path };
            var outpost = Context.Embedded() with { ServiceConnection = connection };

            var plan = await Integration.ApplyAsync(KubernetesTestContext.Request(outpost), CancellationToken.None);

            var error = Assert.Single(plan.Errors);
            Assert.Equal("broken", error.Connection);
            Assert.StartsWith($"Kubernetes connection 'broken' could not load credentials from kubeconfig '{path}': ", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Apply_MissingKubeconfigContext_ReportsConnectionAndFile()
    {
        var connection = Context.Connection with { Name = "wrong context", KubeconfigContext = "absent" };
        var outpost = Context.Embedded() with { ServiceConnection = connection };

        var plan = await Integration.ApplyAsync(KubernetesTestContext.Request(outpost), CancellationToken.None);

        var error = Assert.Single(plan.Errors);
        Assert.Equal("wrong context", error.Connection);
        Assert.StartsWith($"Kubernetes connection 'wrong context' could not load credentials from kubeconfig '{connection.Kubeconfig}' context 'absent': ", error.Message, StringComparison.Ordinal);
        Assert.Empty(plan.Actions);
    }

    private async Task<V1Service> ReadAsync(string name, string namespaceName = "default") =>
        await Context.Client.CoreV1.ReadNamespacedServiceAsync(name, namespaceName);

    private Task<V1Service> MergePatchAsync(string name, string patch) =>
        Context.Client.CoreV1.PatchNamespacedServiceAsync(new V1Patch(patch, V1Patch.PatchType.MergePatch), name, "default");

    private Task<V1Service> JsonPatchAsync(string name, string patch) =>
        Context.Client.CoreV1.PatchNamespacedServiceAsync(new V1Patch(patch, V1Patch.PatchType.JsonPatch), name, "default");

    private Task<V1Service> CreateForeignServiceAsync(string namespaceName, string name, Dictionary<string, string> labels) =>
        Context.Client.CoreV1.CreateNamespacedServiceAsync(
            new V1Service
            {
                ApiVersion = "v1",
                Kind = "Service",
                Metadata = new V1ObjectMeta { Name = name, Labels = labels },
                Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80 }] },
            },
            namespaceName);
}
