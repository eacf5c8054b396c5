using System.Net.Sockets;
using Authentik.Plugins.Deployment;
using Authentik.Plugins.Outposts;
using Docker.DotNet;
using Docker.DotNet.NativeHttp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Authentik.Plugins.DockerLabels;

/// <summary>
/// Deployment integration <c>docker</c>: runs one container per managed proxy outpost whose
/// service connection is Docker, with authentik's environment and Traefik labels, through the
/// engine's API. The embedded outpost gets no container.
/// </summary>
public sealed class DockerDeploymentIntegration : IDeploymentIntegration
{
    /// <summary>The integration name.</summary>
    public const string IntegrationName = "docker";

    // Stands in for the outpost name in errors about containers of outposts that no longer exist.
    private const string RemovedOutposts = "(removed outposts)";

    private readonly DockerLabelsOptions _options;
    private readonly ILogger _logger;

    /// <summary>Creates the integration.</summary>
    /// <param name="options">Settings of the integration.</param>
    /// <param name="logger">Logger for the changes made and the failures.</param>
    public DockerDeploymentIntegration(IOptions<DockerLabelsOptions> options, ILogger<DockerDeploymentIntegration> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);

        _options = options.Value;
        _logger = logger;
    }

    /// <inheritdoc />
    public string Name => IntegrationName;

    /// <inheritdoc />
    public Task<DeploymentPlan> PlanAsync(DeploymentRequest request, CancellationToken cancellationToken) =>
        RunAsync(request, apply: false, cancellationToken);

    /// <inheritdoc />
    public Task<DeploymentPlan> ApplyAsync(DeploymentRequest request, CancellationToken cancellationToken) =>
        RunAsync(request, apply: true, cancellationToken);

    private async Task<DeploymentPlan> RunAsync(DeploymentRequest request, bool apply, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        var actions = new List<DeploymentAction>();
        var errors = new List<DeploymentError>();

        foreach (var outpost in request.Outposts.Where(outpost => outpost.IsEmbedded && request.Includes(outpost)))
        {
            actions.Add(new DeploymentAction
            {
                Outpost = outpost.Name,
                Resource = "container",
                ObjectName = "",
                Kind = DeploymentActionKind.Skipped,
                Reason = "The embedded outpost runs inside this host, so it gets no container, and no Traefik labels are put on the host's own container.",
            });
        }

        var engines = request.Outposts
            .Where(IsDeployedToDocker)
            .GroupBy(outpost => DockerEngineEndpoint.Describe(outpost.ServiceConnection!), StringComparer.Ordinal)
            .OrderBy(engine => engine.Key, StringComparer.Ordinal);
        foreach (var engine in engines)
        {
            await ReconcileEngineAsync(request, engine.Key, [.. engine], apply, actions, errors, cancellationToken);
        }

        return new DeploymentPlan(IntegrationName, actions, errors);
    }

    private async Task ReconcileEngineAsync(
        DeploymentRequest request,
        string connection,
        IReadOnlyList<OutpostConfig> outposts,
        bool apply,
        List<DeploymentAction> actions,
        List<DeploymentError> errors,
        CancellationToken cancellationToken)
    {
        var included = outposts.Where(request.Includes).ToList();
        DockerEngineEndpoint endpoint;
        try
        {
            endpoint = DockerEngineEndpoint.From(outposts[0].ServiceConnection!);
        }
        catch (FormatException exception)
        {
            AddErrors(included, connection, exception.Message, errors, exception);
            return;
        }

        DockerTlsAuthProvider? tls = null;
        try
        {
            tls = endpoint.UsesTls ? new DockerTlsAuthProvider(endpoint) : null;
            using var client = CreateClient(endpoint, tls);
            var reconciler = new ContainerReconciler(client, connection, apply, _logger);

            try
            {
                await client.System.PingAsync(cancellationToken);
            }
            catch (Exception exception) when (IsEngineFailure(exception))
            {
                AddErrors(included, connection, $"The Docker engine is unreachable: {Describe(exception)}", errors, exception);
                return;
            }

            var knownOutpostUuids = request.Outposts.Select(outpost => outpost.Uuid.ToString("N")).ToHashSet(StringComparer.Ordinal);
            foreach (var outpost in included)
            {
                await ReconcileOutpostAsync(reconciler, outpost, request.AuthentikVersion, knownOutpostUuids, actions, errors, cancellationToken);
            }

            // A run for one outpost leaves other outposts' containers alone, removals included.
            if (request.OutpostFilter is null)
            {
                await RemoveOrphansAsync(reconciler, outposts, actions, errors, cancellationToken);
            }
        }
        catch (Exception exception) when (exception is IOException or System.Security.Cryptography.CryptographicException)
        {
            AddErrors(included, connection, $"The TLS files of the connection cannot be loaded: {exception.Message}", errors, exception);
        }
        finally
        {
            tls?.Dispose();
        }
    }

    private async Task ReconcileOutpostAsync(
        ContainerReconciler reconciler,
        OutpostConfig outpost,
        string authentikVersion,
        IReadOnlySet<string> knownOutpostUuids,
        List<DeploymentAction> actions,
        List<DeploymentError> errors,
        CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var spec = ContainerSpecBuilder.Build(outpost, authentikVersion, problems);
        if (spec is null)
        {
            foreach (var problem in problems)
            {
                AddErrors([outpost], reconciler.Connection, problem, errors, exception: null);
            }

            return;
        }

        try
        {
            await reconciler.ReconcileAsync(spec, knownOutpostUuids, actions, cancellationToken);
        }
        catch (Exception exception) when (IsEngineFailure(exception) || exception is DeploymentException)
        {
            AddErrors([outpost], reconciler.Connection, Describe(exception), errors, exception);
        }
    }

    private async Task RemoveOrphansAsync(
        ContainerReconciler reconciler,
        IReadOnlyList<OutpostConfig> outposts,
        List<DeploymentAction> actions,
        List<DeploymentError> errors,
        CancellationToken cancellationToken)
    {
        var keptOutpostUuids = outposts.Select(outpost => outpost.Uuid.ToString("N")).ToHashSet(StringComparer.Ordinal);
        try
        {
            await reconciler.RemoveOrphansAsync(keptOutpostUuids, actions, cancellationToken);
        }
        catch (Exception exception) when (IsEngineFailure(exception))
        {
            var message = $"Removing containers of outposts that no longer exist failed: {Describe(exception)}";
            errors.Add(new DeploymentError(RemovedOutposts, reconciler.Connection, message));
            Log.OutpostFailed(_logger, RemovedOutposts, reconciler.Connection, message, exception);
        }
    }

    private DockerClient CreateClient(DockerEngineEndpoint endpoint, DockerTlsAuthProvider? tls)
    {
        var timeout = TimeSpan.FromSeconds(_options.RequestTimeoutSeconds);
        if (endpoint.Uri.Scheme == "unix")
        {
            return new DockerClientBuilder().WithEndpoint(endpoint.Uri).WithTimeout(timeout).Build();
        }

        // The transport is chosen first, because choosing it starts a new builder.
        var builder = new DockerClientBuilder()
            .WithTransportOptions(new NativeHttpTransportOptions());
        builder.WithEndpoint(endpoint.Uri).WithTimeout(timeout);
        if (tls is not null)
        {
            builder.WithAuthProvider(tls);
        }

        return builder.Build();
    }

    private void AddErrors(
        IEnumerable<OutpostConfig> outposts,
        string connection,
        string message,
        List<DeploymentError> errors,
        Exception? exception)
    {
        foreach (var outpost in outposts)
        {
            errors.Add(new DeploymentError(outpost.Name, connection, message));
            Log.OutpostFailed(_logger, outpost.Name, connection, message, exception);
        }
    }

    private static bool IsDeployedToDocker(OutpostConfig outpost) =>
        !outpost.IsEmbedded && outpost.ServiceConnection is { Kind: ServiceConnectionKind.Docker };

    // Failures of the engine or of the connection to it. Programming errors are not caught.
    private static bool IsEngineFailure(Exception exception) =>
        exception is DockerApiException or HttpRequestException or SocketException or IOException or TimeoutException
            || (exception is TaskCanceledException && exception.InnerException is TimeoutException);

    private static string Describe(Exception exception) => exception switch
    {
        DockerApiException apiException => $"The engine rejected the call: {ContainerReconciler.DescribeApiError(apiException)}",
        DeploymentException => exception.Message,
        _ when exception.InnerException is not null => $"{exception.Message} ({exception.InnerException.Message})",
        _ => exception.Message,
    };
}
