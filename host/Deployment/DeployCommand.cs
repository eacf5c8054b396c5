using Authentik.Plugins.Host.Commands;

namespace Authentik.Plugins.Host.Deployment;

/// <summary>
/// <c>deploy plan [outpost] [--json]</c> shows what every deployment integration would create,
/// change or remove; <c>deploy apply [outpost] [--json]</c> makes the platforms match.
/// </summary>
internal sealed class DeployCommand : IHostCommand
{
    /// <summary>Exit code when every outpost was handled without error.</summary>
    public const int Success = 0;

    /// <summary>Exit code when at least one outpost failed.</summary>
    public const int Failed = 1;

    /// <summary>Exit code of invalid arguments.</summary>
    public const int Usage = 2;

    private const string UsageText = "Usage: deploy plan|apply [outpost] [--json]";

    private readonly DeploymentRunner _runner;
    private readonly CommandOutpostLoader? _loader;

    /// <summary>Creates the command.</summary>
    /// <param name="runner">Runs the integrations.</param>
    /// <param name="loader">Loads the outposts before a run, or <see langword="null"/> when the snapshot is already current.</param>
    public DeployCommand(DeploymentRunner runner, CommandOutpostLoader? loader = null)
    {
        _runner = runner;
        _loader = loader;
    }

    /// <inheritdoc />
    public string Name => "deploy";

    /// <inheritdoc />
    public string Description => "plan|apply [outpost] [--json]: prints, or applies, what each deployment integration would change for the outposts.";

    /// <inheritdoc />
    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(output);

        var json = arguments.Contains("--json", StringComparer.Ordinal);
        var positional = arguments.Where(argument => argument != "--json").ToList();
        var unknownOption = positional.FirstOrDefault(argument => argument.StartsWith("--", StringComparison.Ordinal));
        if (unknownOption is not null)
        {
            await output.WriteLineAsync($"Unknown option '{unknownOption}'. {UsageText}");
            return Usage;
        }

        if (positional.Count is 0 or > 2 || positional[0] is not ("plan" or "apply"))
        {
            await output.WriteLineAsync(positional.Count == 0
                ? $"Missing subcommand. {UsageText}"
                : $"Invalid arguments '{string.Join(' ', arguments)}'. {UsageText}");
            return Usage;
        }

        var apply = positional[0] == "apply";
        var outpostFilter = positional.Count == 2 ? positional[1] : null;
        if (_loader is not null)
        {
            await _loader.LoadAsync(cancellationToken);
        }

        var snapshot = _runner.GetSnapshot();
        if (outpostFilter is not null && !snapshot.Outposts.Any(outpost => outpost.Name == outpostFilter))
        {
            var known = string.Join(", ", snapshot.Outposts.Select(outpost => $"'{outpost.Name}'"));
            await output.WriteLineAsync($"Outpost '{outpostFilter}' not found; known outposts: {(known.Length == 0 ? "none" : known)}.");
            return Usage;
        }

        var plans = await _runner.RunAsync(snapshot, outpostFilter, apply, cancellationToken);
        if (json)
        {
            DeploymentReportWriter.WriteJson(output, plans, apply, outpostFilter);
        }
        else if (plans.Count == 0)
        {
            await output.WriteLineAsync("No deployment integration is loaded; the docker-labels and kubernetes-service plugins provide them.");
        }
        else
        {
            DeploymentReportWriter.WriteText(output, plans, apply);
        }

        return plans.Any(plan => plan.Errors.Count > 0) ? Failed : Success;
    }
}
