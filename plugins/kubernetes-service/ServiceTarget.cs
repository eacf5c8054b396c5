using Authentik.Plugins.Deployment;
using Authentik.Plugins.Outposts;
using k8s.Models;

namespace Authentik.Plugins.KubernetesService;

/// <summary>The desired Service of one outpost, before and after its JSON patch, and where it lives.</summary>
internal sealed class ServiceTarget
{
    private ServiceTarget(string outpost, V1Service desired, V1Service patched, ServiceJsonPatch patch)
    {
        Outpost = outpost;
        Desired = desired;
        Patched = patched;
        Patch = patch;
    }

    public string Outpost { get; }

    /// <summary>The Service as built, before <c>kubernetes_json_patches.service</c>.</summary>
    public V1Service Desired { get; }

    /// <summary>The Service as created: <see cref="Desired"/> with the JSON patch applied.</summary>
    public V1Service Patched { get; }

    public ServiceJsonPatch Patch { get; }

    /// <summary>Name the API calls use, which the JSON patch may not change.</summary>
    public string Name => Desired.Metadata.Name;

    public string Namespace => Desired.Metadata.NamespaceProperty;

    /// <summary>Builds the desired Service of <paramref name="outpost"/> and applies its JSON patch.</summary>
    /// <exception cref="ServiceReconcileException">The naming template or the JSON patch is invalid.</exception>
    public static ServiceTarget Build(OutpostConfig outpost, string authentikVersion)
    {
        V1Service desired;
        try
        {
            desired = DesiredServiceBuilder.Build(outpost, authentikVersion);
        }
        catch (FormatException exception)
        {
            throw new ServiceReconcileException($"Outpost '{outpost.Name}' has an invalid configuration: {exception.Message}", exception);
        }

        var patch = ServiceJsonPatch.For(outpost.Name, outpost.Settings.KubernetesJsonPatches);
        var patchedJson = ServiceDocument.ToJson(desired);
        patch.ApplyTo(patchedJson);

        var patched = ServiceDocument.FromPatchedJson(patchedJson, outpost.Name);

        // The API calls address the Service by the built name and namespace, so a patch that moved
        // it would create a new Service on every run.
        if (patched.Metadata?.Name != desired.Metadata.Name || patched.Metadata?.NamespaceProperty != desired.Metadata.NamespaceProperty)
        {
            throw new ServiceReconcileException(
                $"kubernetes_json_patches.service of outpost '{outpost.Name}' changes metadata.name or metadata.namespace; set object_naming_template or kubernetes_namespace instead.");
        }

        return new ServiceTarget(outpost.Name, desired, patched, patch);
    }

    /// <summary>Returns the action for this Service, with <paramref name="document"/> rendered as YAML.</summary>
    public DeploymentAction ToAction(DeploymentActionKind kind, string reason, V1Service document) => new()
    {
        Outpost = Outpost,
        Resource = ServiceConstants.Resource,
        ObjectName = $"{Namespace}/{Name}",
        Kind = kind,
        Reason = reason,
        Labels = new Dictionary<string, string>(document.Metadata?.Labels ?? new Dictionary<string, string>(), StringComparer.Ordinal),
        Document = ServiceDocument.ToYaml(document),
    };
}
