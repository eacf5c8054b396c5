using System.Text.Encodings.Web;
using System.Text.Json;
using Authentik.Plugins.Outposts;
using Authentik.Plugins.Routing;

namespace Authentik.Plugins.Host.Routing;

/// <summary>
/// Paths under <c>/outpost.goauthentik.io</c>: <c>/ping</c> returns 204 on any host, a host of a
/// provider goes to the embedded outpost, and any other host gets authentik's 400
/// <c>no app for hostname</c> JSON body. The forward-auth endpoints under <c>/auth/</c> go to the
/// outpost on any host, because the outpost finds their provider from the original URL that the
/// calling proxy sends; Traefik and Envoy call them on the outpost's own host.
/// </summary>
internal sealed class OutpostPathsStage : IRoutingStage
{
    private static readonly PathString PathPrefix = new(OutpostConstants.PathPrefix);
    private static readonly PathString PingPath = new(OutpostConstants.PathPrefix + "/ping");
    private static readonly PathString ForwardAuthPath = new(OutpostConstants.PathPrefix + "/auth");

    // authentik writes this body with Go's JSON encoder indented by one tab, which leaves quotes unescaped.
    private static readonly JsonSerializerOptions ErrorJsonOptions = new()
    {
        WriteIndented = true,
        IndentCharacter = '\t',
        IndentSize = 1,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly IEmbeddedOutpost _outpost;

    public OutpostPathsStage(IEmbeddedOutpost outpost)
    {
        _outpost = outpost;
    }

    public string Name => RoutingStageNames.OutpostPaths;

    public string Destination => RoutingDestinations.EmbeddedOutpost;

    public StagePlacement Placement => StagePlacement.Before(RoutingStageNames.ProviderHosts);

    public bool Matches(in RoutingRequest request) =>
        request.Path.StartsWithSegments(PathPrefix, StringComparison.Ordinal);

    public Task HandleAsync(RoutingRequest request)
    {
        if (request.Path.StartsWithSegments(PingPath, StringComparison.Ordinal))
        {
            request.HttpContext.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }

        // NOTE: authentik also serves /outpost.goauthentik.io/static on any host; here a host that
        // matches no provider gets the 400 below for it too.
        if (request.Match is not null || request.Path.StartsWithSegments(ForwardAuthPath, StringComparison.Ordinal))
        {
            return _outpost.HandleAsync(request);
        }

        return WriteNoAppForHostnameAsync(request.HttpContext.Response, request.Host);
    }

    private static async Task WriteNoAppForHostnameAsync(HttpResponse response, string host)
    {
        var body = new NoAppForHostnameError(
            "no app for hostname",
            host,
            $"Check the outpost settings and make sure '{host}' is included.");

        response.StatusCode = StatusCodes.Status400BadRequest;
        response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(response.Body, body, ErrorJsonOptions, response.HttpContext.RequestAborted);
        await response.WriteAsync("\n", response.HttpContext.RequestAborted);
    }

    private sealed record NoAppForHostnameError(string Message, string Host, string Detail);
}
