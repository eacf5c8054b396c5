using System.Net;
using System.Text.Json.Nodes;

namespace Authentik.Plugins.KubernetesService.Tests.ApiServer;

/// <summary>A failed API call: the HTTP status and the <c>Status</c> object the Kubernetes API returns with it.</summary>
internal sealed class ApiStatus : Exception
{
    public ApiStatus(HttpStatusCode code, string reason, string message)
        : base(message)
    {
        Code = code;
        Reason = reason;
    }

    public HttpStatusCode Code { get; }

    public string Reason { get; }

    public static ApiStatus NotFound(string name) =>
        new(HttpStatusCode.NotFound, "NotFound", $"services \"{name}\" not found");

    public static ApiStatus Conflict(string name) =>
        new(HttpStatusCode.Conflict, "Conflict", $"Operation cannot be fulfilled on services \"{name}\": the object has been modified; please apply your changes to the latest version and try again");

    public static ApiStatus AlreadyExists(string name) =>
        new(HttpStatusCode.Conflict, "AlreadyExists", $"services \"{name}\" already exists");

    public static ApiStatus BadRequest(string message) =>
        new(HttpStatusCode.BadRequest, "BadRequest", message);

    /// <summary>422 with the API server's wording: <c>Service "name" is invalid: field: problem</c>, problems joined by <c>, </c>.</summary>
    public static ApiStatus Invalid(string name, IReadOnlyList<string> problems) =>
        new(HttpStatusCode.UnprocessableEntity, "Invalid", $"Service \"{name}\" is invalid: {string.Join(", ", problems)}");

    public JsonObject ToJson() => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Failure",
        ["message"] = Message,
        ["reason"] = Reason,
        ["code"] = (int)Code,
    };
}
