using Authentik.Plugins.State;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Authentik.Plugins.Host.EmbeddedOutpost;

/// <summary>Deletes expired outpost sessions every five minutes.</summary>
internal sealed partial class ExpiredSessionCleanup(
    IOutpostSessionStore store,
    TimeProvider timeProvider,
    ILogger<ExpiredSessionCleanup> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, timeProvider);
        do
        {
            try
            {
                var deleted = await store.DeleteExpiredAsync(timeProvider.GetUtcNow(), stoppingToken);
                if (deleted > 0)
                {
                    Log.ExpiredSessionsDeleted(logger, deleted);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Log.ExpiredSessionCleanupFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static partial class Log
    {
        [LoggerMessage(1580, LogLevel.Debug, "Deleted {Count} expired outpost sessions.", EventName = nameof(ExpiredSessionsDeleted))]
        public static partial void ExpiredSessionsDeleted(ILogger logger, int count);

        [LoggerMessage(1581, LogLevel.Error, "Deleting expired outpost sessions failed; the next attempt runs in five minutes.", EventName = nameof(ExpiredSessionCleanupFailed))]
        public static partial void ExpiredSessionCleanupFailed(ILogger logger, Exception exception);
    }
}
