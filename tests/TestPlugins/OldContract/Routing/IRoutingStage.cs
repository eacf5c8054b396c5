using Microsoft.AspNetCore.Http;

namespace Authentik.Plugins.Routing;

/// <summary>The routing-stage contract as it was before <c>Destination</c> existed.</summary>
public interface IRoutingStage
{
    string Name { get; }

    bool Matches(HttpContext context);

    Task HandleAsync(HttpContext context);
}
