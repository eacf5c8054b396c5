using System.Text.Encodings.Web;
using System.Text.Json;
using Authentik.Plugins.Outposts;
using Authentik.Plugins.Routing;

namespace Authentik.Plugins.Host.Routing;

/// <summary>
/// Paths under <c>/outpost.goauthentik.io</c>: <c>/ping</c> returns 204 on any host, a host of a
/// provider goes to the embedded outpost, and any other host gets authentik's 400
/// <c>no app for hostname</c> JSON body.
/// </summary>
internal sealed class OutpostPathsStage : IRoutingStage
{
    private static readonly PathString PathPrefix = new(OutpostConstants.PathPrefix);
    private static readonly PathString PingPath = new(OutpostConstants.PathPrefix + "/ping");

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

        if (request.Match is not null)
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
