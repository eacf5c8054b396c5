using Authentik.Plugins.Outposts;

namespace Authentik.Plugins.DockerLabels;

/// <summary>Works out the container of a managed outpost the way authentik's Docker controller does.</summary>
internal static class ContainerSpecBuilder
{
    /// <summary>Image of a proxy outpost when <c>container_image</c> is not set; the tag is the authentik version.</summary>
    public const string DefaultImageRepository = "ghcr.io/goauthentik/proxy";

    private const string HostNetwork = "host";

    private const string NoneNetwork = "none";

    private static readonly string[] ProxyPorts = ["9000/tcp", "9443/tcp"];

    /// <summary>
    /// Builds the container of <paramref name="outpost"/>, or returns <see langword="null"/> and adds
    /// every problem of its configuration to <paramref name="problems"/>.
    /// </summary>
    /// <param name="outpost">A non-embedded outpost with a Docker service connection.</param>
    /// <param name="authentikVersion">Tag of the default image.</param>
    /// <param name="problems">Receives one message per invalid value, each naming the key.</param>
    public static ContainerSpec? Build(OutpostConfig outpost, string authentikVersion, List<string> problems)
    {
        var problemCount = problems.Count;
        var settings = outpost.Settings;

        string? name = null;
        try
        {
            name = ObjectNaming.FormatName(outpost);
            if (!IsValidContainerName(name))
            {
                problems.Add($"object_naming_template '{settings.ObjectNamingTemplate}' gives the container name '{name}', which Docker rejects; a name starts with a letter or digit and contains only letters, digits, '_', '.' and '-'.");
            }
        }
        catch (FormatException exception)
        {
            problems.Add(exception.Message);
        }

        if (string.IsNullOrEmpty(outpost.Token))
        {
            problems.Add("The outpost has no API token; set its 'token' key to the token authentik created for this outpost, which the container receives as AUTHENTIK_TOKEN.");
        }

        if (string.IsNullOrWhiteSpace(settings.AuthentikHost))
        {
            problems.Add("authentik_host is empty; set it to the URL the outpost container reaches authentik at, for example https://authentik.example.com.");
        }

        var labels = new OrderedDictionary<string, string>(StringComparer.Ordinal)
        {
            [DockerLabelKeys.OutpostUuid] = outpost.Uuid.ToString("N"),
            [DockerLabelKeys.ManagedBy] = DockerLabelKeys.ManagedByValue,
        };
        AddUserLabels(settings.DockerLabels, labels, problems);

        IReadOnlyList<KeyValuePair<string, string>> traefikLabels = [];
        if (name is not null)
        {
            try
            {
                traefikLabels = TraefikLabels.Build(name, outpost.Providers);
            }
            catch (FormatException exception)
            {
                problems.Add(exception.Message);
            }
        }

        if (problems.Count > problemCount || name is null)
        {
            return null;
        }

        // Traefik labels come last and replace user labels of the same key, as in authentik.
        foreach (var (key, value) in traefikLabels)
        {
            labels[key] = value;
        }

        var network = string.IsNullOrWhiteSpace(settings.DockerNetwork) ? null : settings.DockerNetwork;
        var remarks = new List<string>();
        if (outpost.Providers.Count == 0)
        {
            remarks.Add("No providers are assigned, so traefik.enable is false and no router is written; authentik would write the rule '() && PathPrefix(...)', which Traefik rejects.");
        }

        // Docker ignores port bindings on the host and none networks, and Podman drops them from
        // the container, so they are not sent there and cannot show up as a difference.
        var mapPorts = settings.DockerMapPorts && network is not (HostNetwork or NoneNetwork);
        if (settings.DockerMapPorts && !mapPorts)
        {
            remarks.Add($"docker_map_ports is on, but no ports are published on the '{network}' network, where Docker ignores port bindings.");
        }

        return new ContainerSpec
        {
            Outpost = outpost.Name,
            OutpostUuid = outpost.Uuid.ToString("N"),
            Name = name,
            Image = string.IsNullOrWhiteSpace(settings.ContainerImage)
                ? $"{DefaultImageRepository}:{authentikVersion}"
                : settings.ContainerImage,
            Environment =
            [
                new("AUTHENTIK_HOST", settings.AuthentikHost.ToLowerInvariant()),
                new("AUTHENTIK_INSECURE", settings.AuthentikHostInsecure ? "true" : "false"),
                new(ContainerSpec.TokenVariable, outpost.Token!),
                new("AUTHENTIK_HOST_BROWSER", settings.AuthentikHostBrowser),
            ],
            Labels = labels,
            Network = network,
            PublishedPorts = mapPorts ? ProxyPorts : [],
            Remarks = remarks,
        };
    }

    // User labels replace the base labels in authentik, except the two this host finds its
    // containers by: overriding those would orphan the container or hand it to another manager.
    private static void AddUserLabels(
        IReadOnlyDictionary<string, string>? userLabels,
        OrderedDictionary<string, string> labels,
        List<string> problems)
    {
        if (userLabels is null)
        {
            return;
        }

        foreach (var (key, value) in userLabels)
        {
            if (key is DockerLabelKeys.OutpostUuid or DockerLabelKeys.ManagedBy)
            {
                problems.Add($"docker_labels sets '{key}', which the host uses to find the outpost's container; remove it from docker_labels.");
            }
            else if (string.IsNullOrWhiteSpace(key) || key.Any(character => char.IsWhiteSpace(character) || char.IsControl(character) || character == '='))
            {
                problems.Add($"docker_labels has the invalid key '{key}'; a label key is not empty and contains no white space, control characters or '='.");
            }
            else if (value is null || value.Any(char.IsControl))
            {
                problems.Add($"docker_labels has an invalid value for '{key}'; a label value is a string without control characters.");
            }
            else
            {
                labels[key] = value;
            }
        }
    }

    // Docker's container name pattern: [a-zA-Z0-9][a-zA-Z0-9_.-]+ (daemon/names.go).
    private static bool IsValidContainerName(string name) =>
        name.Length >= 2
        && char.IsAsciiLetterOrDigit(name[0])
        && name.All(character => char.IsAsciiLetterOrDigit(character) || character is '_' or '.' or '-');
}
