using Microsoft.AspNetCore.Http;

namespace Authentik.Plugins.Routing;

/// <summary>
/// One step of the host's routing pipeline. The host asks each stage in order whether it claims a
/// request; the first stage that claims it handles it, and no later stage sees it.
/// </summary>
/// <remarks>
/// <see cref="Matches"/> runs for every request that reaches the stage, so it must not allocate,
/// block or throw. <see cref="HandleAsync"/> runs only for claimed requests.
/// Implementations are registered as singletons.
/// </remarks>
public interface IRoutingStage
{
    /// <summary>
    /// Unique stage name, compared case-insensitively. Other stages use it as an anchor in their
    /// <see cref="StagePlacement"/>.
    /// </summary>
    string Name { get; }

    /// <summary>
    /// Value of the <c>dest</c> label of the request-duration metric for requests this stage
    /// handles. Several stages may share one destination.
    /// </summary>
    string Destination { get; }

    /// <summary>Position of this stage relative to another stage.</summary>
    StagePlacement Placement { get; }

    /// <summary>Returns whether this stage claims the request.</summary>
    /// <param name="request">The request and the routing facts the host resolved for it.</param>
    bool Matches(in RoutingRequest request);

    /// <summary>Writes the response for a request that <see cref="Matches"/> claimed.</summary>
    /// <param name="request">The request and the routing facts the host resolved for it.</param>
    Task HandleAsync(RoutingRequest request);
}
