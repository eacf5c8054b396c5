using System.Collections.Concurrent;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.JsonPatch.SystemTextJson;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Authentik.Plugins.KubernetesService.Tests.ApiServer;

/// <summary>
/// A Kubernetes API server for v1 Services only, on 127.0.0.1 and a free port: GET (one or a list
/// with <c>labelSelector</c>), POST, PUT, PATCH (JSON patch and merge patch) and DELETE under
/// <c>/api/v1/namespaces/{namespace}/services</c>. Every request body is read into the client's
/// own <see cref="V1Service"/> model and checked the way the real API server checks it.
/// </summary>
internal sealed class ServiceApiServer : IAsyncDisposable
{
    public const string Token = "test-service-account-token";

    private const string JsonPatchType = "application/json-patch+json";
    private const string MergePatchType = "application/merge-patch+json";

    // The API server writes quotes and backticks in messages as they are, not as \u escapes.
    private static readonly JsonSerializerOptions ResponseJsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly ConcurrentDictionary<string, bool> _forbiddenNamespaces = new(StringComparer.Ordinal);

    private ServiceApiServer(WebApplication app)
    {
        _app = app;
    }

    public ServiceStore Store { get; } = new();

    public Uri Address { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    /// <summary>Writes, that is every request other than GET, in the order they arrived.</summary>
    public IReadOnlyList<RecordedRequest> Writes => [.. _requests.Where(request => request.Method != HttpMethods.Get)];

    public static async Task<ServiceApiServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));

        var app = builder.Build();
        var server = new ServiceApiServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.Address = new Uri(address);

        return server;
    }

    /// <summary>Makes every request for <paramref name="namespaceName"/> fail with 403, as missing RBAC rights do.</summary>
    public void ForbidNamespace(string namespaceName) => _forbiddenNamespaces[namespaceName] = true;

    public void ClearRequests() => _requests.Clear();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        try
        {
            var (status, body) = await DispatchAsync(context);
            await WriteAsync(context.Response, status, body);
        }
        catch (ApiStatus status)
        {
            await WriteAsync(context.Response, status.Code, status.ToJson());
        }

        _requests.Enqueue(new RecordedRequest(
            request.Method,
            request.Path.Value ?? "",
            request.QueryString.Value ?? "",
            request.ContentType,
            (HttpStatusCode)context.Response.StatusCode));
    }

    private async Task<(HttpStatusCode Status, JsonObject Body)> DispatchAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Headers.Authorization.ToString() != $"Bearer {Token}")
        {
            throw new ApiStatus(HttpStatusCode.Unauthorized, "Unauthorized", "Unauthorized");
        }

        if (request.Method == HttpMethods.Get && request.Path == "/api/v1/services")
        {
            return (HttpStatusCode.OK, Store.List(null, LabelSelector.Parse(request.Query["labelSelector"].FirstOrDefault())));
        }

        // /api/v1/namespaces/{namespace}/services[/{name}]
        var segments = (request.Path.Value ?? "").Trim('/').Split('/');
        if (segments.Length is < 5 or > 6 || segments[0] != "api" || segments[1] != "v1" || segments[2] != "namespaces" || segments[4] != "services")
        {
            throw new ApiStatus(HttpStatusCode.NotFound, "NotFound", "the server could not find the requested resource");
        }

        var namespaceName = segments[3];
        var name = segments.Length == 6 ? segments[5] : null;
        if (_forbiddenNamespaces.ContainsKey(namespaceName))
        {
            throw new ApiStatus(HttpStatusCode.Forbidden, "Forbidden", $"services is forbidden: User \"system:serviceaccount:authentik:authentik\" cannot {request.Method.ToLowerInvariant()} resource \"services\" in API group \"\" in the namespace \"{namespaceName}\"");
        }

        var fieldManager = request.Query["fieldManager"].FirstOrDefault();
        return (request.Method, name) switch
        {
            ("GET", null) => (HttpStatusCode.OK, Store.List(namespaceName, LabelSelector.Parse(request.Query["labelSelector"].FirstOrDefault()))),
            ("GET", { } item) => (HttpStatusCode.OK, Store.Get(namespaceName, item)),
            ("POST", null) => (HttpStatusCode.Created, Store.Create(namespaceName, await ReadObjectAsync(request), fieldManager)),
            ("PUT", { } item) => (HttpStatusCode.OK, Store.Replace(namespaceName, item, await ReadObjectAsync(request), fieldManager)),
            ("PATCH", { } item) => (HttpStatusCode.OK, Store.Replace(namespaceName, item, await PatchAsync(request, namespaceName, item), fieldManager)),
            ("DELETE", { } item) => (HttpStatusCode.OK, Store.Delete(namespaceName, item, await ReadDeleteOptionsAsync(request))),
            _ => throw new ApiStatus(HttpStatusCode.MethodNotAllowed, "MethodNotAllowed", "the server does not allow this method on the requested resource"),
        };
    }

    private async Task<JsonObject> PatchAsync(HttpRequest request, string namespaceName, string name)
    {
        var current = Store.Find(namespaceName, name) ?? throw ApiStatus.NotFound(name);
        var body = await ReadBodyAsync(request);
        var contentType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value : null;
        switch (contentType)
        {
            case JsonPatchType:
                try
                {
                    JsonSerializer.Deserialize<JsonPatchDocument>(body)!.ApplyTo(current);
                }
                catch (Exception exception) when (exception is JsonException or Microsoft.AspNetCore.JsonPatch.SystemTextJson.Exceptions.JsonPatchException)
                {
                    throw new ApiStatus(HttpStatusCode.UnprocessableEntity, "Invalid", $"the server rejected our request due to an error in our request: {exception.Message}");
                }

                return current;
            case MergePatchType:
                var patch = ParseObject(body);
                MergePatch(current, patch);

                // A merge patch without resourceVersion applies to the latest version, as on the real API server.
                if (patch["metadata"]?["resourceVersion"] is null)
                {
                    current["metadata"]!["resourceVersion"] = Store.Find(namespaceName, name)!["metadata"]!["resourceVersion"]!.DeepClone();
                }

                return current;
            default:
                throw new ApiStatus(HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: {JsonPatchType}, {MergePatchType}");
        }
    }

    /// <summary>RFC 7386: objects merge member by member, <c>null</c> removes a member, anything else replaces.</summary>
    private static void MergePatch(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is null)
            {
                target.Remove(key);
            }
            else if (value is JsonObject patchObject && target[key] is JsonObject targetObject)
            {
                MergePatch(targetObject, patchObject);
            }
            else
            {
                target[key] = value.DeepClone();
            }
        }
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpRequest request) => ParseObject(await ReadBodyAsync(request));

    private static async Task<V1DeleteOptions?> ReadDeleteOptionsAsync(HttpRequest request)
    {
        var body = await ReadBodyAsync(request);
        if (body.Length == 0)
        {
            return null;
        }

        try
        {
            return KubernetesJson.Deserialize<V1DeleteOptions>(body);
        }
        catch (JsonException exception)
        {
            throw ApiStatus.BadRequest($"the body of the request was in an unknown format: {exception.Message}");
        }
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);

        return await reader.ReadToEndAsync();
    }

    private static JsonObject ParseObject(string body)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject ?? throw ApiStatus.BadRequest("the body of the request is not a JSON object");
        }
        catch (JsonException exception)
        {
            throw ApiStatus.BadRequest($"the body of the request was in an unknown format: {exception.Message}");
        }
    }

    private static async Task WriteAsync(HttpResponse response, HttpStatusCode status, JsonObject body)
    {
        response.StatusCode = (int)status;
        response.ContentType = "application/json";
        await response.WriteAsync(body.ToJsonString(ResponseJsonOptions));
    }
}
