using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Authentik.Plugins.Outposts.Tests;

/// <summary>
/// An HTTP server on 127.0.0.1 that serves the two authentik API endpoints the embedded outpost
/// reads, with authentik's JSON shapes and pagination, and that can fail or stall on request.
/// </summary>
internal sealed class FakeAuthentikBackend : IAsyncDisposable
{
    public const string SecretKey = "test-secret-key-0123456789abcdef";

    private readonly WebApplication _app;

    private FakeAuthentikBackend(WebApplication app)
    {
        _app = app;
    }

    public Uri BaseUrl { get; private set; } = null!;

    public ConcurrentQueue<(string PathAndQuery, string? Authorization, string? UserAgent)> Requests { get; } = new();

    /// <summary>Statuses returned, one per request, before the normal responses resume.</summary>
    public ConcurrentQueue<HttpStatusCode> FailureQueue { get; } = new();

    /// <summary>Delays applied, one per request, before responding.</summary>
    public ConcurrentQueue<TimeSpan> DelayQueue { get; } = new();

    /// <summary>The outpost listed for the secret key, or <see langword="null"/> for an empty list.</summary>
    public JsonObject? Outpost { get; set; } = CreateOutpost();

    public IReadOnlyList<JsonObject> Providers { get; set; } = [];

    public static async Task<FakeAuthentikBackend> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var backend = new FakeAuthentikBackend(app);
        app.Run(backend.HandleAsync);
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        backend.BaseUrl = new Uri(address);
        return backend;
    }

    public static JsonObject CreateOutpost(string refreshInterval = "minutes=5", string authentikHost = "https://auth.example.com") => new()
    {
        ["pk"] = "3c7a2a4e-2f3a-4e0b-9a57-7c4f9a0f1b22",
        ["name"] = "authentik Embedded Outpost",
        ["type"] = "proxy",
        ["providers"] = new JsonArray(1, 2),
        ["service_connection"] = null,
        ["token_identifier"] = "ak-outpost-3c7a2a4e2f3a4e0b9a577c4f9a0f1b22-api",
        ["refresh_interval_s"] = 300,
        ["managed"] = "goauthentik.io/outposts/embedded",
        ["config"] = new JsonObject
        {
            ["log_level"] = "info",
            ["docker_labels"] = null,
            ["authentik_host"] = authentikHost,
            ["docker_network"] = null,
            ["container_image"] = null,
            ["docker_map_ports"] = true,
            ["refresh_interval"] = refreshInterval,
            ["kubernetes_replicas"] = 1,
            ["kubernetes_namespace"] = "authentik",
            ["authentik_host_browser"] = "",
            ["object_naming_template"] = "ak-outpost-%(name)s",
            ["authentik_host_insecure"] = false,
            ["kubernetes_json_patches"] = null,
            ["kubernetes_service_type"] = "ClusterIP",
            ["kubernetes_image_pull_secrets"] = new JsonArray(),
            ["kubernetes_ingress_class_name"] = null,
            ["kubernetes_disabled_components"] = new JsonArray(),
            ["kubernetes_ingress_annotations"] = new JsonObject(),
            ["kubernetes_ingress_secret_name"] = "authentik-outpost-tls",
        },
    };

    public static JsonObject CreateProvider(int pk, string name, string externalHost, string mode = "proxy") => new()
    {
        ["pk"] = pk,
        ["name"] = name,
        ["internal_host"] = mode == "proxy" ? "http://" + name + ":8080" : "",
        ["external_host"] = externalHost,
        ["internal_host_ssl_validation"] = true,
        ["client_id"] = "client-" + name,
        ["client_secret"] = "client-secret-" + name,
        ["oidc_configuration"] = new JsonObject
        {
            ["issuer"] = $"http://0.0.0.0:9000/application/o/{name}/",
            ["authorization_endpoint"] = "http://0.0.0.0:9000/application/o/authorize/",
            ["token_endpoint"] = "http://0.0.0.0:9000/application/o/token/",
            ["userinfo_endpoint"] = "http://0.0.0.0:9000/application/o/userinfo/",
            ["end_session_endpoint"] = $"http://0.0.0.0:9000/application/o/{name}/end-session/",
            ["introspection_endpoint"] = "http://0.0.0.0:9000/application/o/introspect/",
            ["jwks_uri"] = $"http://0.0.0.0:9000/application/o/{name}/jwks/",
            ["response_types_supported"] = new JsonArray("code", "id_token", "id_token token", "code token", "code id_token", "code id_token token"),
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
            ["subject_types_supported"] = new JsonArray("public"),
            ["token_endpoint_auth_methods_supported"] = new JsonArray("client_secret_post", "client_secret_basic"),
        },
        ["cookie_secret"] = "cookie-secret-" + name,
        ["certificate"] = null,
        ["skip_path_regex"] = "",
        ["basic_auth_enabled"] = false,
        ["basic_auth_password_attribute"] = "",
        ["basic_auth_user_attribute"] = "",
        ["mode"] = mode,
        ["cookie_domain"] = "",
        ["access_token_validity"] = 86400.0,
        ["intercept_header_auth"] = true,
        ["scopes_to_request"] = new JsonArray("openid", "profile", "email", "entitlements", "ak_proxy"),
        ["assigned_application_slug"] = name,
        ["assigned_application_name"] = name.ToUpperInvariant(),
    };

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        Requests.Enqueue((request.Path + request.QueryString, request.Headers.Authorization.ToString(), request.Headers.UserAgent.ToString()));

        if (DelayQueue.TryDequeue(out var delay))
        {
            try
            {
                await Task.Delay(delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        if (FailureQueue.TryDequeue(out var failure))
        {
            context.Response.StatusCode = (int)failure;
            await context.Response.WriteAsync("authentik starting...");
            return;
        }

        if (request.Headers.Authorization != "Bearer " + SecretKey)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsJsonAsync(new JsonObject { ["detail"] = "Authentication credentials were not provided." });
            return;
        }

        switch (request.Path.Value)
        {
            case "/api/v3/outposts/instances/":
                await context.Response.WriteAsJsonAsync(Page(Outpost is null ? [] : [Outpost], 1, 20));
                break;
            case "/api/v3/outposts/proxy/":
                var page = int.Parse(request.Query["page"].ToString(), CultureInfo.InvariantCulture);
                var size = int.Parse(request.Query["page_size"].ToString(), CultureInfo.InvariantCulture);
                await context.Response.WriteAsJsonAsync(Page(Providers, page, size));
                break;
            default:
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                break;
        }
    }

    // authentik's pagination object: next and previous are page numbers, 0 when there is none.
    private static JsonObject Page(IReadOnlyList<JsonObject> items, int page, int size)
    {
        var totalPages = Math.Max(1, (items.Count + size - 1) / size);
        var results = new JsonArray(items.Skip((page - 1) * size).Take(size).Select(item => (JsonNode)item.DeepClone()).ToArray());
        return new JsonObject
        {
            ["pagination"] = new JsonObject
            {
                ["next"] = page < totalPages ? page + 1 : 0,
                ["previous"] = page > 1 ? page - 1 : 0,
                ["count"] = items.Count,
                ["current"] = page,
                ["total_pages"] = totalPages,
                ["start_index"] = items.Count == 0 ? 0 : ((page - 1) * size) + 1,
                ["end_index"] = Math.Min(page * size, items.Count),
            },
            ["results"] = results,
        };
    }
}
