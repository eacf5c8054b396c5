using Authentik.Plugins.Host.Forwarding;
using Authentik.Plugins.Routing;

namespace Authentik.Plugins.Host.Routing;

/// <summary>Every request no earlier stage claimed, forwarded to the authentik backend. Always the last stage.</summary>
internal sealed class CoreStage : IRoutingStage
{
    private readonly BackendForwarder _forwarder;

    public CoreStage(BackendForwarder forwarder)
    {
        _forwarder = forwarder;
    }

    public string Name => RoutingStageNames.Core;

    public string Destination => RoutingDestinations.Core;

    public StagePlacement Placement => StagePlacement.After(RoutingStageNames.ProviderHosts);

    public bool Matches(in RoutingRequest request) => true;

    public Task HandleAsync(RoutingRequest request) => _forwarder.ForwardAsync(request.HttpContext);
}
