using Authentik.Plugins.Routing;

namespace Authentik.Plugins.TestPlugins.Throwing;

/// <summary>A stage whose constructor throws, as a plugin with a broken start-up would.</summary>
public sealed class ThrowingStage : IRoutingStage
{
    public ThrowingStage()
    {
        throw new InvalidOperationException("The throwing stage cannot start.");
    }

    public string Name => "throwing";

    public string Destination => "throwing";

    public StagePlacement Placement => StagePlacement.Before(RoutingStageNames.Core);

    public bool Matches(in RoutingRequest request) => true;

    public Task HandleAsync(RoutingRequest request) => Task.CompletedTask;
}
