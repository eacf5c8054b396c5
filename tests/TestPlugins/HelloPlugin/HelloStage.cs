using System.Runtime.Loader;
using Authentik.Plugins.Routing;
using Microsoft.AspNetCore.Http;
using YamlDotNet.Serialization;

namespace Authentik.Plugins.TestPlugins.Hello;

/// <summary>
/// Claims one path and returns a text that names the configured greeting, the YamlDotNet version
/// this plugin runs with, and the YamlDotNet version the host loaded.
/// </summary>
internal sealed class HelloStage : IRoutingStage
{
    private readonly HelloOptions _options;
    private readonly PathString _path;
    private readonly string _yamlGreeting;

    public HelloStage(HelloOptions options)
    {
        _options = options;
        _path = new PathString(_options.Path);

        // Uses YamlDotNet in the constructor, so the stage fails to start when the dependency is missing.
        _yamlGreeting = new DeserializerBuilder().Build().Deserialize<Dictionary<string, string>>($"greeting: {_options.Greeting}")["greeting"];
    }

    public string Name => _options.Name;

    public string Destination => "hello";

    public StagePlacement Placement => new(_options.Relation, _options.Anchor);

    public bool Matches(in RoutingRequest request) => request.Path.StartsWithSegments(_path, StringComparison.Ordinal);

    public Task HandleAsync(RoutingRequest request)
    {
        var pluginYaml = typeof(DeserializerBuilder).Assembly.GetName().Version;
        var hostYaml = AssemblyLoadContext.Default.Assemblies
            .FirstOrDefault(assembly => assembly.GetName().Name == "YamlDotNet")?.GetName().Version;
        var origin = request.HttpContext.Features.Get<IRequestOriginFeature>();

        request.HttpContext.Response.ContentType = "text/plain";
        return request.HttpContext.Response.WriteAsync(
            $"greeting={_yamlGreeting}\nplugin-yamldotnet={pluginYaml}\nhost-yamldotnet={hostYaml}\nclient={origin?.ClientAddress}\n");
    }
}
