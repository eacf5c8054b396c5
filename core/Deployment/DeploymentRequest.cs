using Authentik.Plugins.Outposts;

namespace Authentik.Plugins.Deployment;

/// <summary>Input of a plan or apply run.</summary>
public sealed record DeploymentRequest
{
    /// <summary>
    /// Every outpost the host knows. Objects of outposts missing from this list are removed, so
    /// the list is complete even when <see cref="OutpostFilter"/> is set.
    /// </summary>
    public required IReadOnlyList<OutpostConfig> Outposts { get; init; }

    /// <summary>Name of the one outpost to plan or apply, or <see langword="null"/> for all.</summary>
    public string? OutpostFilter { get; init; }

    /// <summary>authentik version the host reports; used in image tags and version labels.</summary>
    public required string AuthentikVersion { get; init; }

    /// <summary>Returns whether the run covers <paramref name="outpost"/>.</summary>
    /// <param name="outpost">An outpost of <see cref="Outposts"/>.</param>
    public bool Includes(OutpostConfig outpost)
    {
        ArgumentNullException.ThrowIfNull(outpost);

        return OutpostFilter is null || string.Equals(outpost.Name, OutpostFilter, StringComparison.Ordinal);
    }
}
