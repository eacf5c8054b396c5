using Authentik.Plugins.Host.Forwarding;
using Authentik.Plugins.Routing;

namespace Authentik.Plugins.Host.Routing;

/// <summary>
/// The embedded outpost while none is installed: responds like authentik before its outpost has
/// started, with 502 and <c>failed to connect to authentik backend: proxy not running</c>.
/// </summary>
internal sealed class NotRunningEmbeddedOutpost : IEmbeddedOutpost
{
    public Task HandleAsync(RoutingRequest request) =>
        BackendErrorResponse.WriteAsync(request.HttpContext, StatusCodes.Status502BadGateway, "proxy not running");
}
