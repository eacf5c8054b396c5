using System.Text.Json.Nodes;
using Authentik.Plugins.Deployment;
using Authentik.Plugins.Outposts;
using k8s;
using k8s.Models;

namespace Authentik.Plugins.KubernetesService.Tests;

public sealed class JsonPatchTests(KubernetesTestContext context) : KubernetesIntegrationTests(context)
{
    private const string Name = "ak-outpost-patched";

    [Fact]
    public async Task Apply_JsonPatch_IsSentWithCreateAndCausesNoDrift()
    {
        var outpost = Patched("""
            [
              {"op": "add", "path": "/metadata/annotations", "value": {"service.beta.kubernetes.io/aws-load-balancer-internal": "true"}},
              {"op": "add", "path": "/metadata/labels/team", "value": "platform"},
              {"op": "add", "path": "/spec/ports/-", "value": {"name": "ldap", "port": 3389, "targetPort": 3389, "protocol": "TCP"}},
              {"op": "test", "path": "/spec/type", "value": "ClusterIP"}
            ]
            """);

        var first = await Integration.ApplyAsync(KubernetesTestContext.Request(outpost), CancellationToken.None);
        var second = await Integration.ApplyAsync(KubernetesTestContext.Request(outpost), CancellationToken.None);

        Assert.Empty(first.Errors);
        Assert.Equal(DeploymentActionKind.Create, Assert.Single(first.Actions).Kind);
        Assert.Contains("service.beta.kubernetes.io/aws-load-balancer-internal: \"true\"", first.Actions[0].Document, StringComparison.Ordinal);
        Assert.Equal("platform", first.Actions[0].Labels["team"]);
        var service = await Context.Client.CoreV1.ReadNamespacedServiceAsync(Name, "default");
        Assert.Equal("true", service.Metadata.Annotations["service.beta.kubernetes.io/aws-load-balancer-internal"]);
        Assert.Equal("platform", service.Metadata.Labels["team"]);
        Assert.Equal(["http", "http-metrics", "https", "ldap"], service.Spec.Ports.Select(port => port.Name));
        Assert.Empty(second.Errors);
        Assert.Equal(DeploymentActionKind.Unchanged, Assert.Single(second.Actions).Kind);
    }

    [Fact]
    public async Task Apply_JsonPatchAddedLater_UpdatesLiveService()
    {
        await Integration.ApplyAsync(KubernetesTestContext.Request(Patched("[]")), CancellationToken.None);
        var outpost = Patched("""[{"op": "add", "path": "/metadata/annotations", "value": {"example.com/owner": "ops"}}]""");

        var plan = await Integration.ApplyAsync(KubernetesTestContext.Request(outpost), CancellationToken.None);

        Assert.Empty(plan.Errors);
        var action = Assert.Single(plan.Actions);
        Assert.Equal(DeploymentActionKind.Update, action.Kind);
        Assert.Equal("fields set by kubernetes_json_patches.service differ from the desired Service", action.Reason);
        var service = await Context.Client.CoreV1.ReadNamespacedServiceAsync(Name, "default");
        Assert.Equal("ops", service.Metadata.Annotations["example.com/owner"]);
    }

    [Fact]
    public async Task Apply_JsonPatchForOtherComponent_IsIgnored()
    {
        var outpost = Context.Managed("Patched", Guid.NewGuid(), new OutpostSettings
        {
            KubernetesJsonPatches = new Dictionary<string, JsonArray>
            {
                ["deployment"] = JsonNode.Parse("""[{"op": "remove", "path": "/spec/missing"}]""")!.AsArray(),
            },
        });

        var plan = await Integration.ApplyAsync(KubernetesTestContext.Request(outpost), CancellationToken.None);

        Assert.Empty(plan.Errors);
        Assert.Equal(DeploymentActionKind.Create, Assert.Single(plan.Actions).Kind);
    }

    [Theory]
    [InlineData(
        """[{"op": "add", "path": "/metadata/labels/a", "value": "b"}, {"op": "remove", "path": "/metadata/annotations/missing"}]""",
        "JSON patch operation 1 (op 'remove', path '/metadata/annotations/missing') of kubernetes_json_patches.service of outpost 'Patched' failed: For operation 'remove', the target location specified by path '/metadata/annotations/missing' was not found.")]
    [InlineData(
        """[{"op": "test", "path": "/spec/type", "value": "NodePort"}]""",
        "JSON patch operation 0 (op 'test', path '/spec/type') of kubernetes_json_patches.service of outpost 'Patched' failed: The current value 'ClusterIP' at path 'type' is not equal to the test value 'NodePort'.")]
    [InlineData(
        """[{"op": "merge", "path": "/spec"}]""",
        "JSON patch operation 0 (op 'merge', path '/spec') of kubernetes_json_patches.service of outpost 'Patched' is invalid: 'op' must be one of add, remove, replace, move, copy or test.")]
    [InlineData(
        """[{"op": "add", "value": 1}]""",
        "JSON patch operation 0 (op 'add', path '<missing>') of kubernetes_json_patches.service of outpost 'Patched' is invalid: 'path' is missing.")]
    public async Task Plan_FailingJsonPatch_NamesOutpostAndOperation(string operations, string expected)
    {
        var other = Context.Managed("Healthy", Guid.NewGuid());

        var plan = await Integration.PlanAsync(KubernetesTestContext.Request(Patched(operations), other), CancellationToken.None);

        var error = Assert.Single(plan.Errors);
        Assert.Equal("Patched", error.Outpost);
        Assert.Equal(expected, error.Message);
        Assert.Equal("Create Healthy", $"{Assert.Single(plan.Actions).Kind} {plan.Actions[0].Outpost}");
        Assert.Empty(Context.Server.Writes);
    }

    [Fact]
    public async Task Apply_JsonPatchFailsOnlyOnLiveService_ReportsError()
    {
        await Integration.ApplyAsync(KubernetesTestContext.Request(Patched("[]")), CancellationToken.None);
        await Context.Client.CoreV1.PatchNamespacedServiceAsync(
            new V1Patch("""{"metadata":{"labels":{"team":"a"}}}""", V1Patch.PatchType.MergePatch), Name, "default");
        var outpost = Patched("""[{"op": "test", "path": "/metadata/labels/team", "value": "a"}, {"op": "remove", "path": "/metadata/labels/team"}]""");

        var plan = await Integration.ApplyAsync(KubernetesTestContext.Request(outpost), CancellationToken.None);

        Assert.Equal(
            "JSON patch operation 0 (op 'test', path '/metadata/labels/team') of kubernetes_json_patches.service of outpost 'Patched' failed: The target location specified by path segment 'team' was not found.",
            Assert.Single(plan.Errors).Message);
    }

    [Theory]
    [InlineData("""[{"op": "replace", "path": "/metadata/name", "value": "other"}]""")]
    [InlineData("""[{"op": "replace", "path": "/metadata/namespace", "value": "other"}]""")]
    public async Task Plan_JsonPatchMovingService_IsRejected(string operations)
    {
        var plan = await Integration.PlanAsync(KubernetesTestContext.Request(Patched(operations)), CancellationToken.None);

        Assert.Equal(
            "kubernetes_json_patches.service of outpost 'Patched' changes metadata.name or metadata.namespace; set object_naming_template or kubernetes_namespace instead.",
            Assert.Single(plan.Errors).Message);
    }

    [Fact]
    public async Task Plan_JsonPatchWithStringPort_ReportsFix()
    {
        var outpost = Patched("""[{"op": "replace", "path": "/spec/ports/0/port", "value": "9001"}]""");

        var plan = await Integration.PlanAsync(KubernetesTestContext.Request(outpost), CancellationToken.None);

        Assert.Equal(
            "kubernetes_json_patches.service of outpost 'Patched' produces an object that is not a valid v1 Service: the value at $.spec.ports[0].port has the wrong type. Numbers and booleans must be JSON numbers and booleans, and the outposts configuration file delivers every value as a string.",
            Assert.Single(plan.Errors).Message);
    }

    [Fact]
    public async Task Apply_JsonPatchWithUnknownField_CausesNoDrift()
    {
        var outpost = Patched("""[{"op": "add", "path": "/spec/unknownField", "value": "x"}]""");
        await Integration.ApplyAsync(KubernetesTestContext.Request(outpost), CancellationToken.None);

        var second = await Integration.ApplyAsync(KubernetesTestContext.Request(outpost), CancellationToken.None);

        Assert.Empty(second.Errors);
        Assert.Equal(DeploymentActionKind.Unchanged, Assert.Single(second.Actions).Kind);
    }

    private OutpostConfig Patched(string operations) => Context.Managed("Patched", KubernetesTestContext.EmbeddedUuid, new OutpostSettings
    {
        KubernetesJsonPatches = new Dictionary<string, JsonArray>
        {
            ["service"] = JsonNode.Parse(operations)!.AsArray(),
        },
    });
}
