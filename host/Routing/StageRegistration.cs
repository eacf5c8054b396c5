using Authentik.Plugins.Routing;

namespace Authentik.Plugins.Host.Routing;

/// <summary>A routing stage with where it came from: <c>built-in</c>, <c>host</c> or a plugin folder.</summary>
/// <param name="Stage">The stage.</param>
/// <param name="Source">Where the stage came from, shown by the <c>routes</c> command and in errors.</param>
internal sealed record StageRegistration(IRoutingStage Stage, string Source)
{
    public const string BuiltInSource = "built-in";
    public const string HostSource = "host";
}
