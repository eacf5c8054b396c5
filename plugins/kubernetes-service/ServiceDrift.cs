using System.Globalization;
using System.Text.Json.Nodes;
using k8s.Models;

namespace Authentik.Plugins.KubernetesService;

/// <summary>
/// What separates a live Service from the desired one, and the body of the update that closes the
/// gap. The body is the live object with the desired labels, selector, type and ports laid over it
/// and the JSON patch applied. Fields that the API server or other tools set (cluster IP, node
/// ports, other labels) stay as they are.
/// </summary>
internal sealed class ServiceDrift
{
    /// <summary>Fields named in an update's reason, each with its JSON path.</summary>
    private static readonly (string Name, string[] Path)[] ComparedFields =
    [
        ("metadata.labels", ["metadata", "labels"]),
        ("spec.selector", ["spec", "selector"]),
        ("spec.type", ["spec", "type"]),
        ("spec.ports", ["spec", "ports"]),
    ];

    private ServiceDrift(string? recreateReason, IReadOnlyList<string> updatedFields, V1Service updateBody)
    {
        RecreateReason = recreateReason;
        UpdatedFields = updatedFields;
        UpdateBody = updateBody;
    }

    /// <summary>Why the Service must be deleted and created, or <see langword="null"/>.</summary>
    public string? RecreateReason { get; }

    /// <summary>Fields an update changes, for example <c>spec.selector</c>; empty when the Service matches.</summary>
    public IReadOnlyList<string> UpdatedFields { get; }

    /// <summary>The body of the update (PUT), carrying the live object's <c>resourceVersion</c>.</summary>
    public V1Service UpdateBody { get; }

    /// <summary>Compares <paramref name="live"/> with the desired Service.</summary>
    /// <param name="live">The Service read from the API.</param>
    /// <param name="desired">The desired Service before the JSON patch.</param>
    /// <param name="patchedDesired">The desired Service after the JSON patch.</param>
    /// <param name="patch">The outpost's JSON patch for the Service.</param>
    /// <exception cref="ServiceReconcileException">The JSON patch fails on the live object.</exception>
    public static ServiceDrift Compare(V1Service live, V1Service desired, V1Service patchedDesired, ServiceJsonPatch patch)
    {
        var recreateReason = ComparePortIdentity(live, patchedDesired);

        var current = ServiceDocument.ToWritableJson(live);
        var overlaid = ServiceDocument.ToWritableJson(live);
        Overlay(overlaid, ServiceDocument.ToJson(desired));
        patch.ApplyTo(overlaid);

        // A round trip through the model drops fields it lacks, as the API server does, so such a
        // field in the patch does not count as drift on every run.
        var updateBody = ServiceDocument.FromPatchedJson(overlaid, patch.Outpost);
        var target = ServiceDocument.ToWritableJson(updateBody);

        var updated = new List<string>();
        foreach (var (name, path) in ComparedFields)
        {
            if (!JsonNode.DeepEquals(Select(current, path), Select(target, path)))
            {
                updated.Add(name);
            }
        }

        if (updated.Count == 0 && !JsonNode.DeepEquals(current, target))
        {
            updated.Add("fields set by kubernetes_json_patches.service");
        }

        return new ServiceDrift(recreateReason, updated, updateBody);
    }

    /// <summary>
    /// Returns why the ports cannot be changed in place: the API server identifies a Service port
    /// by name, protocol and target port, so a difference in those means delete and create.
    /// </summary>
    private static string? ComparePortIdentity(V1Service live, V1Service desired)
    {
        var livePorts = DescribePorts(live);
        var desiredPorts = DescribePorts(desired);

        return livePorts.SequenceEqual(desiredPorts, StringComparer.Ordinal)
            ? null
            : $"ports differ in name, protocol or target port: live [{string.Join(", ", livePorts)}], desired [{string.Join(", ", desiredPorts)}]";
    }

    private static List<string> DescribePorts(V1Service service) =>
        [.. (service.Spec?.Ports ?? [])
            .Select(port => string.Create(
                CultureInfo.InvariantCulture,
                $"{port.Name ?? ""}/{port.Protocol ?? ServiceConstants.TcpProtocol}->{port.TargetPort?.Value ?? port.Port.ToString(CultureInfo.InvariantCulture)}"))
            .Order(StringComparer.Ordinal)];

    /// <summary>
    /// Lays the desired labels, selector, type and ports over <paramref name="target"/>. Labels
    /// are merged, so labels of other tools stay. Node ports of same-named ports are kept only for
    /// NodePort and LoadBalancer, because the API server rejects them on a ClusterIP Service.
    /// </summary>
    private static void Overlay(JsonObject target, JsonObject desired)
    {
        var metadata = GetOrAddObject(target, "metadata");
        var labels = GetOrAddObject(metadata, "labels");
        foreach (var (key, value) in desired["metadata"]!["labels"]!.AsObject())
        {
            labels[key] = value?.DeepClone();
        }

        var spec = GetOrAddObject(target, "spec");
        var desiredSpec = desired["spec"]!.AsObject();
        spec["selector"] = desiredSpec["selector"]?.DeepClone();
        spec["type"] = desiredSpec["type"]?.DeepClone();

        var type = desiredSpec["type"]?.GetValue<string>();
        var keepNodePorts = type is "NodePort" or "LoadBalancer";
        var livePorts = spec["ports"] as JsonArray;
        var ports = new JsonArray();
        foreach (var port in desiredSpec["ports"]!.AsArray())
        {
            var copy = port!.DeepClone().AsObject();
            var livePort = livePorts?
                .OfType<JsonObject>()
                .FirstOrDefault(candidate => JsonNode.DeepEquals(candidate["name"], copy["name"]));
            if (keepNodePorts && livePort?["nodePort"] is { } nodePort)
            {
                copy["nodePort"] = nodePort.DeepClone();
            }

            ports.Add(copy);
        }

        spec["ports"] = ports;
    }

    private static JsonObject GetOrAddObject(JsonObject parent, string property)
    {
        if (parent[property] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        parent[property] = created;

        return created;
    }

    private static JsonNode? Select(JsonObject root, string[] path)
    {
        JsonNode? node = root;
        foreach (var segment in path)
        {
            node = node is JsonObject item ? item[segment] : null;
        }

        return node;
    }
}
