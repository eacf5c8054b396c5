namespace Authentik.Plugins.DockerLabels.Tests;

/// <summary>Tests that share one Podman engine and run one after another, because each starts by emptying it.</summary>
[CollectionDefinition(Name)]
public sealed class PodmanEngineDefinition : ICollectionFixture<PodmanEngine>
{
    /// <summary>The collection name.</summary>
    public const string Name = "podman";
}
