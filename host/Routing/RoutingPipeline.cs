using Authentik.Plugins.Host.Metrics;
using Authentik.Plugins.Host.Plugins;
using Authentik.Plugins.Routing;
using Prometheus;

namespace Authentik.Plugins.Host.Routing;

/// <summary>
/// The effective stage order, built once at start: the built-in stages and every stage that
/// plugins or the host added, with the duration histogram of each stage's destination.
/// </summary>
internal sealed partial class RoutingPipeline
{
    public RoutingPipeline(
        OutpostPathsStage outpostPaths,
        ProviderHostsStage providerHosts,
        CoreStage core,
        PluginActivator activator,
        RequestDurationMetrics metrics,
        ILogger<RoutingPipeline> logger)
    {
        StageRegistration[] builtIns =
        [
            new(outpostPaths, StageRegistration.BuiltInSource),
            new(providerHosts, StageRegistration.BuiltInSource),
            new(core, StageRegistration.BuiltInSource),
        ];
        Order = StageOrder.Build(builtIns, activator.CreateStages());
        Stages = [.. Order.Stages.Select(registration => registration.Stage)];
        Durations = [.. Stages.Select(stage => metrics.ForDestination(stage.Destination))];

        foreach (var error in Order.Errors)
        {
            Log.StageLeftOut(logger, error.StageName, error.Source, error.Message);
        }

        Log.StageOrder(logger, string.Join(" -> ", Stages.Select(stage => stage.Name)));
    }

    public StageOrder Order { get; }

    /// <summary>The stages in order; an array, so choosing a stage allocates nothing.</summary>
    public IRoutingStage[] Stages { get; }

    /// <summary>The duration histogram of each stage, at the same index as <see cref="Stages"/>.</summary>
    public Histogram.Child[] Durations { get; }

    private static partial class Log
    {
        [LoggerMessage(1060, LogLevel.Information, "Routing stages in order: {Stages}.", EventName = nameof(StageOrder))]
        public static partial void StageOrder(ILogger logger, string stages);

        [LoggerMessage(1061, LogLevel.Error, "Routing stage '{Stage}' from {Source} is left out: {Reason}", EventName = nameof(StageLeftOut))]
        public static partial void StageLeftOut(ILogger logger, string stage, string source, string reason);
    }
}
