using Authentik.Plugins.Deployment;
using Microsoft.Extensions.Primitives;

namespace Authentik.Plugins.Host.Deployment;

/// <summary>
/// Applies every deployment integration when the host starts and again each time a new outpost
/// snapshot replaces the current one. Failures are logged per outpost and retried on the next
/// change.
/// </summary>
internal sealed class DeploymentBackgroundService : BackgroundService
{
    // Change tokens without callbacks are polled at this interval.
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    private readonly DeploymentRunner _runner;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<DeploymentBackgroundService> _logger;

    public DeploymentBackgroundService(DeploymentRunner runner, TimeProvider timeProvider, ILogger<DeploymentBackgroundService> logger)
    {
        _runner = runner;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_runner.IntegrationNames.Any())
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var snapshot = _runner.GetSnapshot();
            Log.ReconcileStarting(_logger, snapshot.Revision);
            try
            {
                var plans = await _runner.RunAsync(snapshot, outpostFilter: null, apply: true, stoppingToken);
                var changes = plans.Sum(plan => plan.Actions.Count(action => action.Kind is not (DeploymentActionKind.Unchanged or DeploymentActionKind.Skipped)));
                Log.ReconcileFinished(_logger, snapshot.Revision, changes, plans.Sum(plan => plan.Errors.Count));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                Log.ReconcileFailed(_logger, snapshot.Revision, exception);
            }

            try
            {
                await WaitForChangeAsync(snapshot.ChangeToken, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task WaitForChangeAsync(IChangeToken changeToken, CancellationToken stoppingToken)
    {
        if (!changeToken.ActiveChangeCallbacks)
        {
            while (!changeToken.HasChanged)
            {
                await Task.Delay(PollInterval, _timeProvider, stoppingToken);
            }

            return;
        }

        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = changeToken.RegisterChangeCallback(state => ((TaskCompletionSource)state!).TrySetResult(), changed);
        await changed.Task.WaitAsync(stoppingToken);
    }
}
