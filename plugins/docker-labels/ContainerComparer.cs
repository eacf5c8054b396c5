using Docker.DotNet.Models;

namespace Authentik.Plugins.DockerLabels;

/// <summary>
/// Finds the fields of an existing container that differ from its <see cref="ContainerSpec"/>.
/// Docker cannot change image, environment, labels, published ports or the restart policy of a
/// container in place, so any difference means the container is recreated.
/// </summary>
internal static class ContainerComparer
{
    /// <summary>Returns one phrase per differing field, such as <c>image</c> or <c>label traefik.enable</c>; empty when the container matches.</summary>
    /// <param name="spec">The desired container.</param>
    /// <param name="container">The engine's inspect result of the existing container.</param>
    /// <param name="imageLabels">Labels the container inherits from its image; these are not reported as extra labels.</param>
    public static List<string> FindDifferences(
        ContainerSpec spec,
        ContainerInspectResponse container,
        IDictionary<string, string>? imageLabels)
    {
        var differences = new List<string>();
        var config = container.Config;

        if (ImageReference.Normalize(config?.Image ?? "") != ImageReference.Normalize(spec.Image))
        {
            differences.Add("image");
        }

        var environment = config?.Env ?? [];
        foreach (var (key, value) in spec.Environment)
        {
            // The value is compared but never named, because AUTHENTIK_TOKEN is a secret.
            if (!environment.Contains($"{key}={value}", StringComparer.Ordinal))
            {
                differences.Add($"environment {key}");
            }
        }

        var labels = config?.Labels ?? new Dictionary<string, string>();
        foreach (var (key, value) in spec.Labels)
        {
            if (!labels.TryGetValue(key, out var actual) || actual != value)
            {
                differences.Add($"label {key}");
            }
        }

        foreach (var key in labels.Keys.Order(StringComparer.Ordinal))
        {
            if (!spec.Labels.ContainsKey(key) && imageLabels?.ContainsKey(key) != true)
            {
                differences.Add($"extra label {key}");
            }
        }

        if (!PublishedPortsMatch(spec, container.HostConfig?.PortBindings))
        {
            differences.Add("published ports");
        }

        if (container.HostConfig?.RestartPolicy?.Name != RestartPolicyKind.UnlessStopped)
        {
            differences.Add("restart policy");
        }

        return differences;
    }

    /// <summary>Returns the port bindings of <paramref name="spec"/>: each port on the same host port, all interfaces.</summary>
    public static Dictionary<string, IList<PortBinding>> CreatePortBindings(ContainerSpec spec) =>
        spec.PublishedPorts.ToDictionary(
            port => port,
            port => (IList<PortBinding>)[new PortBinding { HostPort = port.Split('/')[0] }],
            StringComparer.Ordinal);

    private static bool PublishedPortsMatch(ContainerSpec spec, IDictionary<string, IList<PortBinding>>? bindings)
    {
        var published = (bindings ?? new Dictionary<string, IList<PortBinding>>())
            .Where(binding => binding.Value is { Count: > 0 })
            .ToDictionary(binding => binding.Key, binding => binding.Value, StringComparer.Ordinal);
        if (published.Count != spec.PublishedPorts.Count)
        {
            return false;
        }

        foreach (var port in spec.PublishedPorts)
        {
            var hostPort = port.Split('/')[0];
            if (!published.TryGetValue(port, out var portBindings)
                || !portBindings.All(binding => binding.HostPort == hostPort && IsAnyAddress(binding.HostIP)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAnyAddress(string? address) => string.IsNullOrEmpty(address) || address is "0.0.0.0" or "::";
}
