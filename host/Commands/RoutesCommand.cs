using Authentik.Plugins.Host.Routing;

namespace Authentik.Plugins.Host.Commands;

/// <summary><c>routes</c>: prints the effective order of the routing stages and the stages left out.</summary>
internal sealed class RoutesCommand : IHostCommand
{
    private readonly RoutingPipeline _pipeline;

    public RoutesCommand(RoutingPipeline pipeline)
    {
        _pipeline = pipeline;
    }

    public string Name => "routes";

    public string Description => "prints the routing stages in the order requests meet them, and the stages left out with the reason.";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);

        var stages = _pipeline.Order.Stages;
        var nameWidth = stages.Max(registration => registration.Stage.Name.Length);
        var destinationWidth = stages.Max(registration => registration.Stage.Destination.Length);

        await output.WriteLineAsync("Routing stages, in the order requests meet them:");
        for (var index = 0; index < stages.Count; index++)
        {
            var (stage, source) = (stages[index].Stage, stages[index].Source);
            await output.WriteLineAsync(
                $"  {index + 1,2}. {stage.Name.PadRight(nameWidth)}  dest={stage.Destination.PadRight(destinationWidth)}  {source}");
        }

        if (_pipeline.Order.Errors.Count == 0)
        {
            return 0;
        }

        await output.WriteLineAsync("Left out:");
        foreach (var error in _pipeline.Order.Errors)
        {
            await output.WriteLineAsync($"  - '{error.StageName}' from {error.Source}: {error.Message}");
        }

        return 1;
    }
}
