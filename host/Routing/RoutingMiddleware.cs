using System.Diagnostics;
using Authentik.Plugins.Outposts;
using Authentik.Plugins.Routing;
using Microsoft.AspNetCore.Http.Features;

namespace Authentik.Plugins.Host.Routing;

/// <summary>
/// Passes each request through the routing stages in order; the first stage that claims it
/// handles it. The provider of the request's host is looked up once, before the first stage.
/// </summary>
internal sealed partial class RoutingMiddleware
{
    private readonly RoutingPipeline _pipeline;
    private readonly IProviderLookup _providers;
    private readonly ILogger<RoutingMiddleware> _logger;

    public RoutingMiddleware(RequestDelegate next, RoutingPipeline pipeline, IProviderLookup providers, ILogger<RoutingMiddleware> logger)
    {
        // Routing is terminal: the core stage claims every request no other stage claimed.
        _ = next;
        _pipeline = pipeline;
        _providers = providers;
        _logger = logger;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var host = context.Features.GetRequiredFeature<IRequestOriginFeature>().Host;
        var request = new RoutingRequest(context, host, host.Length == 0 ? null : _providers.Find(host));

        var stages = _pipeline.Stages;
        for (var index = 0; index < stages.Length; index++)
        {
            if (!Matches(stages[index], request))
            {
                continue;
            }

            try
            {
                await stages[index].HandleAsync(request);
            }
            finally
            {
                _pipeline.Durations[index].Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
            }

            return;
        }
    }

    private bool Matches(IRoutingStage stage, in RoutingRequest request)
    {
        try
        {
            return stage.Matches(in request);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            Log.MatchFailed(_logger, stage.Name, exception);
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1065, LogLevel.Error, "Routing stage '{Stage}' threw while matching a request, so the request went on to the next stage.", EventName = nameof(MatchFailed))]
        public static partial void MatchFailed(ILogger logger, string stage, Exception exception);
    }
}
