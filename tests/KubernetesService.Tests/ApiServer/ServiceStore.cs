using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Authentik.Plugins.KubernetesService.Tests.ApiServer;

/// <summary>
/// Services of the test API server, with the server-side behaviour the reconciler relies on:
/// defaults and allocated fields on create, <c>resourceVersion</c> checks with 409 on a stale
/// write, immutable cluster IPs, node ports kept across updates, and delete preconditions.
/// </summary>
internal sealed class ServiceStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string Namespace, string Name), JsonObject> _services = [];
    private readonly Dictionary<(string Namespace, string Name), int> _changesAfterRead = [];
    private readonly Dictionary<(string Namespace, string Name), JsonObject> _createdAfterMissingRead = [];
    private long _resourceVersion = 1000;
    private int _nextClusterIp = 10;
    private int _nextNodePort = 30000;

    public JsonObject Get(string namespaceName, string name)
    {
        lock (_lock)
        {
            if (!_services.TryGetValue((namespaceName, name), out var service))
            {
                if (_createdAfterMissingRead.Remove((namespaceName, name), out var racing))
                {
                    // Another client creates the object right after this read, so a create based on it conflicts.
                    StoreCreated(namespaceName, name, racing, "other-client");
                }

                throw ApiStatus.NotFound(name);
            }

            var copy = service.DeepClone().AsObject();
            if (_changesAfterRead.TryGetValue((namespaceName, name), out var remaining) && remaining > 0)
            {
                // Another client writes the object right after this read, so a write based on it is stale.
                _changesAfterRead[(namespaceName, name)] = remaining - 1;
                service["metadata"]!["resourceVersion"] = NextResourceVersion();
            }

            return copy;
        }
    }

    public JsonObject? Find(string namespaceName, string name)
    {
        lock (_lock)
        {
            return _services.TryGetValue((namespaceName, name), out var service) ? service.DeepClone().AsObject() : null;
        }
    }

    /// <summary>Lists the Services of <paramref name="namespaceName"/>, or of every namespace when it is <see langword="null"/>.</summary>
    public JsonObject List(string? namespaceName, LabelSelector selector)
    {
        lock (_lock)
        {
            var items = new JsonArray();
            foreach (var ((itemNamespace, _), service) in _services.OrderBy(entry => entry.Key.Name, StringComparer.Ordinal))
            {
                var labels = service["metadata"]?["labels"]?.Deserialize<Dictionary<string, string>>() ?? [];
                if ((namespaceName is null || itemNamespace == namespaceName) && selector.Matches(labels))
                {
                    items.Add(service.DeepClone());
                }
            }

            return new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "ServiceList",
                ["metadata"] = new JsonObject { ["resourceVersion"] = _resourceVersion.ToString(CultureInfo.InvariantCulture) },
                ["items"] = items,
            };
        }
    }

    public JsonObject Create(string namespaceName, JsonObject body, string? fieldManager)
    {
        var service = Parse(body);
        CheckNamespace(service, namespaceName);
        var name = service.Metadata?.Name ?? "";
        Validate(name, service);

        lock (_lock)
        {
            if (_services.ContainsKey((namespaceName, name)))
            {
                throw ApiStatus.AlreadyExists(name);
            }

            return StoreCreated(namespaceName, name, body, fieldManager);
        }
    }

    public JsonObject Replace(string namespaceName, string name, JsonObject body, string? fieldManager)
    {
        var service = Parse(body);
        CheckNamespace(service, namespaceName);
        if (service.Metadata?.Name != name)
        {
            throw ApiStatus.BadRequest($"the name of the object ({service.Metadata?.Name}) does not match the name on the URL ({name})");
        }

        Validate(name, service);
        lock (_lock)
        {
            var old = _services.GetValueOrDefault((namespaceName, name)) ?? throw ApiStatus.NotFound(name);
            var version = service.Metadata.ResourceVersion;
            if (string.IsNullOrEmpty(version))
            {
                throw ApiStatus.Invalid(name, ["metadata.resourceVersion: Invalid value: 0x0: must be specified for an update"]);
            }

            if (version != old["metadata"]!["resourceVersion"]!.GetValue<string>())
            {
                throw ApiStatus.Conflict(name);
            }

            var stored = body.DeepClone().AsObject();
            var metadata = stored["metadata"]!.AsObject();
            metadata["namespace"] = namespaceName;
            metadata["uid"] = old["metadata"]!["uid"]!.DeepClone();
            metadata["creationTimestamp"] = old["metadata"]!["creationTimestamp"]!.DeepClone();
            metadata["resourceVersion"] = NextResourceVersion();
            SetManager(metadata, fieldManager);
            ApplyDefaults(stored, old);
            Validate(name, Parse(stored));
            _services[(namespaceName, name)] = stored;

            return stored.DeepClone().AsObject();
        }
    }

    public JsonObject Delete(string namespaceName, string name, V1DeleteOptions? options)
    {
        lock (_lock)
        {
            var old = _services.GetValueOrDefault((namespaceName, name)) ?? throw ApiStatus.NotFound(name);
            var uid = old["metadata"]!["uid"]!.GetValue<string>();
            var version = old["metadata"]!["resourceVersion"]!.GetValue<string>();
            if (options?.Preconditions?.Uid is { } expectedUid && expectedUid != uid)
            {
                throw new ApiStatus(System.Net.HttpStatusCode.Conflict, "Conflict", $"Precondition failed: UID in precondition: {expectedUid}, UID in object meta: {uid}");
            }

            if (options?.Preconditions?.ResourceVersion is { } expectedVersion && expectedVersion != version)
            {
                throw new ApiStatus(System.Net.HttpStatusCode.Conflict, "Conflict", $"Precondition failed: ResourceVersion in precondition: {expectedVersion}, ResourceVersion in object meta: {version}");
            }

            _services.Remove((namespaceName, name));

            return old;
        }
    }

    /// <summary>Makes the next read of the missing Service be followed by a create of another client, with <paramref name="service"/> as its body.</summary>
    public void CreateAfterMissingRead(string namespaceName, string name, JsonObject service)
    {
        lock (_lock)
        {
            _createdAfterMissingRead[(namespaceName, name)] = service;
        }
    }

    /// <summary>Makes the next <paramref name="reads"/> reads of the Service be followed by a write of another client.</summary>
    public void ChangeAfterReads(string namespaceName, string name, int reads)
    {
        lock (_lock)
        {
            _changesAfterRead[(namespaceName, name)] = reads;
        }
    }

    private JsonObject StoreCreated(string namespaceName, string name, JsonObject body, string? fieldManager)
    {
        var stored = body.DeepClone().AsObject();
        var metadata = stored["metadata"]!.AsObject();
        metadata["namespace"] = namespaceName;
        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = "2026-01-01T00:00:00Z";
        metadata["resourceVersion"] = NextResourceVersion();
        SetManager(metadata, fieldManager);
        ApplyDefaults(stored, null);
        _services[(namespaceName, name)] = stored;

        return stored.DeepClone().AsObject();
    }

    private static V1Service Parse(JsonObject body)
    {
        V1Service service;
        try
        {
            service = KubernetesJson.Deserialize<V1Service>(body.ToJsonString());
        }
        catch (JsonException exception)
        {
            throw ApiStatus.BadRequest($"the body of the request was in an unknown format: {exception.Message}");
        }

        if (service.ApiVersion != "v1" || service.Kind != "Service")
        {
            throw ApiStatus.BadRequest($"the API version in the data ({service.ApiVersion}) or kind ({service.Kind}) does not match the expected v1 Service");
        }

        return service;
    }

    private static void CheckNamespace(V1Service service, string namespaceName)
    {
        var bodyNamespace = service.Metadata?.NamespaceProperty;
        if (!string.IsNullOrEmpty(bodyNamespace) && bodyNamespace != namespaceName)
        {
            throw ApiStatus.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
    }

    private static void Validate(string name, V1Service service)
    {
        var problems = ServiceValidator.Validate(service);
        if (problems.Count > 0)
        {
            throw ApiStatus.Invalid(name, problems);
        }
    }

    private static void SetManager(JsonObject metadata, string? fieldManager)
    {
        metadata["managedFields"] = new JsonArray(new JsonObject
        {
            ["manager"] = fieldManager ?? "unknown",
            ["operation"] = "Update",
            ["apiVersion"] = "v1",
        });
    }

    /// <summary>Fills the fields the API server defaults or allocates, keeping allocated values of <paramref name="old"/>.</summary>
    private void ApplyDefaults(JsonObject service, JsonObject? old)
    {
        var spec = service["spec"]!.AsObject();
        var oldSpec = old?["spec"]?.AsObject();
        var type = spec["type"]?.GetValue<string>() ?? "ClusterIP";
        spec["type"] = type;
        spec["sessionAffinity"] ??= "None";
        spec["internalTrafficPolicy"] ??= "Cluster";
        spec["ipFamilies"] ??= new JsonArray("IPv4");
        spec["ipFamilyPolicy"] ??= "SingleStack";

        var oldClusterIp = oldSpec?["clusterIP"]?.GetValue<string>();
        var clusterIp = spec["clusterIP"]?.GetValue<string>();
        if (oldClusterIp is not null && clusterIp is not null && clusterIp != oldClusterIp)
        {
            throw ApiStatus.Invalid(service["metadata"]!["name"]!.GetValue<string>(), [$"spec.clusterIPs[0]: Invalid value: []string{{\"{clusterIp}\"}}: may not change once set"]);
        }

        clusterIp ??= oldClusterIp ?? $"10.96.0.{_nextClusterIp++}";
        spec["clusterIP"] = clusterIp;
        spec["clusterIPs"] = new JsonArray(clusterIp);

        var usesNodePorts = type is "NodePort" or "LoadBalancer";
        if (usesNodePorts)
        {
            spec["externalTrafficPolicy"] ??= "Cluster";
        }

        foreach (var port in spec["ports"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            port["protocol"] ??= "TCP";
            port["targetPort"] ??= port["port"]!.DeepClone();
            if (usesNodePorts && port["nodePort"] is null)
            {
                var oldPort = oldSpec?["ports"]?.AsArray().OfType<JsonObject>()
                    .FirstOrDefault(candidate => JsonNode.DeepEquals(candidate["name"], port["name"]));
                port["nodePort"] = oldPort?["nodePort"]?.DeepClone() ?? _nextNodePort++;
            }
        }

        service["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() };
    }

    private string NextResourceVersion() => (++_resourceVersion).ToString(CultureInfo.InvariantCulture);
}
