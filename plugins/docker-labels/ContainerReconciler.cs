using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Authentik.Plugins.Deployment;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;

namespace Authentik.Plugins.DockerLabels;

/// <summary>
/// Compares the containers of the outposts on one Docker engine with their specs and, when
/// applying, creates, recreates, starts and removes containers until they match.
/// </summary>
internal sealed class ContainerReconciler
{
    private const string ContainerResource = "container";

    private static readonly JsonSerializerOptions DocumentOptions = new() { WriteIndented = true };

    private readonly IDockerClient _client;
    private readonly string _connection;
    private readonly bool _apply;
    private readonly ILogger _logger;

    /// <summary>Creates a reconciler for the engine behind <paramref name="client"/>.</summary>
    /// <param name="client">Client of the engine.</param>
    /// <param name="connection">Connection name and URL, for actions, errors and logs.</param>
    /// <param name="apply">Whether to change the engine, or only work out the plan.</param>
    /// <param name="logger">Logger of the integration.</param>
    public ContainerReconciler(IDockerClient client, string connection, bool apply, ILogger logger)
    {
        _client = client;
        _connection = connection;
        _apply = apply;
        _logger = logger;
    }

    /// <summary>Connection name and URL.</summary>
    public string Connection => _connection;

    /// <summary>
    /// Makes the engine's containers of one outpost match <paramref name="spec"/>, or works out
    /// what would change. A failed engine call throws and leaves the actions taken so far in
    /// <paramref name="actions"/>.
    /// </summary>
    /// <param name="spec">The outpost's container.</param>
    /// <param name="knownOutpostUuids">Ids in hex of every outpost that exists; a container of another id may be replaced.</param>
    /// <param name="actions">Receives the actions.</param>
    /// <param name="cancellationToken">Cancels the engine calls.</param>
    public async Task ReconcileAsync(
        ContainerSpec spec,
        IReadOnlySet<string> knownOutpostUuids,
        List<DeploymentAction> actions,
        CancellationToken cancellationToken)
    {
        foreach (var stale in await ListManagedAsync(spec.OutpostUuid, cancellationToken))
        {
            var staleName = GetName(stale);
            if (staleName != spec.Name)
            {
                await RemoveAsync(spec.Outpost, stale, $"The container name changed to '{spec.Name}'.", actions, cancellationToken);
            }
        }

        var existing = await InspectAsync(spec.Name, cancellationToken);
        if (existing is null)
        {
            await CreateAndStartAsync(spec, DeploymentActionKind.Create, "The container does not exist.", actions, cancellationToken);
            return;
        }

        var owner = GetManagedOutpostUuid(existing);
        if (owner is not null && owner != spec.OutpostUuid && !knownOutpostUuids.Contains(owner))
        {
            // The name is left over from an outpost that was deleted, for example one re-created under the same name.
            await RemoveAsync(spec.Outpost, existing.ID, spec.Name, existing.Config?.Labels, $"The container belongs to outpost id {owner}, which no longer exists.", actions, cancellationToken);
            await CreateAndStartAsync(spec, DeploymentActionKind.Create, "The container does not exist.", actions, cancellationToken);
            return;
        }

        if (owner != spec.OutpostUuid)
        {
            throw new DeploymentException(
                $"A container named '{spec.Name}' exists but was not created by this host for this outpost (labels {DockerLabelKeys.ManagedBy} and {DockerLabelKeys.OutpostUuid}); rename or remove it, or change object_naming_template.");
        }

        var imageLabels = await InspectImageLabelsAsync(existing.Image, cancellationToken);
        var differences = ContainerComparer.FindDifferences(spec, existing, imageLabels);
        if (differences.Count > 0)
        {
            var reason = $"Differs in {string.Join(", ", differences)}.";
            if (_apply)
            {
                await _client.Containers.RemoveContainerAsync(existing.ID, new ContainerRemoveParameters { Force = true }, cancellationToken);
            }

            await CreateAndStartAsync(spec, DeploymentActionKind.Recreate, reason, actions, cancellationToken);
            return;
        }

        if (existing.State?.Running != true)
        {
            actions.Add(CreateAction(spec, DeploymentActionKind.Start, $"The container is {existing.State?.Status ?? "not running"}."));
            if (_apply)
            {
                await StartAsync(spec, existing.ID, cancellationToken);
            }

            return;
        }

        actions.Add(CreateAction(spec, DeploymentActionKind.Unchanged, "The container matches and is running."));
    }

    /// <summary>
    /// Removes, or plans to remove, the containers this host manages on the engine whose outpost
    /// id is not in <paramref name="keptOutpostUuids"/>.
    /// </summary>
    /// <param name="keptOutpostUuids">Outpost ids in hex whose containers on this engine stay.</param>
    /// <param name="actions">Receives one action per removed container.</param>
    /// <param name="cancellationToken">Cancels the engine calls.</param>
    public async Task RemoveOrphansAsync(IReadOnlySet<string> keptOutpostUuids, List<DeploymentAction> actions, CancellationToken cancellationToken)
    {
        foreach (var container in await ListManagedAsync(outpostUuid: null, cancellationToken))
        {
            var uuid = container.Labels?.TryGetValue(DockerLabelKeys.OutpostUuid, out var value) == true ? value : "";
            if (!keptOutpostUuids.Contains(uuid))
            {
                await RemoveAsync(
                    $"removed outpost {uuid}",
                    container,
                    "No outpost with this id is deployed to this engine any more.",
                    actions,
                    cancellationToken);
            }
        }
    }

    private async Task CreateAndStartAsync(
        ContainerSpec spec,
        DeploymentActionKind kind,
        string reason,
        List<DeploymentAction> actions,
        CancellationToken cancellationToken)
    {
        var created = CreateAction(spec, kind, reason);
        if (!_apply)
        {
            actions.Add(created);
            return;
        }

        await EnsureImageAsync(spec.Image, cancellationToken);
        var response = await _client.Containers.CreateContainerAsync(CreateParameters(spec), cancellationToken);
        actions.Add(created);
        if (kind == DeploymentActionKind.Create)
        {
            Log.ContainerCreated(_logger, spec.Name, spec.Outpost, _connection);
        }
        else
        {
            Log.ContainerRecreated(_logger, spec.Name, spec.Outpost, _connection, reason);
        }

        await StartAsync(spec, response.ID, cancellationToken);
    }

    private async Task StartAsync(ContainerSpec spec, string containerId, CancellationToken cancellationToken)
    {
        try
        {
            await _client.Containers.StartContainerAsync(containerId, new ContainerStartParameters(), cancellationToken);
        }
        catch (DockerApiException exception)
        {
            throw new DeploymentException(
                $"Container '{spec.Name}' exists but the engine failed to start it: {DescribeApiError(exception)}",
                exception);
        }

        Log.ContainerStarted(_logger, spec.Name, spec.Outpost, _connection);
    }

    private Task RemoveAsync(
        string outpost,
        ContainerListResponse container,
        string reason,
        List<DeploymentAction> actions,
        CancellationToken cancellationToken) =>
        RemoveAsync(outpost, container.ID, GetName(container), container.Labels, reason, actions, cancellationToken);

    private async Task RemoveAsync(
        string outpost,
        string containerId,
        string name,
        IDictionary<string, string>? labels,
        string reason,
        List<DeploymentAction> actions,
        CancellationToken cancellationToken)
    {
        if (_apply)
        {
            await _client.Containers.RemoveContainerAsync(containerId, new ContainerRemoveParameters { Force = true }, cancellationToken);
            Log.ContainerRemoved(_logger, name, outpost, _connection);
        }

        actions.Add(new DeploymentAction
        {
            Outpost = outpost,
            Resource = ContainerResource,
            ObjectName = name,
            Kind = DeploymentActionKind.Remove,
            Reason = reason,
            Labels = new Dictionary<string, string>(labels ?? new Dictionary<string, string>(), StringComparer.Ordinal),
        });
    }

    private async Task EnsureImageAsync(string image, CancellationToken cancellationToken)
    {
        try
        {
            await _client.Images.InspectImageAsync(image, cancellationToken);
            return;
        }
        catch (DockerImageNotFoundException)
        {
        }
        catch (DockerApiException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
        }

        // Pull the image, as authentik does before it creates the container.
        // NOTE: the tests have no registry, so this pull is untested.
        var normalized = ImageReference.Normalize(image);
        var tagStart = normalized.LastIndexOf(':');
        var parameters = normalized.Contains('@', StringComparison.Ordinal) || tagStart < normalized.LastIndexOf('/')
            ? new ImagesCreateParameters { FromImage = normalized }
            : new ImagesCreateParameters { FromImage = normalized[..tagStart], Tag = normalized[(tagStart + 1)..] };
        try
        {
            await _client.Images.CreateImageAsync(parameters, new AuthConfig(), new Progress<JSONMessage>(), cancellationToken);
        }
        catch (DockerApiException exception)
        {
            throw new DeploymentException($"Image '{image}' is not on the engine and pulling it failed: {DescribeApiError(exception)}", exception);
        }
    }

    private async Task<ContainerInspectResponse?> InspectAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.Containers.InspectContainerAsync(name, cancellationToken);
        }
        catch (DockerContainerNotFoundException)
        {
            return null;
        }
        catch (DockerApiException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<IDictionary<string, string>?> InspectImageLabelsAsync(string imageId, CancellationToken cancellationToken)
    {
        try
        {
            var image = await _client.Images.InspectImageAsync(imageId, cancellationToken);
            return image.Config?.Labels;
        }
        catch (DockerImageNotFoundException)
        {
            return null;
        }
        catch (DockerApiException exception) when (exception.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task<IList<ContainerListResponse>> ListManagedAsync(string? outpostUuid, CancellationToken cancellationToken)
    {
        var labelFilters = new Dictionary<string, bool>(StringComparer.Ordinal)
        {
            [$"{DockerLabelKeys.ManagedBy}={DockerLabelKeys.ManagedByValue}"] = true,
        };
        if (outpostUuid is not null)
        {
            labelFilters[$"{DockerLabelKeys.OutpostUuid}={outpostUuid}"] = true;
        }

        var containers = await _client.Containers.ListContainersAsync(
            new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = labelFilters },
            },
            cancellationToken);

        return containers.OrderBy(GetName, StringComparer.Ordinal).ToList();
    }

    // The outpost id of a container this host manages, or null for any other container.
    private static string? GetManagedOutpostUuid(ContainerInspectResponse container)
    {
        var labels = container.Config?.Labels;
        if (labels is null
            || !labels.TryGetValue(DockerLabelKeys.ManagedBy, out var manager)
            || manager != DockerLabelKeys.ManagedByValue)
        {
            return null;
        }

        return labels.TryGetValue(DockerLabelKeys.OutpostUuid, out var uuid) ? uuid : null;
    }

    private static CreateContainerParameters CreateParameters(ContainerSpec spec) => new()
    {
        Name = spec.Name,
        Image = spec.Image,
        Env = spec.FormatEnvironment(maskToken: false).ToList(),
        Labels = new Dictionary<string, string>(spec.Labels, StringComparer.Ordinal),
        ExposedPorts = spec.PublishedPorts.ToDictionary(port => port, _ => default(EmptyStruct), StringComparer.Ordinal),
        HostConfig = new HostConfig
        {
            RestartPolicy = new RestartPolicy { Name = RestartPolicyKind.UnlessStopped },
            // "default" is the engine's default network, which Docker also uses when the field is empty.
            NetworkMode = spec.Network ?? "default",
            PortBindings = ContainerComparer.CreatePortBindings(spec),
        },
    };

    private DeploymentAction CreateAction(ContainerSpec spec, DeploymentActionKind kind, string reason) => new()
    {
        Outpost = spec.Outpost,
        Resource = ContainerResource,
        ObjectName = spec.Name,
        Kind = kind,
        Reason = spec.Remarks.Count == 0 ? reason : $"{reason} {string.Join(" ", spec.Remarks)}",
        Labels = spec.Labels,
        Document = FormatDocument(spec),
    };

    // The container as it is sent, with the token masked, for people reading a plan.
    private string FormatDocument(ContainerSpec spec)
    {
        var document = new JsonObject
        {
            ["connection"] = _connection,
            ["name"] = spec.Name,
            ["image"] = spec.Image,
            ["env"] = new JsonArray(spec.FormatEnvironment(maskToken: true).Select(entry => (JsonNode?)entry).ToArray()),
            ["labels"] = new JsonObject(spec.Labels.Select(label => KeyValuePair.Create(label.Key, (JsonNode?)label.Value))),
            ["restart_policy"] = ContainerSpec.RestartPolicy,
            ["network"] = spec.Network,
            ["ports"] = new JsonArray(spec.PublishedPorts.Select(port => (JsonNode?)$"{port.Split('/')[0]}:{port}").ToArray()),
        };

        return document.ToJsonString(DocumentOptions);
    }

    private static string GetName(ContainerListResponse container) =>
        container.Names?.FirstOrDefault()?.TrimStart('/') ?? container.ID;

    /// <summary>Returns the engine's message for a failed call, with its HTTP status.</summary>
    public static string DescribeApiError(DockerApiException exception)
    {
        var body = exception.ResponseBody?.Trim() ?? "";
        try
        {
            if (JsonNode.Parse(body)?["message"]?.GetValue<string>() is { } message)
            {
                body = message;
            }
        }
        catch (JsonException)
        {
            // A proxy in front of the engine returns an HTML page, whose title is the message.
            var titleStart = body.IndexOf("<title>", StringComparison.OrdinalIgnoreCase);
            var titleEnd = body.IndexOf("</title>", StringComparison.OrdinalIgnoreCase);
            if (titleStart >= 0 && titleEnd > titleStart)
            {
                body = body[(titleStart + "<title>".Length)..titleEnd].Trim();
            }
        }

        return $"{(int)exception.StatusCode} {exception.StatusCode}: {body}";
    }
}
