using Authentik.Plugins.Routing;

namespace Authentik.Plugins.TestPlugins.Hello;

/// <summary>The plugin's configuration section; name and placement are settable so tests can provoke ordering errors.</summary>
public sealed class HelloOptions
{
    public string Greeting { get; set; } = "hello";

    public string Name { get; set; } = "hello";

    public string Path { get; set; } = "/hello-plugin";

    public StageRelation Relation { get; set; } = StageRelation.Before;

    public string Anchor { get; set; } = RoutingStageNames.Core;
}
