using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.JsonPatch.SystemTextJson;
using Microsoft.AspNetCore.JsonPatch.SystemTextJson.Exceptions;
using Microsoft.AspNetCore.JsonPatch.SystemTextJson.Operations;

namespace Authentik.Plugins.KubernetesService;

/// <summary>
/// The RFC 6902 operations of an outpost's <c>kubernetes_json_patches</c> entry for the Service,
/// applied one at a time to a JSON object, so that a failure names the operation that failed.
/// </summary>
internal sealed class ServiceJsonPatch
{
    private static readonly HashSet<string> KnownOperations = new(StringComparer.Ordinal)
    {
        "add", "remove", "replace", "move", "copy", "test",
    };

    private readonly string _outpost;
    private readonly IReadOnlyList<JsonNode?> _operations;

    private ServiceJsonPatch(string outpost, IReadOnlyList<JsonNode?> operations)
    {
        _outpost = outpost;
        _operations = operations;
    }

    /// <summary>Name of the outpost the operations belong to.</summary>
    public string Outpost => _outpost;

    /// <summary>Returns the Service operations of the outpost's <c>kubernetes_json_patches</c>, possibly none.</summary>
    public static ServiceJsonPatch For(string outpost, IReadOnlyDictionary<string, JsonArray>? patches)
    {
        if (patches is null || !patches.TryGetValue(ServiceConstants.Component, out var operations))
        {
            return new ServiceJsonPatch(outpost, []);
        }

        return new ServiceJsonPatch(outpost, [.. operations]);
    }

    /// <summary>Applies every operation, in order, to <paramref name="target"/>.</summary>
    /// <exception cref="ServiceReconcileException">An operation is malformed or fails; the message names the outpost, the operation and its path.</exception>
    public void ApplyTo(JsonObject target)
    {
        ArgumentNullException.ThrowIfNull(target);

        for (var index = 0; index < _operations.Count; index++)
        {
            var node = _operations[index];
            var op = ReadString(node, "op");
            var path = ReadString(node, "path");
            var where = $"JSON patch operation {index} (op '{op ?? "<missing>"}', path '{path ?? "<missing>"}') of kubernetes_json_patches.service of outpost '{_outpost}'";
            if (op is null || !KnownOperations.Contains(op))
            {
                throw new ServiceReconcileException($"{where} is invalid: 'op' must be one of add, remove, replace, move, copy or test.");
            }

            if (path is null)
            {
                throw new ServiceReconcileException($"{where} is invalid: 'path' is missing.");
            }

            Operation operation;
            try
            {
                operation = node.Deserialize<Operation>()!;
            }
            catch (JsonException exception)
            {
                throw new ServiceReconcileException($"{where} is invalid: {exception.Message}", exception);
            }

            var document = new JsonPatchDocument([operation], JsonSerializerOptions.Default);
            try
            {
                document.ApplyTo(target);
            }
            catch (JsonPatchException exception)
            {
                throw new ServiceReconcileException($"{where} failed: {exception.Message}", exception);
            }
        }
    }

    private static string? ReadString(JsonNode? operation, string property) =>
        operation is JsonObject item && item[property] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
