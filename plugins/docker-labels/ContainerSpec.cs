namespace Authentik.Plugins.DockerLabels;

/// <summary>The container one outpost needs, as it is sent to the engine.</summary>
internal sealed record ContainerSpec
{
    /// <summary>Environment variable that carries the outpost's API token.</summary>
    public const string TokenVariable = "AUTHENTIK_TOKEN";

    /// <summary>Restart policy authentik gives outpost containers.</summary>
    public const string RestartPolicy = "unless-stopped";

    /// <summary>Name of the outpost.</summary>
    public required string Outpost { get; init; }

    /// <summary>Outpost id in hex, the value of the outpost-uuid label.</summary>
    public required string OutpostUuid { get; init; }

    /// <summary>Container name.</summary>
    public required string Name { get; init; }

    /// <summary>Image reference.</summary>
    public required string Image { get; init; }

    /// <summary>Environment variables, in the order they are sent.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Environment { get; init; }

    /// <summary>Labels after authentik's merge, in insertion order.</summary>
    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    /// <summary>Docker network, or <see langword="null"/> for the engine's default.</summary>
    public string? Network { get; init; }

    /// <summary>Container ports published on the same host port, such as <c>9000/tcp</c>; empty when port mapping is off.</summary>
    public required IReadOnlyList<string> PublishedPorts { get; init; }

    /// <summary>Remarks on the desired state for the plan, such as why Traefik routing is off.</summary>
    public IReadOnlyList<string> Remarks { get; init; } = [];

    /// <summary>Returns the environment as <c>KEY=value</c> entries, with the token replaced by a mask when <paramref name="maskToken"/> is set.</summary>
    public IEnumerable<string> FormatEnvironment(bool maskToken) =>
        Environment.Select(variable => maskToken && variable.Key == TokenVariable
            ? $"{variable.Key}=********"
            : $"{variable.Key}={variable.Value}");
}
