using Authentik.Plugins.Host.Routing;

namespace Authentik.Plugins.Host.Commands;

/// <summary><c>routes</c>: prints the effective order of the routing stages and the stages left out.</summary>
internal sealed class RoutesCommand : IHostCommand
{
    private readonly IServiceProvider _services;

    // The pipeline is resolved when the command runs, so other commands never create the plugins' stages.
    public RoutesCommand(IServiceProvider services)
    {
        _services = services;
    }

    public string Name => "routes";

    public string Description => "prints the routing stages in the order requests meet them, and the stages left out with the reason.";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);

        var order = _services.GetRequiredService<RoutingPipeline>().Order;
        var stages = order.Stages;
        var nameWidth = stages.Max(registration => registration.Stage.Name.Length);
        var destinationWidth = stages.Max(registration => registration.Stage.Destination.Length);

        await output.WriteLineAsync("Routing stages, in the order requests meet them:");
        for (var index = 0; index < stages.Count; index++)
        {
            var (stage, source) = (stages[index].Stage, stages[index].Source);
            await output.WriteLineAsync(
                $"  {index + 1,2}. {stage.Name.PadRight(nameWidth)}  dest={stage.Destination.PadRight(destinationWidth)}  {source}");
        }

        if (order.Errors.Count == 0)
        {
            return 0;
        }

        await output.WriteLineAsync("Left out:");
        foreach (var error in order.Errors)
        {
            await output.WriteLineAsync($"  - '{error.StageName}' from {error.Source}: {error.Message}");
        }

        return 1;
    }
}
