namespace Authentik.Plugins.Deployment;

/// <summary>One object of one outpost and what happens to it.</summary>
public sealed record DeploymentAction
{
    /// <summary>Name of the outpost the object belongs to.</summary>
    public required string Outpost { get; init; }

    /// <summary>Kind of object, for example <c>container</c> or <c>Service</c>.</summary>
    public required string Resource { get; init; }

    /// <summary>Name of the object on the platform; empty when no object is involved.</summary>
    public required string ObjectName { get; init; }

    /// <summary>What happens to the object.</summary>
    public required DeploymentActionKind Kind { get; init; }

    /// <summary>Why, in one sentence, for example which fields differ.</summary>
    public required string Reason { get; init; }

    /// <summary>Labels of the object as it would be sent; empty when not applicable.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The whole object as it would be sent (YAML or JSON), or <see langword="null"/>.</summary>
    public string? Document { get; init; }
}
