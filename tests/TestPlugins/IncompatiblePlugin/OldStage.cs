using Authentik.Plugins.Routing;
using Microsoft.AspNetCore.Http;

namespace Authentik.Plugins.TestPlugins.Incompatible;

/// <summary>A stage built against the older contract; the host's contract has members it does not implement.</summary>
public sealed class OldStage : IRoutingStage
{
    public string Name => "old";

    public bool Matches(HttpContext context) => true;

    public Task HandleAsync(HttpContext context) => Task.CompletedTask;
}
