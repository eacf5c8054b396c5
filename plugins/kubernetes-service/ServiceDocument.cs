using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Authentik.Plugins.KubernetesService;

/// <summary>Conversions of a Service between the client model, its JSON form and YAML.</summary>
internal static class ServiceDocument
{
    /// <summary>Returns the Service as a JSON object, serialized the way the client sends it.</summary>
    public static JsonObject ToJson(V1Service service) =>
        JsonNode.Parse(KubernetesJson.Serialize(service))!.AsObject();

    /// <summary>Reads a Service from its JSON form.</summary>
    public static V1Service FromJson(JsonObject json) =>
        KubernetesJson.Deserialize<V1Service>(json.ToJsonString());

    /// <summary>
    /// Reads the Service that an outpost's JSON patch produced. Fields the v1 model lacks are
    /// dropped, as the API server drops them.
    /// </summary>
    /// <exception cref="ServiceReconcileException">The patched object does not fit the v1 Service model.</exception>
    public static V1Service FromPatchedJson(JsonObject json, string outpost)
    {
        try
        {
            return FromJson(json);
        }
        catch (JsonException exception)
        {
            throw new ServiceReconcileException(
                $"kubernetes_json_patches.service of outpost '{outpost}' produces an object that is not a valid v1 Service: the value at {exception.Path ?? "$"} has the wrong type. Numbers and booleans must be JSON numbers and booleans, and the outposts configuration file delivers every value as a string.",
                exception);
        }
    }

    /// <summary>Renders the Service as YAML, ending in a line break so that it can be printed or saved as it is.</summary>
    public static string ToYaml(V1Service service)
    {
        var yaml = KubernetesYaml.Serialize(service);

        return yaml.EndsWith('\n') ? yaml : yaml + "\n";
    }

    /// <summary>
    /// Returns the JSON of a Service read from the API without <c>status</c> and
    /// <c>metadata.managedFields</c>, which the API server maintains itself and keeps on an update.
    /// </summary>
    public static JsonObject ToWritableJson(V1Service service)
    {
        var json = ToJson(service);
        json.Remove("status");
        if (json["metadata"] is JsonObject metadata)
        {
            metadata.Remove("managedFields");
        }

        return json;
    }
}
