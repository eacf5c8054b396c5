using System.Text.Json.Nodes;
using Authentik.Plugins.Deployment;
using Authentik.Plugins.Outposts;
using k8s;
using k8s.Models;

namespace Authentik.Plugins.KubernetesService.Tests;

public sealed class ServicePlanTests(KubernetesTestContext context) : KubernetesIntegrationTests(context)
{
    [Fact]
    public async Task Plan_DefaultEmbeddedOutpost_RendersExpectedYaml()
    {
        var expected = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Expected", "embedded-outpost-service.yaml"));

        var plan = await Integration.PlanAsync(KubernetesTestContext.Request(Context.Embedded()), CancellationToken.None);

        Assert.Empty(plan.Errors);
        var action = Assert.Single(plan.Actions);
        Assert.Equal(DeploymentActionKind.Create, action.Kind);
        Assert.Equal("Service", action.Resource);
        Assert.Equal("kubernetes", plan.Integration);
        Assert.Equal(expected.ReplaceLineEndings("\n"), action.Document!.ReplaceLineEndings("\n"));
        Assert.Equal("authentik-proxy", action.Labels["app.kubernetes.io/name"]);
        Assert.True(plan.HasChanges);
    }

    [Fact]
    public async Task Plan_EveryKind_WritesNothing()
    {
        var unchanged = Context.Managed("Plan Unchanged", Guid.NewGuid());
        var updated = Context.Managed("Plan Updated", Guid.NewGuid());
        var recreated = Context.Managed("Plan Recreated", Guid.NewGuid());
        var removed = Context.Managed("Plan Removed", Guid.NewGuid());
        var created = Context.Managed("Plan Created", Guid.NewGuid());
        await Integration.ApplyAsync(KubernetesTestContext.Request(unchanged, updated, recreated, removed), CancellationToken.None);
        await Context.Client.CoreV1.PatchNamespacedServiceAsync(
            new V1Patch("""{"spec":{"selector":{"app.kubernetes.io/name":"other"}}}""", V1Patch.PatchType.MergePatch), "ak-outpost-plan-updated", "default");
        await Context.Client.CoreV1.PatchNamespacedServiceAsync(
            new V1Patch("""[{"op":"replace","path":"/spec/ports/2/protocol","value":"UDP"}]""", V1Patch.PatchType.JsonPatch), "ak-outpost-plan-recreated", "default");
        Context.Server.ClearRequests();

        var plan = await Integration.PlanAsync(KubernetesTestContext.Request(unchanged, updated, recreated, created), CancellationToken.None);

        Assert.Empty(plan.Errors);
        Assert.Equal(
            [
                "Unchanged default/ak-outpost-plan-unchanged: the Service matches the desired labels, selector, type, ports and JSON patch",
                "Update default/ak-outpost-plan-updated: spec.selector differ from the desired Service",
                "Recreate default/ak-outpost-plan-recreated: ports differ in name, protocol or target port: live [http-metrics/TCP->9300, http/TCP->9000, https/UDP->9443], desired [http-metrics/TCP->9300, http/TCP->9000, https/TCP->9443]",
                "Create default/ak-outpost-plan-created: the Service does not exist",
                $"Remove default/ak-outpost-plan-removed: no outpost with id {removed.Uuid:N} exists any more",
            ],
            plan.Actions.Select(action => $"{action.Kind} {action.ObjectName}: {action.Reason}"));
        Assert.Empty(Context.Server.Writes);
        Assert.Contains("app.kubernetes.io/name: authentik-outpost-proxy", plan.Actions[1].Document, StringComparison.Ordinal);
        Assert.Contains("resourceVersion:", plan.Actions[1].Document, StringComparison.Ordinal);
        Assert.Null(plan.Actions[4].Document);
    }

    [Fact]
    public async Task Plan_OutpostFilter_CoversThatOutpostOnly()
    {
        var target = Context.Managed("Filter Kept", Guid.NewGuid());
        var other = Context.Managed("Filter Other", Guid.NewGuid());
        await Integration.ApplyAsync(KubernetesTestContext.Request(target, other), CancellationToken.None);

        var plan = await Integration.PlanAsync(
            KubernetesTestContext.Request(target) with { OutpostFilter = "Filter Kept" },
            CancellationToken.None);

        Assert.Equal("Unchanged Filter Kept", $"{Assert.Single(plan.Actions).Kind} {plan.Actions[0].Outpost}");
    }

    [Fact]
    public async Task Plan_OutpostWithoutKubernetesConnection_IsIgnored()
    {
        var docker = new OutpostConfig
        {
            Name = "Docker Outpost",
            Uuid = Guid.NewGuid(),
            ServiceConnection = new ServiceConnectionConfig { Name = "local docker", Kind = ServiceConnectionKind.Docker, Local = true },
        };
        var unconnected = new OutpostConfig { Name = "Unconnected", Uuid = Guid.NewGuid() };

        var plan = await Integration.PlanAsync(KubernetesTestContext.Request(docker, unconnected), CancellationToken.None);

        Assert.Empty(plan.Actions);
        Assert.Empty(plan.Errors);
    }

    [Fact]
    public async Task Plan_NonProxyOutpost_IsSkipped()
    {
        var ldap = Context.Managed("Directory", Guid.NewGuid()) with { Type = "ldap" };

        var plan = await Integration.PlanAsync(KubernetesTestContext.Request(ldap) with { OutpostFilter = "Directory" }, CancellationToken.None);

        var action = Assert.Single(plan.Actions);
        Assert.Equal(DeploymentActionKind.Skipped, action.Kind);
        Assert.Equal("outpost type 'ldap' is not supported; only proxy outposts get a Service", action.Reason);
    }

    [Fact]
    public async Task Plan_InvalidNamingTemplate_ReportsOutpostAndFix()
    {
        var outpost = Context.Managed("Bad Template", Guid.NewGuid(), new OutpostSettings { ObjectNamingTemplate = "%(kind)s" });

        var plan = await Integration.PlanAsync(KubernetesTestContext.Request(outpost) with { OutpostFilter = "Bad Template" }, CancellationToken.None);

        Assert.Equal(
            "Outpost 'Bad Template' has an invalid configuration: object_naming_template '%(kind)s' has an unsupported placeholder at position 0; use %(name)s, %(uuid)s or %% for a literal percent sign.",
            Assert.Single(plan.Errors).Message);
    }

    [Fact]
    public void Drift_LivePortsInOtherPropertyOrder_AreEqual()
    {
        var desired = DesiredServiceBuilder.Build(Context.Embedded(), AuthentikCompatibility.Version);
        var live = ServiceDocument.ToJson(desired);
        var ports = live["spec"]!["ports"]!.AsArray();
        var reordered = new JsonArray();
        foreach (var port in ports)
        {
            var item = port!.AsObject();
            reordered.Add(new JsonObject
            {
                ["targetPort"] = item["targetPort"]!.DeepClone(),
                ["protocol"] = item["protocol"]!.DeepClone(),
                ["port"] = item["port"]!.DeepClone(),
                ["name"] = item["name"]!.DeepClone(),
            });
        }

        live["spec"]!["ports"] = reordered;
        var patch = ServiceJsonPatch.For("x", null);

        var drift = ServiceDrift.Compare(ServiceDocument.FromJson(live), desired, desired, patch);

        Assert.Null(drift.RecreateReason);
        Assert.Empty(drift.UpdatedFields);
    }
}
